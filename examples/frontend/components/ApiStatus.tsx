import React from 'react';

export function ApiStatus() {
  const api = process.env.NEXT_PUBLIC_API_URL;
  const analytics = process.env['NEXT_PUBLIC_ANALYTICS_ID'];
  return <div data-api={api} data-analytics={analytics} />;
}
