export { reexported } from './impl';

export function getApi() {
  return new ApiClient();
}

export class ApiClient {}
