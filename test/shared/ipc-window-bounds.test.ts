/**
 * The bounds, defaults and choices of the window's own channels (ipc-window-channels.ts and
 * ipc-window-admin-channels.ts), written out as ipc-bounds.test.ts does for the shared ones: a
 * schema cannot check itself, so a loosened or tightened bound is caught here.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { LATEST_EXPIRY_MS } from '../../src/shared/expiry-bounds';
import { IPC_CONTRACT, type Channel } from '../../src/shared/ipc';
import { AUDIT_ACTIONS, ENVIRONMENT_KINDS, PROVIDER_IDS, TOKEN_KINDS } from '../../src/shared/model';

const parse = (channel: Channel, input: unknown) => (IPC_CONTRACT[channel].input as z.ZodType).safeParse(input);
const accepts = (channel: Channel, input: unknown): boolean => parse(channel, input).success;
const text = (length: number): string => 'x'.repeat(length);

const byToken = { tokenId: 't1' };
const connection = { environmentId: 'e1', provider: 'satori', baseUrl: 'https://x', credential: { kind: 'none' } };

/** [channel, valid input, field, smallest, largest]: lengths for strings and arrays, values for numbers. */
type Bound = readonly [Channel, Record<string, unknown>, string, number, number | null];

const STRING_BOUNDS: readonly Bound[] = [
  ['vault:recover', { newPassword: text(8) }, 'recoveryKey', 1, 200],
  ['vault:recover', { recoveryKey: 'k' }, 'newPassword', 8, 1024],
  ['tokens:window', {}, 'text', 0, 200],
  ['tenant:rename', { name: 'n' }, 'tenantId', 1, 200],
  ['tenant:rename', { tenantId: 't' }, 'name', 1, 200],
  ['tenant:removal', {}, 'tenantId', 1, 200],
  ['tenant:delete', { expectedTokens: 0 }, 'tenantId', 1, 200],
  ['environment:update', { name: 'n' }, 'environmentId', 1, 200],
  ['environment:update', { environmentId: 'e' }, 'name', 1, 200],
  ['environment:removal', {}, 'environmentId', 1, 200],
  ['environment:delete', { expectedTokens: 0 }, 'environmentId', 1, 200],
  ['token:recognise', {}, 'secret', 1, 65_536],
  ['token:detail', {}, 'tokenId', 1, 200],
  ['token:update', {}, 'tokenId', 1, 200],
  ['token:update', byToken, 'label', 1, 500],
  ['token:update', byToken, 'notes', 0, 10_000],
  ['token:delete', {}, 'tokenId', 1, 200],
  ['connection:test', { ...connection, environmentId: undefined }, 'environmentId', 1, 200],
  ['connection:test', connection, 'baseUrl', 1, 2000],
  ['rotation:retry', {}, 'journalId', 1, 200],
  ['rotation:manual-confirm', {}, 'journalId', 1, 200],
  ['password:change', { newPassword: text(8) }, 'currentPassword', 1, 1024],
  ['password:change', { currentPassword: 'p' }, 'newPassword', 8, 1024],
  ['recovery-key:replace', {}, 'currentPassword', 1, 1024],
  ['device-unlock:set', { enabled: true }, 'currentPassword', 1, 1024],
  ['audit:query', {}, 'tokenId', 1, 200],
];

const NUMBER_BOUNDS: readonly Bound[] = [
  ['tokens:window', {}, 'offset', 0, 10_000_000],
  ['tokens:window', {}, 'limit', 1, 500],
  ['tenant:delete', { tenantId: 't' }, 'expectedTokens', 0, null],
  ['environment:delete', { environmentId: 'e' }, 'expectedTokens', 0, null],
  // Every stored time must print as an ISO-8601 date: no expiry after the year 9999.
  ['token:update', byToken, 'expiresAt', 0, LATEST_EXPIRY_MS],
  ['settings:set', {}, 'lockIdleMinutes', 0, 1440],
  ['settings:set', {}, 'clipboardClearSeconds', 5, 600],
  ['audit:query', {}, 'from', 0, null],
  ['audit:query', {}, 'to', 0, null],
  ['audit:query', {}, 'offset', 0, null],
  ['audit:query', {}, 'limit', 1, 500],
];

const POLICY_BOUNDS: readonly (readonly [string, number, number])[] = [
  ['everyDays', 1, 3650],
  ['daysBeforeExpiry', 0, 3650],
  ['graceMinutes', 0, 525_600],
];

