/** Names the window shows for the model's ids (providers, token kinds, environment kinds). */
import type { EnvironmentKind, TokenKind } from '../../shared/model';

export { PROVIDER_NAMES } from '../../shared/provider-names';

export const TOKEN_KIND_NAMES: Readonly<Record<TokenKind, string>> = {
  'api-key': 'API key',
  session: 'Session',
  'personal-access-token': 'Personal access token',
  'satellite-token': 'Satellite token',
  'admin-key': 'Admin key',
  manual: 'Manual token',
};

export const ENVIRONMENT_KIND_NAMES: Readonly<Record<EnvironmentKind, string>> = {
  production: 'Production',
  staging: 'Staging',
  development: 'Development',
  test: 'Test',
  custom: 'Custom',
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
