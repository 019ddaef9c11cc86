/**
 * `keyturn connect TENANT/ENV PROVIDER --base-url URL`: bind an environment to a provider account.
 * The handler checks the URL and the credential with the provider before storing; nothing here
 * prints the URL given or the credential, only the stored (checked) URL.
 */
import { PROVIDER_IDS, type ProviderId } from '../../shared/model';
import { baseUrlProblem } from '../../main/providers/url-policy';
import type { Credential } from '../../main/vault/types';
import { withApi } from '../api';
import { parseCommand } from '../args';
import { readSecret, type Context } from '../context';
import { parseEnvRef } from '../ref';
import { UsageError } from '../usage-error';

const OPTIONS = {
  'base-url': { type: 'string' },
  username: { type: 'string' },
  setting: { type: 'string', multiple: true },
  'tenant-id': { type: 'string' },
  'company-id': { type: 'string' },
  'tenant-name': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseCommand<typeof OPTIONS>>['values'];

function settingsFrom(values: Values): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of values.setting ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--setting must be KEY=VALUE, got "${pair}"`);
    settings[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (values['tenant-id'] !== undefined) settings.tenantId = values['tenant-id'];
  if (values['company-id'] !== undefined) settings.companyId = values['company-id'];
  if (values['tenant-name'] !== undefined) settings.tenantName = values['tenant-name'];
  return settings;
}

async function readCredential(ctx: Context, provider: ProviderId, username: string | undefined): Promise<Credential> {
  if (username !== undefined)
    return { kind: 'password', username, password: await readSecret(ctx, `Password for ${username}: `) };
  if (provider === 'manual') return { kind: 'none' };
  return { kind: 'token', token: await readSecret(ctx, 'Management token: ') };
}

export async function connectCommand(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, OPTIONS, { min: 2, max: 2, names: 'TENANT/ENV PROVIDER' });
  const ref = parseEnvRef(positionals[0] ?? '');
  const provider = positionals[1] ?? '';
  if (!(PROVIDER_IDS as readonly string[]).includes(provider))
    throw new UsageError(`PROVIDER must be one of ${PROVIDER_IDS.join(', ')}`);
  const baseUrl = values['base-url'];
  if (!baseUrl) throw new UsageError('--base-url is required');
  // Before any password is asked for: a URL that cannot work is refused without repeating it.
  const problem = baseUrlProblem(baseUrl);
  if (problem !== null) throw new UsageError(problem);
  const settings = settingsFrom(values);
  await withApi(ctx, async (api) => {
    const credential = await readCredential(ctx, provider as ProviderId, values.username);
    const { connection, created, check } = await api.call('connection:set', {
      tenant: ref.tenant,
      environment: ref.environment,
      provider: provider as ProviderId,
      baseUrl,
      settings,
      credential,
    });
    for (const note of check.notes) ctx.out.note(`note: ${note}`);
    if (check.status === 'unverified') {
      ctx.out.note(
        `warning: stored UNVERIFIED: ${check.reason ?? 'the provider could not be reached'}. ` +
          `Check it once the provider is reachable: keyturn doctor ${ref.tenant}/${ref.environment}`,
      );
    }
    ctx.out.data({ ...connection, check }, () => {
      const verb = created ? 'Connected' : 'Updated';
      const how =
        check.status === 'verified' ? `verified${check.identity ? ` as ${check.identity}` : ''}` : 'not verified';
      return `${verb} ${ref.tenant}/${ref.environment} to ${provider} at ${connection.baseUrl} (${how})`;
    });
  });
}
