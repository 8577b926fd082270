export interface CardProps {
  title: string;
}

function render() {
  interface UserProps {
    local: true;
  }
  return {} as UserProps;
}
