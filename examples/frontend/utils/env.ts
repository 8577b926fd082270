export const { NEXT_PUBLIC_WS_URL, NODE_ENV } = process.env;
