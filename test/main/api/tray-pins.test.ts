/**
 * Tray favourites through the real handlers over a real vault file: pin, unpin and reorder are
 * stored in the vault, and the tray-menu model shows the pinned tokens first in that order, then
 * the recently used.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTrayMenu } from '../../../src/main/electron/tray-menu';
import { createApiFixture, errorCode, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
let ids: Record<string, string>;

beforeEach(async () => {
  f = await createApiFixture();
  value(await f.api['tenant:add']({ name: 'acme' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'prod', kind: 'production' }));
  value(await f.api['environment:add']({ tenant: 'acme', name: 'dev' }));
  ids = {};
  for (const [environment, label] of [
    ['prod', 'ci'],
    ['prod', 'deploy'],
    ['dev', 'local'],
    ['dev', 'used'],
  ] as const) {
    const token = value(await f.api['token:add']({ tenant: 'acme', environment, label, secret: `sk-${label}` }));
    ids[label] = token.id;
  }
});

afterEach(() => f.close());

const id = (label: string): string => ids[label] ?? '';

async function trayTokens(): Promise<string[]> {
  const status = value(await f.api['vault:status']({}));
  const tokens = value(await f.api['tokens:list']({}));
  const pinned = value(await f.api['settings:get']({})).trayPinnedTokenIds;
  return buildTrayMenu({ status, tokens, pinnedIds: new Set(pinned), recentLimit: 5 }).flatMap((item) =>
    item.kind === 'token' ? [`${item.isPinned ? '📌' : ''}${item.label}`] : [],
  );
}

describe('tray favourites', () => {
  it('pins in order, then shows the recently used; reorders and unpins', async () => {
    f.clock.advance(1000);
    value(await f.api['token:copy']({ tokenId: id('used') }));
    expect(value(await f.api['tray:pin']({ tokenId: id('local') }))).toEqual({ trayPinnedTokenIds: [id('local')] });
    value(await f.api['tray:pin']({ tokenId: id('deploy') }));
    // Pinning twice keeps one pin.
    value(await f.api['tray:pin']({ tokenId: id('deploy') }));
    expect(f.vault().getSetting('tray.pinnedTokenIds')).toBe(`${id('local')},${id('deploy')}`);
    expect(await trayTokens()).toEqual(['📌local', '📌⚠ deploy', 'used']);

    value(await f.api['tray:reorder']({ tokenIds: [id('deploy'), id('local')] }));
    expect(await trayTokens()).toEqual(['📌⚠ deploy', '📌local', 'used']);

    expect(value(await f.api['tray:unpin']({ tokenId: id('deploy') }))).toEqual({ trayPinnedTokenIds: [id('local')] });
    expect(await trayTokens()).toEqual(['📌local', 'used']);
    expect(f.events.filter((e) => e.name === 'vault:changed' && e.payload.scope === 'settings')).toHaveLength(5);
  });

  it('refuses a pin of a missing token and a reorder that is not the same pins, changing nothing', async () => {
    value(await f.api['tray:pin']({ tokenId: id('ci') }));
    value(await f.api['tray:pin']({ tokenId: id('local') }));
    const before = f.hashFiles();
    const gone = await f.api['tray:pin']({ tokenId: 'no-such-token' });
    expect(gone).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That token no longer exists; nothing was pinned.' },
    });
    for (const tokenIds of [
      [id('ci')],
      [id('ci'), id('ci')],
      [id('ci'), id('local'), id('used')],
      [id('ci'), id('used')],
    ]) {
      const refused = await f.api['tray:reorder']({ tokenIds });
      if (refused.ok) throw new Error(`reordered to ${tokenIds.join(',')}`);
      expect(refused.error.message).toMatch(/^The new order must hold exactly the pinned tokens/);
    }
    expect(errorCode(await f.api['tray:pin']({ tokenId: '' }))).toBe('INVALID_INPUT');
    expect(errorCode(await f.api['tray:unpin']({ tokenId: id('ci'), extra: 1 } as never))).toBe('INVALID_INPUT');
    expect(f.hashFiles()).toBe(before);
  });

  it('drops a deleted token from the pins', async () => {
    value(await f.api['tray:pin']({ tokenId: id('ci') }));
    value(await f.api['tray:pin']({ tokenId: id('local') }));
    value(await f.api['token:delete']({ tokenId: id('ci') }));
    expect(await trayTokens()).toEqual(['📌local']);
    expect(value(await f.api['settings:get']({})).trayPinnedTokenIds).toEqual([id('local')]);
    expect(value(await f.api['tray:pin']({ tokenId: id('used') }))).toEqual({
      trayPinnedTokenIds: [id('local'), id('used')],
    });
    value(await f.api['tray:reorder']({ tokenIds: [id('used'), id('local')] }));
  });

  it('holds at most 50 pins', async () => {
    const many: string[] = [];
    for (let i = 0; i < 50; i++) {
      many.push(
        value(await f.api['token:add']({ tenant: 'acme', environment: 'dev', label: `t${i}`, secret: 's' })).id,
      );
    }
    value(await f.api['settings:set']({ trayPinnedTokenIds: many }));
    const full = await f.api['tray:pin']({ tokenId: id('ci') });
    if (full.ok) throw new Error('pinned a 51st token');
    expect(full.error.message).toBe('The tray holds at most 50 pinned tokens; unpin one before pinning another.');
  });
});
