export function getApiConfig() {
  return { url: '/legacy' };
}
