/**
 * The window's .env import (choose → preview → apply, or discard) and plain-text export. Main opens
 * the file dialogs and keeps the chosen file behind a handle (pending-files.ts); the import's plan
 * and its one-transaction write are the CLI's (transfer/import-plan.ts), the export's text is the
 * CLI's too (transfer/env-text.ts), written owner-only (transfer/private-file.ts) and audited.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { KeyturnError } from '../../shared/errors';
import type { EnvFormat } from '../../shared/env-format';
import type { ImportPreview, ImportPreviewVariable } from '../../shared/ipc-window-transfer-channels';
import { dotenvLines } from '../transfer/dotenv-lines';
import { parseDotenv } from '../transfer/dotenv';
import { renderEnv } from '../transfer/env-text';
import { applyImport, lastOfEachName, planVariable, type ImportTarget } from '../transfer/import-plan';
import { writePrivateFile } from '../transfer/private-file';
import type { Vault } from '../vault/types';
import { requireVault, type AppContext } from './context';
import type { FileDialogs } from './file-dialogs';
import type { HandlerBodies } from './handler';
import { dropFile, keepFile, pendingFile } from './pending-files';
import { recogniser } from '../providers/recognise';
import { secretHandlers } from './secret-handlers';

type ImportChannels = 'import:choose' | 'import:apply' | 'import:discard' | 'export:environment';

const MAX_DOTENV_BYTES = 10 * 1024 * 1024;
const EXTENSIONS: Readonly<Record<EnvFormat, string>> = { dotenv: 'env', shell: 'sh', json: 'json' };

export const windowImportHandlers: HandlerBodies<ImportChannels> = {
  'import:choose': async ({ environmentId }, context) => {
    const place = environmentById(requireVault(context), environmentId);
    const path = await requireDialogs(context).chooseFileToOpen({
      title: `Import a .env file into ${place.tenantName}/${place.environmentName}`,
      filters: [
        { name: '.env files', extensions: ['env'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (path === null) return { chosen: false };
    const text = readTextFile(path, MAX_DOTENV_BYTES);
    // The dialog waited for the user: the vault may have locked, the environment may be gone.
    const target = await importTarget(requireVault(context), environmentId);
    return previewImport(context, target, basename(path), text);
  },

  'import:apply': async ({ handle, overwrite }, context) => {
    const pending = pendingFile(context.session, handle, 'import');
    const target = await importTarget(requireVault(context), pending.environmentId);
    const counts = applyImport(target, pending.entries, { overwriteChanged: overwrite, overwriteSame: false });
    dropFile(context.session, handle);
    target.vault.audit(
      'import',
      target.environmentId,
      `${context.callerName ?? 'app'} import of ${pending.entries.length} variables from ${pending.fileName}`,
    );
    return counts;
  },

  'import:discard': ({ handle }, context) => ({ discarded: dropFile(context.session, handle) }),

  'export:environment': async ({ environmentId, format }, context) => {
    const place = environmentById(requireVault(context), environmentId);
    const path = await requireDialogs(context).chooseFileToSave({
      title: `Export ${place.tenantName}/${place.environmentName} (secrets in clear text)`,
      defaultName: `${safeName(place.tenantName)}-${safeName(place.environmentName)}.${EXTENSIONS[format]}`,
      filters: [{ name: format === 'dotenv' ? '.env files' : `${format} files`, extensions: [EXTENSIONS[format]] }],
    });
    if (path === null) return { saved: false };
    const vault = requireVault(context);
    const ref = { tenant: place.tenantName, environment: place.environmentName, purpose: 'export' } as const;
    const secrets = await secretHandlers['environment:secrets'](ref, context);
    const text = `${renderEnv(
      secrets.entries.map((entry) => [entry.name, entry.secret] as const),
      format,
    )}\n`;
    writePrivateFile(path, text);
    vault.audit(
      'export',
      environmentId,
      `${context.callerName ?? 'app'} export of ${secrets.entries.length} tokens as ${format} to ${basename(path)}`,
    );
    return { saved: true, path, tokens: secrets.entries.length, skipped: secrets.skipped.length };
  },
};

export function requireDialogs(context: AppContext): FileDialogs {
  if (context.fileDialogs === undefined)
    throw new KeyturnError('PROVIDER_UNSUPPORTED', 'This copy of Keyturn cannot show file dialogs.');
  return context.fileDialogs;
}

/** A text file the user chose, or a sentence saying why it cannot be read. */
export function readTextFile(path: string, maxBytes: number): string {
  let text: string;
  try {
    if (statSync(path).size > maxBytes)
      throw new KeyturnError(
        'INVALID_INPUT',
        `${basename(path)} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; that is not a file Keyturn reads.`,
      );
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if (cause instanceof KeyturnError) throw cause;
    const code = cause instanceof Error && 'code' in cause ? ` (${String(cause.code)})` : '';
    throw new KeyturnError('VAULT_IO', `Keyturn could not read ${path}${code}.`);
  }
  if (text.includes('\u0000') || text.includes('\uFFFD'))
    throw new KeyturnError('INVALID_INPUT', `${basename(path)} is not a text file; nothing was read from it.`);
  return text;
}

function environmentById(vault: Vault, environmentId: string): { tenantName: string; environmentName: string } {
  const environment = vault.listEnvironments().find((e) => e.id === environmentId);
  const tenant = vault.listTenants().find((t) => t.id === environment?.tenantId);
  if (environment === undefined || tenant === undefined)
    throw new KeyturnError('NOT_FOUND', 'That environment no longer exists.');
  return { tenantName: tenant.name, environmentName: environment.name };
}

async function importTarget(vault: Vault, environmentId: string): Promise<ImportTarget> {
  const place = environmentById(vault, environmentId);
  return { vault, environmentId, ...place, recognise: await recogniser() };
}

function previewImport(context: AppContext, target: ImportTarget, fileName: string, text: string): ImportPreview {
  const parsed = parseDotenv(text);
  const lines = dotenvLines(text);
  const kept = lastOfEachName(parsed);
  const variables: ImportPreviewVariable[] = [];
  for (const [name, value] of parsed) {
    const starts = lines.starts.get(name) ?? [];
    const last = starts.at(-1) ?? null;
    for (const line of starts.slice(0, -1))
      variables.push({ line, name, outcome: 'skipped', reason: `Defined again on line ${last}; the last one counts.` });
    const winner = kept.find(([other]) => other.toLowerCase() === name.toLowerCase());
    if (winner !== undefined && winner[0] !== name) {
      const reason = `${winner[0]} comes later and names the same token (names ignore case); that one counts.`;
      variables.push({ line: last, name, outcome: 'skipped', reason });
      continue;
    }
    const planned = planVariable(target, name, value);
    variables.push({ line: last, name, outcome: planned.outcome, reason: planned.reason });
  }
  variables.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const handle = keepFile(context.session, {
    kind: 'import',
    environmentId: target.environmentId,
    fileName,
    entries: kept.filter(([, value]) => value !== ''),
  });
  const counts = { new: 0, same: 0, changed: 0, skipped: 0 };
  for (const variable of variables) counts[variable.outcome] += 1;
  return {
    chosen: true,
    handle,
    fileName,
    environmentId: target.environmentId,
    tenantName: target.tenantName,
    environmentName: target.environmentName,
    variables,
    unreadLines: lines.unread,
    counts,
  };
}

/** A default file name part: letters, digits, dot, dash and underscore. */
function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'environment';
}
