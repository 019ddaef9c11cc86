/**
 * The bounds, defaults and choices the IPC contract promises, written out: a schema cannot check
 * itself, so a loosened or tightened bound (min ↔ max, a lost default, an emptied choice) is caught
 * here. Each row: a valid input, the field, and its smallest and largest accepted values.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { LATEST_EXPIRY_MS } from '../../src/shared/expiry-bounds';
import { describeInputIssues } from '../../src/shared/input-sentences';
import { IPC_CONTRACT, type Channel } from '../../src/shared/ipc';

const parse = (channel: Channel, input: unknown) => (IPC_CONTRACT[channel].input as z.ZodType).safeParse(input);
const accepts = (channel: Channel, input: unknown): boolean => parse(channel, input).success;
const text = (length: number): string => 'x'.repeat(length);

const env = { tenant: 'acme', environment: 'prod' };
const byId = { token: { tokenId: 't1' } };

/** [channel, valid input, field, smallest, largest]: lengths for strings and arrays, values for numbers. */
type Bound = readonly [Channel, Record<string, unknown>, string, number, number | null];

const STRING_BOUNDS: readonly Bound[] = [
  ['vault:create', {}, 'password', 8, 1024],
  ['vault:unlock', {}, 'password', 1, 1024],
  ['vault:change-password', {}, 'newPassword', 8, 1024],
  ['tokens:search', {}, 'query', 0, 200],
  ['token:copy', {}, 'tokenId', 1, 200],
  ['token:reveal', {}, 'tokenId', 1, 200],
  ['tenant:add', {}, 'name', 1, 200],
  ['tenant:remove', {}, 'tenant', 1, 200],
  ['environments:list', {}, 'tenant', 1, 200],
  ['environment:add', { tenant: 'acme' }, 'name', 1, 200],
  ['environment:add', { name: 'prod' }, 'tenant', 1, 200],
  ['environment:remove', { tenant: 'acme' }, 'environment', 1, 200],
  ['token:add', { ...env, secret: 's' }, 'label', 1, 500],
  ['token:add', { ...env, label: 'l' }, 'secret', 1, 65_536],
  ['token:add', { ...env, label: 'l', secret: 's' }, 'notes', 0, 10_000],
  ['tokens:query', {}, 'tenant', 1, 200],
  ['connection:set', { ...env, provider: 'satori', credential: { kind: 'none' } }, 'baseUrl', 1, 2000],
  ['token:create', { ...env }, 'label', 1, 500],
  ['backup:export', {}, 'passphrase', 1, 1024],
  ['backup:restore', { backup: 'b' }, 'passphrase', 1, 1024],
  // 512 MiB: the upper bound is not built here.
  ['backup:restore', { passphrase: 'p' }, 'backup', 1, null],
];

const NUMBER_BOUNDS: readonly Bound[] = [
  ['vault:summary', {}, 'withinDays', 0, 3650],
  ['tokens:query', {}, 'expiringWithinDays', 0, 36_500],
  ['token:copy-fresh', byId, 'clearAfterSeconds', 1, 86_400],
  ['audit:list', {}, 'limit', 1, 100_000],
  // Every stored time must print as an ISO-8601 date: no expiry after the year 9999.
  ['token:add', { ...env, label: 'l', secret: 's' }, 'expiresAt', 0, LATEST_EXPIRY_MS],
];

