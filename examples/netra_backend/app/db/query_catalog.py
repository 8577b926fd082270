"""Report queries, one constant per report (this file grew past the size limit)."""

REPORT_000_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '1 days'"
)

REPORT_001_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '2 days'"
)

REPORT_002_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '3 days'"
)

REPORT_003_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '4 days'"
)

REPORT_004_EVENTS = (
    "SELECT id, created_at FROM events "
    "WHERE created_at > now() - interval '5 days'"
)

REPORT_005_PAYMENTS = (
    "SELECT id, created_at FROM payments "
    "WHERE created_at > now() - interval '6 days'"
)

REPORT_006_TEAMS = (
    "SELECT id, created_at FROM teams "
    "WHERE created_at > now() - interval '7 days'"
)

REPORT_007_PROJECTS = (
    "SELECT id, created_at FROM projects "
    "WHERE created_at > now() - interval '8 days'"
)

REPORT_008_AUDITS = (
    "SELECT id, created_at FROM audits "
    "WHERE created_at > now() - interval '9 days'"
)

REPORT_009_TOKENS = (
    "SELECT id, created_at FROM tokens "
    "WHERE created_at > now() - interval '10 days'"
)

REPORT_010_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '11 days'"
)

REPORT_011_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '12 days'"
)

REPORT_012_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '13 days'"
)

REPORT_013_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '14 days'"
)

REPORT_014_EVENTS = (
    "SELECT id, created_at FROM events "
    "WHERE created_at > now() - interval '15 days'"
)

REPORT_015_PAYMENTS = (
    "SELECT id, created_at FROM payments "
    "WHERE created_at > now() - interval '16 days'"
)

REPORT_016_TEAMS = (
    "SELECT id, created_at FROM teams "
    "WHERE created_at > now() - interval '17 days'"
)

REPORT_017_PROJECTS = (
    "SELECT id, created_at FROM projects "
    "WHERE created_at > now() - interval '18 days'"
)

REPORT_018_AUDITS = (
    "SELECT id, created_at FROM audits "
    "WHERE created_at > now() - interval '19 days'"
)

REPORT_019_TOKENS = (
    "SELECT id, created_at FROM tokens "
    "WHERE created_at > now() - interval '20 days'"
)

REPORT_020_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '21 days'"
)

REPORT_021_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '22 days'"
)

REPORT_022_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '23 days'"
)

REPORT_023_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '24 days'"
)

REPORT_024_EVENTS = (
    "SELECT id, created_at FROM events "
    "WHERE created_at > now() - interval '25 days'"
)

REPORT_025_PAYMENTS = (
    "SELECT id, created_at FROM payments "
    "WHERE created_at > now() - interval '26 days'"
)

REPORT_026_TEAMS = (
    "SELECT id, created_at FROM teams "
    "WHERE created_at > now() - interval '27 days'"
)

REPORT_027_PROJECTS = (
    "SELECT id, created_at FROM projects "
    "WHERE created_at > now() - interval '28 days'"
)

REPORT_028_AUDITS = (
    "SELECT id, created_at FROM audits "
    "WHERE created_at > now() - interval '29 days'"
)

REPORT_029_TOKENS = (
    "SELECT id, created_at FROM tokens "
    "WHERE created_at > now() - interval '30 days'"
)

REPORT_030_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '1 days'"
)

REPORT_031_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '2 days'"
)

REPORT_032_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '3 days'"
)

REPORT_033_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '4 days'"
)

REPORT_034_EVENTS = (
    "SELECT id, created_at FROM events "
    "WHERE created_at > now() - interval '5 days'"
)

REPORT_035_PAYMENTS = (
    "SELECT id, created_at FROM payments "
    "WHERE created_at > now() - interval '6 days'"
)

REPORT_036_TEAMS = (
    "SELECT id, created_at FROM teams "
    "WHERE created_at > now() - interval '7 days'"
)

REPORT_037_PROJECTS = (
    "SELECT id, created_at FROM projects "
    "WHERE created_at > now() - interval '8 days'"
)

REPORT_038_AUDITS = (
    "SELECT id, created_at FROM audits "
    "WHERE created_at > now() - interval '9 days'"
)

REPORT_039_TOKENS = (
    "SELECT id, created_at FROM tokens "
    "WHERE created_at > now() - interval '10 days'"
)

REPORT_040_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '11 days'"
)

REPORT_041_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '12 days'"
)

REPORT_042_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '13 days'"
)

REPORT_043_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '14 days'"
)

REPORT_044_EVENTS = (
    "SELECT id, created_at FROM events "
    "WHERE created_at > now() - interval '15 days'"
)

REPORT_045_PAYMENTS = (
    "SELECT id, created_at FROM payments "
    "WHERE created_at > now() - interval '16 days'"
)

REPORT_046_TEAMS = (
    "SELECT id, created_at FROM teams "
    "WHERE created_at > now() - interval '17 days'"
)

REPORT_047_PROJECTS = (
    "SELECT id, created_at FROM projects "
    "WHERE created_at > now() - interval '18 days'"
)

REPORT_048_AUDITS = (
    "SELECT id, created_at FROM audits "
    "WHERE created_at > now() - interval '19 days'"
)

REPORT_049_TOKENS = (
    "SELECT id, created_at FROM tokens "
    "WHERE created_at > now() - interval '20 days'"
)

REPORT_050_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '21 days'"
)

REPORT_051_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '22 days'"
)

REPORT_052_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '23 days'"
)

REPORT_053_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '24 days'"
)