describe("the window channels' bounds", () => {
  it.each(STRING_BOUNDS)('%s: %o.%s is %i to %s characters', (channel, base, field, min, max) => {
    const at = (length: number): boolean => accepts(channel, { ...base, [field]: text(length) });
    expect({ min: at(min), max: at(max ?? min + 64) }).toEqual({ min: true, max: true });
    if (min > 0) expect(at(min - 1)).toBe(false);
    if (max !== null) expect(at(max + 1)).toBe(false);
  });

  it.each(NUMBER_BOUNDS)('%s: %o.%s is a whole number from %i to %s', (channel, base, field, min, max) => {
    const at = (value: number): boolean => accepts(channel, { ...base, [field]: value });
    // No upper bound (null): a count the user confirmed, or a time the query only compares.
    expect({ min: at(min), max: at(max ?? min) }).toEqual({ min: true, max: true });
    expect({ below: at(min - 1), fraction: at(min + 0.5) }).toEqual({ below: false, fraction: false });
    if (max !== null) expect(at(max + 1)).toBe(false);
  });

  it.each(POLICY_BOUNDS)("token:update's rotationPolicy.%s is a whole number from %i to %i", (field, min, max) => {
    const at = (value: number): boolean => accepts('token:update', { ...byToken, rotationPolicy: { [field]: value } });
    expect([at(min), at(max)]).toEqual([true, true]);
    expect([at(min - 1), at(max + 1), at(min + 0.5)]).toEqual([false, false, false]);
    expect(accepts('token:update', { ...byToken, rotationPolicy: null })).toBe(true);
  });

  it('bounds tags, pinned tokens, audit actions and connection settings', () => {
    const tags = (values: string[]): boolean => accepts('token:update', { ...byToken, tags: values });
    expect([tags([]), tags(Array.from({ length: 50 }, () => 't')), tags([text(100)])]).toEqual([true, true, true]);
    expect([tags(Array.from({ length: 51 }, () => 't')), tags(['']), tags([text(101)])]).toEqual([false, false, false]);
    const pinned = (values: string[]): boolean => accepts('settings:set', { trayPinnedTokenIds: values });
    expect([pinned(Array.from({ length: 50 }, () => 't')), pinned([text(200)])]).toEqual([true, true]);
    expect([pinned(Array.from({ length: 51 }, () => 't')), pinned(['']), pinned([text(201)])]).toEqual([
      false,
      false,
      false,
    ]);
    const actions = (values: string[]): boolean => accepts('audit:query', { actions: values });
    expect([actions([]), actions([...AUDIT_ACTIONS])]).toEqual([true, true]);
    expect([actions([...AUDIT_ACTIONS, 'unlock']), actions(['steal'])]).toEqual([false, false]);
    const settings = (value: unknown): boolean => accepts('connection:test', { ...connection, settings: value });
    expect([settings({ [text(100)]: text(2000) }), settings({ k: '' })]).toEqual([true, true]);
    expect([settings({ '': 'v' }), settings({ [text(101)]: 'v' }), settings({ k: text(2001) })]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe("the window channels' choices and defaults", () => {
  it('offers exactly the documented choices', () => {
    const take = (channel: Channel, base: Record<string, unknown>, field: string, values: readonly unknown[]) =>
      values.map((value) => accepts(channel, { ...base, [field]: value }));
    expect(take('tokens:window', {}, 'sort', ['label', 'expiry', 'recent', 'random', ''])).toEqual([
      ...[true, true, true],
      ...[false, false],
    ]);
    const views = [{ kind: 'all' }, { kind: 'expiring' }, { kind: 'tenant', tenantId: 't' }];
    expect(take('tokens:window', {}, 'view', [...views, { kind: 'environment', environmentId: 'e' }])).toEqual([
      ...[true, true, true, true],
    ]);
    expect(
      take('tokens:window', {}, 'view', [{ kind: 'tenant' }, { kind: 'other' }, { kind: 'tenant', tenantId: '' }]),
    ).toEqual([false, false, false]);
    expect(take('environment:update', { environmentId: 'e' }, 'kind', [...ENVIRONMENT_KINDS, 'prod'])).toEqual([
      ...ENVIRONMENT_KINDS.map(() => true),
      false,
    ]);
    expect(take('token:update', byToken, 'kind', [...TOKEN_KINDS, 'other'])).toEqual([
      ...TOKEN_KINDS.map(() => true),
      false,
    ]);
    expect(take('connection:test', connection, 'provider', [...PROVIDER_IDS, 'github'])).toEqual([
      ...PROVIDER_IDS.map(() => true),
      false,
    ]);
    expect(take('settings:set', {}, 'theme', ['system', 'light', 'dark', 'blue'])).toEqual([true, true, true, false]);
    const credentials = [
      { kind: 'password', username: text(500), password: 'p' },
      { kind: 'token', token: text(65_536) },
      { kind: 'none' },
      { kind: 'stored' },
    ];
    expect(take('connection:test', connection, 'credential', credentials)).toEqual([true, true, true, true]);
    const refused = [
      { kind: 'password', username: '', password: 'p' },
      { kind: 'password', username: text(501), password: 'p' },
      { kind: 'password', username: 'u', password: '' },
      { kind: 'token', token: text(65_537) },
      { kind: 'other' },
    ];
    expect(take('connection:test', connection, 'credential', refused)).toEqual(refused.map(() => false));
  });

  it('fills in the documented defaults', () => {
    const data = (channel: Channel, input: unknown): unknown => {
      const parsed = parse(channel, input);
      if (!parsed.success) throw new Error(`${channel} refused ${JSON.stringify(input)}`);
      return parsed.data;
    };
    expect(data('tokens:window', {})).toEqual({
      view: { kind: 'all' },
      text: '',
      sort: 'label',
      offset: 0,
      limit: 100,
    });
    expect(data('token:delete', byToken)).toEqual({ ...byToken, leaveLiveKeys: false });
    expect(data('connection:test', connection)).toEqual({ ...connection, settings: {} });
    expect(data('audit:query', {})).toEqual({ offset: 0, limit: 100 });
  });

  it('asks an environment update for a new name or kind, and device unlock for the password only when turning it on', () => {
    expect(parse('environment:update', { environmentId: 'e' }).error?.issues.map((issue) => issue.message)).toEqual([
      'Give a new name or kind',
    ]);
    expect(accepts('environment:update', { environmentId: 'e', kind: 'test' })).toBe(true);
    expect(accepts('device-unlock:set', { enabled: false })).toBe(true);
    expect(accepts('device-unlock:set', { enabled: false, currentPassword: 'p' })).toBe(false);
    expect(accepts('device-unlock:set', { enabled: true })).toBe(false);
  });
});
