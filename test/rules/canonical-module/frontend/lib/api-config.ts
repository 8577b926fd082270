export function getApiConfig() {
  return { url: '/api' };
}
