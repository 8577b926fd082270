import { getApiConfig as cfg } from '@/lib/legacy-config';
import type { Thing } from '../lib/legacy-config';

export const url = cfg().url;
export type T = Thing;
