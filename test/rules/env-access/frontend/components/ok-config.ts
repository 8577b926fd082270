import { getUnifiedApiConfig } from '../lib/unified-api-config';

// process.env.NEXT_PUBLIC_API_URL is read by the config module only.
export const api = getUnifiedApiConfig().urls.api;
export const doc = 'process.env.SECRET is not read here';
