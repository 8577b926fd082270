// ssot-lint-ignore-next-line env-access
export const a = process.env.A;
