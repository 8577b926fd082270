export function getSettings() {
  return {};
}

export const configVersion = () => 2;
