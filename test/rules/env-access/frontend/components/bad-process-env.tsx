import React from 'react';

export function Status() {
  const api = process.env.NEXT_PUBLIC_API_URL;
  const ws = process.env['NEXT_PUBLIC_WS_URL'];
  const analytics = process.env.NEXT_PUBLIC_ANALYTICS_ID;
  return <div data-api={api} data-ws={ws} data-analytics={analytics} />;
}

export const { NODE_ENV } = process.env;