REPORT_054_EVENTS = (
    "SELECT id, created_at FROM events "
    "WHERE created_at > now() - interval '25 days'"
)

REPORT_055_PAYMENTS = (
    "SELECT id, created_at FROM payments "
    "WHERE created_at > now() - interval '26 days'"
)

REPORT_056_TEAMS = (
    "SELECT id, created_at FROM teams "
    "WHERE created_at > now() - interval '27 days'"
)

REPORT_057_PROJECTS = (
    "SELECT id, created_at FROM projects "
    "WHERE created_at > now() - interval '28 days'"
)

REPORT_058_AUDITS = (
    "SELECT id, created_at FROM audits "
    "WHERE created_at > now() - interval '29 days'"
)

REPORT_059_TOKENS = (
    "SELECT id, created_at FROM tokens "
    "WHERE created_at > now() - interval '30 days'"
)

REPORT_060_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '1 days'"
)

REPORT_061_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '2 days'"
)

REPORT_062_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '3 days'"
)

REPORT_063_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '4 days'"
)

REPORT_064_EVENTS = (
    "SELECT id, created_at FROM events "
    "WHERE created_at > now() - interval '5 days'"
)

REPORT_065_PAYMENTS = (
    "SELECT id, created_at FROM payments "
    "WHERE created_at > now() - interval '6 days'"
)

REPORT_066_TEAMS = (
    "SELECT id, created_at FROM teams "
    "WHERE created_at > now() - interval '7 days'"
)

REPORT_067_PROJECTS = (
    "SELECT id, created_at FROM projects "
    "WHERE created_at > now() - interval '8 days'"
)

REPORT_068_AUDITS = (
    "SELECT id, created_at FROM audits "
    "WHERE created_at > now() - interval '9 days'"
)

REPORT_069_TOKENS = (
    "SELECT id, created_at FROM tokens "
    "WHERE created_at > now() - interval '10 days'"
)

REPORT_070_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '11 days'"
)

REPORT_071_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '12 days'"
)

REPORT_072_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '13 days'"
)

REPORT_073_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '14 days'"
)

REPORT_074_EVENTS = (
    "SELECT id, created_at FROM events "
    "WHERE created_at > now() - interval '15 days'"
)

REPORT_075_PAYMENTS = (
    "SELECT id, created_at FROM payments "
    "WHERE created_at > now() - interval '16 days'"
)

REPORT_076_TEAMS = (
    "SELECT id, created_at FROM teams "
    "WHERE created_at > now() - interval '17 days'"
)

REPORT_077_PROJECTS = (
    "SELECT id, created_at FROM projects "
    "WHERE created_at > now() - interval '18 days'"
)

REPORT_078_AUDITS = (
    "SELECT id, created_at FROM audits "
    "WHERE created_at > now() - interval '19 days'"
)

REPORT_079_TOKENS = (
    "SELECT id, created_at FROM tokens "
    "WHERE created_at > now() - interval '20 days'"
)

REPORT_080_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '21 days'"
)

REPORT_081_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '22 days'"
)

REPORT_082_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '23 days'"
)

REPORT_083_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '24 days'"
)

REPORT_084_EVENTS = (
    "SELECT id, created_at FROM events "
    "WHERE created_at > now() - interval '25 days'"
)

REPORT_085_PAYMENTS = (
    "SELECT id, created_at FROM payments "
    "WHERE created_at > now() - interval '26 days'"
)

REPORT_086_TEAMS = (
    "SELECT id, created_at FROM teams "
    "WHERE created_at > now() - interval '27 days'"
)

REPORT_087_PROJECTS = (
    "SELECT id, created_at FROM projects "
    "WHERE created_at > now() - interval '28 days'"
)

REPORT_088_AUDITS = (
    "SELECT id, created_at FROM audits "
    "WHERE created_at > now() - interval '29 days'"
)

REPORT_089_TOKENS = (
    "SELECT id, created_at FROM tokens "
    "WHERE created_at > now() - interval '30 days'"
)

REPORT_090_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '1 days'"
)

REPORT_091_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '2 days'"
)

REPORT_092_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '3 days'"
)

REPORT_093_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '4 days'"
)

REPORT_094_EVENTS = (
    "SELECT id, created_at FROM events "
    "WHERE created_at > now() - interval '5 days'"
)

REPORT_095_PAYMENTS = (
    "SELECT id, created_at FROM payments "
    "WHERE created_at > now() - interval '6 days'"
)

REPORT_096_TEAMS = (
    "SELECT id, created_at FROM teams "
    "WHERE created_at > now() - interval '7 days'"
)

REPORT_097_PROJECTS = (
    "SELECT id, created_at FROM projects "
    "WHERE created_at > now() - interval '8 days'"
)

REPORT_098_AUDITS = (
    "SELECT id, created_at FROM audits "
    "WHERE created_at > now() - interval '9 days'"
)

REPORT_099_TOKENS = (
    "SELECT id, created_at FROM tokens "
    "WHERE created_at > now() - interval '10 days'"
)

REPORT_100_USERS = (
    "SELECT id, created_at FROM users "
    "WHERE created_at > now() - interval '11 days'"
)

REPORT_101_ORDERS = (
    "SELECT id, created_at FROM orders "
    "WHERE created_at > now() - interval '12 days'"
)

REPORT_102_INVOICES = (
    "SELECT id, created_at FROM invoices "
    "WHERE created_at > now() - interval '13 days'"
)

REPORT_103_SESSIONS = (
    "SELECT id, created_at FROM sessions "
    "WHERE created_at > now() - interval '14 days'"
)

