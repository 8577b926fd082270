export interface UserProps<T> extends BaseProps {
  user: T;
}

export type Id<T> = T & { id: string };
