export const hasMode = (m: object) => process.env['NODE_ENV']in m;
