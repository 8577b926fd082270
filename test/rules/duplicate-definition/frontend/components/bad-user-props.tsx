import { BaseProps } from '../types/base';

export interface UserProps<T> extends BaseProps {
  user: T;
}

type Id<T> = T & { id: string };

export const show = (p: UserProps<Id<string>>) => p.user;
