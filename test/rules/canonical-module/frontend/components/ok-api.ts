import { getApiConfig } from '@/lib/api-config';
import { getApiConfig as again } from '../lib/api-config';

export const urls = [getApiConfig().url, again().url];
