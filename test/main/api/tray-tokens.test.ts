/**
 * The tray's tokens chosen before they are built into list items: the menu is the same as the one
 * built from every token (pinned in the user's order, revoked never, recent by last use with ties
 * in list order, at most the limit).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trayTokens } from '../../../src/main/api/tray-tokens';
import { buildTrayMenu } from '../../../src/main/electron/tray-menu';
import { createApiFixture, value, type ApiFixture } from '../../support/api-fixture';

let f: ApiFixture;
let ids: string[];

beforeEach(async () => {
  f = await createApiFixture();
  const vault = f.vault();
  const tenant = vault.addTenant('Acme');
  const envs = [
    vault.addEnvironment(tenant.id, 'prod', 'production').id,
    vault.addEnvironment(tenant.id, 'dev', 'development').id,
  ];
  ids = vault
    .addTokens(
      Array.from({ length: 40 }, (_, i) => ({
        environmentId: envs[i % 2] as string,
        label: `key ${i}`,
        kind: 'api-key' as const,
        provider: 'manual' as const,
        secret: `s-${i}`,
      })),
    )
    .map((token) => token.id);
  const at = f.clock.now();
  // Uses with ties (the same instant) across the cut at 8, and a revoked token used last of all.
  ids.slice(5, 20).forEach((id, i) => vault.recordUse(id, at + Math.floor(i / 3), { action: 'copy', detail: '' }));
  vault.recordUse(ids[30] as string, at + 100, { action: 'copy', detail: '' });
  vault.updateToken(ids[30] as string, { revoked: true });
  vault.updateToken(ids[2] as string, { revoked: true });
});

afterEach(() => f.close());

describe('the tray tokens', () => {
  it('make the same menu as every token does, for several pin sets and limits', async () => {
    const status = value(await f.api['vault:status']({}));
    const every = value(await f.api['tokens:list']({}));
    const pinSets = [[], [ids[7], ids[1], ids[2]], [ids[19], ids[18], ids[0], ids[39]]] as string[][];
    for (const pins of pinSets) {
      for (const recentLimit of [0, 3, 8, 50]) {
        const pinnedIds = new Set(pins);
        const chosen = trayTokens(f.context, pinnedIds, recentLimit);
        expect(chosen.length).toBeLessThanOrEqual(pins.length + recentLimit);
        expect(buildTrayMenu({ status, tokens: chosen, pinnedIds, recentLimit })).toEqual(
          buildTrayMenu({ status, tokens: every, pinnedIds, recentLimit }),
        );
      }
    }
  });
});
