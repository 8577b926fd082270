// The single source of truth for frontend configuration: the only module that reads process.env.
export interface UnifiedApiConfig {
  environment: string;
  urls: { api: string; websocket: string; auth: string; frontend: string };
}

export function getUnifiedApiConfig(): UnifiedApiConfig {
  return {
    environment: process.env.NEXT_PUBLIC_ENVIRONMENT ?? 'development',
    urls: {
      api: process.env.NEXT_PUBLIC_API_URL ?? 'http://localhost:8000',
      websocket: process.env.NEXT_PUBLIC_WS_URL ?? 'ws://localhost:8000/ws',
      auth: process.env.NEXT_PUBLIC_AUTH_URL ?? 'http://localhost:8081',
      frontend: process.env.NEXT_PUBLIC_FRONTEND_URL ?? 'http://localhost:3000',
    },
  };
}
