def log_summary(created, updated, skipped):
    print(len(created), len(updated), len(skipped))
