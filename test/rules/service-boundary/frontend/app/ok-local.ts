import { api } from '../lib/api';
import React from 'react';

export const a = [api, React];
