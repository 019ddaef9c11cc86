import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KeyturnError } from '../../../src/shared/errors';
import { createTempVault } from '../../support/vault-temp';

function fileHash(path: string): string {
  const h = createHash('sha256');
  for (const suffix of ['', '-wal']) if (existsSync(path + suffix)) h.update(readFileSync(path + suffix));
  return h.digest('hex');
}

describe('bad input', () => {
  it('refuses bad names, unknown ids and wrong types with a clear code and leaves the file byte-identical', () => {
    const t = createTempVault();
    const v = t.vault;
    const tenant = v.addTenant('Acme');
    const env = v.addEnvironment(tenant.id, 'prod', 'production');
    const token = v.addToken({ environmentId: env.id, label: 'Key', kind: 'api-key', provider: 'manual', secret: 's' });
    const bad = (x: unknown): never => x as never;
    const cases: [string, () => unknown, string][] = [
      ['empty tenant name', () => v.addTenant('   '), 'INVALID_INPUT'],
      ['over-long name', () => v.addTenant('x'.repeat(201)), 'INVALID_INPUT'],
      ['control character', () => v.addTenant('a\u0007b'), 'INVALID_INPUT'],
      [
        'newline in label',
        () => v.addToken({ environmentId: env.id, label: 'a\nb', kind: 'api-key', provider: 'manual', secret: 's' }),
        'INVALID_INPUT',
      ],
      ['duplicate tenant (case)', () => v.addTenant('ACME'), 'DUPLICATE'],
      ['duplicate environment', () => v.addEnvironment(tenant.id, ' Prod ', 'staging'), 'DUPLICATE'],
      [
        'duplicate label',
        () => v.addToken({ environmentId: env.id, label: 'key', kind: 'api-key', provider: 'manual', secret: 's' }),
        'DUPLICATE',
      ],
      ['unknown token on update', () => v.updateToken('nope', { label: 'KEY' }), 'NOT_FOUND'],
      [
        'unknown environment',
        () => v.addToken({ environmentId: 'nope', label: 'x', kind: 'api-key', provider: 'manual', secret: 's' }),
        'NOT_FOUND',
      ],
      ['unknown tenant', () => v.addEnvironment('nope', 'x', 'test'), 'NOT_FOUND'],
      ['unknown token', () => v.openSecret('nope'), 'NOT_FOUND'],
      ['unknown version', () => v.promoteVersion(token.id, 'nope'), 'NOT_FOUND'],
      ['unknown connection', () => v.removeConnection('nope'), 'NOT_FOUND'],
      ['unknown journal', () => v.updateJournal('nope', 'done', {}), 'NOT_FOUND'],
      ['wrong kind', () => v.addEnvironment(tenant.id, 'x', bad('prod')), 'INVALID_INPUT'],
      ['number as name', () => v.addTenant(bad(42)), 'INVALID_INPUT'],
      ['extra field', () => v.updateToken(token.id, bad({ secret: 'leak' })), 'INVALID_INPUT'],
      ['negative expiry', () => v.updateToken(token.id, { expiresAt: -1 }), 'INVALID_INPUT'],
      ['empty secret', () => v.addVersion(token.id, ''), 'INVALID_INPUT'],
      [
        'bad url',
        () =>
          v.addConnection({
            tenantId: tenant.id,
            environmentId: env.id,
            provider: 'satori',
            baseUrl: 'not a url',
            settings: {},
            credential: { kind: 'none' },
          }),
        'INVALID_INPUT',
      ],
      ['tenant with environments', () => v.removeTenant(tenant.id), 'INVALID_INPUT'],
      ['environment with tokens', () => v.removeEnvironment(env.id), 'INVALID_INPUT'],
      [
        'second pending',
        () => {
          v.addVersion(token.id, 'p1');
        },
        'NONE',
      ],
      ['third pending refused', () => v.addVersion(token.id, 'p2'), 'INVALID_INPUT'],
    ];
    const results: string[] = [];
    for (const [name, fn, expected] of cases) {
      const before = fileHash(t.path);
      let code = 'NONE';
      try {
        fn();
      } catch (cause) {
        code = cause instanceof KeyturnError ? cause.code : `THROWN ${String(cause)}`;
        if (cause instanceof KeyturnError) expect(cause.message).not.toContain('leak');
      }
      expect([name, code]).toEqual([name, expected]);
      if (code !== 'NONE') expect([name, fileHash(t.path)]).toEqual([name, before]);
      results.push(name);
    }
    console.log(`${results.length} bad inputs, each refused with its code and the file byte-identical`);
  });
});
