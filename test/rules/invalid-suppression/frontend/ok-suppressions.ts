// ssot-lint-ignore-next-line env-access -- build tooling reads its own variable
export const a = process.env.BUILD_ID;