describe('the IPC contract bounds', () => {
  it.each(STRING_BOUNDS)('%s: %o.%s is %i to %s characters', (channel, base, field, min, max) => {
    const at = (length: number): boolean => accepts(channel, { ...base, [field]: text(length) });
    expect({ min: at(min), max: at(max ?? min + 64) }).toEqual({ min: true, max: true });
    if (min > 0) expect(at(min - 1)).toBe(false);
    if (max !== null) expect(at(max + 1)).toBe(false);
  });

  it.each(NUMBER_BOUNDS)('%s: %o.%s is a whole number from %i to %s', (channel, base, field, min, max) => {
    const at = (value: number): boolean => accepts(channel, { ...base, [field]: value });
    expect({ min: at(min), max: at(max ?? min) }).toEqual({ min: true, max: true });
    expect({ below: at(min - 1), above: at((max ?? min) + 1), fraction: at(min + 0.5) }).toEqual({
      below: false,
      above: false,
      fraction: false,
    });
  });

  it('bounds token tags (at most 50, each 1 to 100 characters) and imported entries', () => {
    const tags = (values: string[]): boolean => accepts('token:add', { ...env, label: 'l', secret: 's', tags: values });
    expect([tags([]), tags(Array.from({ length: 50 }, () => 't')), tags([text(100)])]).toEqual([true, true, true]);
    expect([tags(Array.from({ length: 51 }, () => 't')), tags(['']), tags([text(101)])]).toEqual([false, false, false]);
    const entries = (values: unknown[]): boolean => accepts('import:dotenv', { ...env, entries: values });
    expect([entries([['A', 's']]), entries([[text(500), text(65_536)]])]).toEqual([true, true]);
    expect([entries([]), entries([['', 's']]), entries([[text(501), 's']]), entries([['A', '']])]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(entries(Array.from({ length: 200_000 }, () => ['A', 's']))).toBe(true);
    expect(entries(Array.from({ length: 200_001 }, () => ['A', 's']))).toBe(false);
  });

  it('bounds connection settings (keys 1 to 100, values up to 2000 characters) and credentials', () => {
    const base = { ...env, provider: 'satori', baseUrl: 'https://x' };
    const set = (extra: Record<string, unknown>): boolean =>
      accepts('connection:set', { ...base, credential: { kind: 'none' }, ...extra });
    expect([set({ settings: { [text(100)]: text(2000) } }), set({ settings: { k: '' } })]).toEqual([true, true]);
    expect([
      set({ settings: { '': 'v' } }),
      set({ settings: { [text(101)]: 'v' } }),
      set({ settings: { k: text(2001) } }),
    ]).toEqual([false, false, false]);
    const credential = (value: unknown): boolean => set({ credential: value });
    expect([
      credential({ kind: 'password', username: text(500), password: text(65_536) }),
      credential({ kind: 'token', token: text(65_536) }),
    ]).toEqual([true, true]);
    expect([
      credential({ kind: 'password', username: '', password: 'p' }),
      credential({ kind: 'password', username: text(501), password: 'p' }),
      credential({ kind: 'password', username: 'u', password: '' }),
      credential({ kind: 'token', token: '' }),
      credential({ kind: 'token', token: text(65_537) }),
      credential({ kind: 'other' }),
    ]).toEqual([false, false, false, false, false, false]);
  });

  it('takes a token by id (1 to 200 characters) or by a full reference', () => {
    const take = (token: unknown): boolean => accepts('token:rotate', { token });
    const ref = { tenant: 'acme', environment: 'prod', label: 'ci' };
    expect([
      take({ tokenId: 't' }),
      take({ tokenId: text(200) }),
      take({ ref }),
      take({ ref: { ...ref, label: text(500) } }),
    ]).toEqual([true, true, true, true]);
    expect([
      take({ tokenId: '' }),
      take({ tokenId: text(201) }),
      take({ ref: { ...ref, tenant: '' } }),
      take({ ref: { ...ref, environment: text(201) } }),
      take({ ref: { ...ref, label: text(501) } }),
      take({ ref: { tenant: 'acme', environment: 'prod' } }),
    ]).toEqual([false, false, false, false, false, false]);
  });
});

describe('the IPC contract choices and defaults', () => {
  it('offers exactly the documented choices', () => {
    const choices = (channel: Channel, base: Record<string, unknown>, field: string, values: string[]): boolean[] =>
      values.map((value) => accepts(channel, { ...base, [field]: value }));
    expect(choices('vault:create', { password: text(8) }, 'kdf', ['calibrate', 'floor', 'fast', ''])).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const purposes = ['get', 'copy', 'run', 'env', 'export', 'reveal'];
    expect(choices('token:secret', byId, 'purpose', [...purposes, 'steal', ''])).toEqual([
      ...purposes.map(() => true),
      false,
      false,
    ]);
    expect(choices('environment:secrets', env, 'purpose', ['env', 'export', 'get', ''])).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('fills in the documented defaults', () => {
    const data = (channel: Channel, input: unknown): unknown => {
      const parsed = parse(channel, input);
      if (!parsed.success) throw new Error(`${channel} refused ${JSON.stringify(input)}`);
      return parsed.data;
    };
    expect(data('vault:summary', {})).toEqual({ withinDays: 7 });
    expect(data('audit:list', {})).toEqual({ limit: 50 });
    expect(data('token:add', { ...env, label: 'l', secret: 's' })).toEqual({
      ...env,
      label: 'l',
      secret: 's',
      tags: [],
      notes: '',
    });
    expect(data('import:dotenv', { ...env, entries: [['A', 's']] })).toMatchObject({ overwrite: false });
    expect(
      data('connection:set', { ...env, provider: 'satori', baseUrl: 'https://x', credential: { kind: 'none' } }),
    ).toMatchObject({
      settings: {},
    });
  });

  it('asks for an environment only together with its tenant', () => {
    const parsed = parse('tokens:query', { environment: 'prod' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['environment', 'An environment is named within a tenant: give the tenant too.'],
    ]);
    expect(accepts('tokens:query', env)).toBe(true);
  });

  it('words the password rules for people', () => {
    const message = (channel: Channel, input: unknown): string => {
      const parsed = parse(channel, input);
      return parsed.success ? 'accepted' : describeInputIssues(parsed.error.issues, input);
    };
    expect(message('vault:unlock', { password: '' })).toBe('Enter the master password.');
    expect(message('vault:create', { password: 'short' })).toBe(
      'The master password is too short: use at least 8 characters.',
    );
    expect(message('vault:change-password', { newPassword: 'short' })).toBe(
      'The new master password must have at least 8 characters.',
    );
  });
});
