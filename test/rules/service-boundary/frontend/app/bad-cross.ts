import { schema } from '../../netra_backend/static/schema';

export const s = schema;
