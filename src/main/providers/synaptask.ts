/**
 * SynapTask: long-lived `st_…` tokens made only in the web UI. Keyturn verifies them with the
 * cheapest read and guides a manual rotation. See /work/shared/providers/synaptask.md.
 */
import { z } from 'zod';

import { err, ok } from '../../shared/errors';
import { connectionHttp, unsupported } from './adapter-kit';
import type { Capabilities, ProviderClient, ProviderFactory } from './types';

const LABEL = 'SynapTask';
const UI_ONLY = 'manage tokens; use Account Settings → API Tokens in the web UI';

export const synapTaskCapabilities: Capabilities = {
  session: false,
  create: false,
  list: false,
  revoke: false,
  verify: true,
  expiryKnown: false,
  secretShownOnce: false,
};

const graphSchema = z.looseObject({
  ok: z.literal(true),
  hasMore: z.boolean().optional(),
  nodes: z.array(z.unknown()),
  links: z.array(z.unknown()).optional(),
});

export const createSynapTaskClient: ProviderFactory = (connection, deps): ProviderClient => {
  const http = connectionHttp(LABEL, connection, deps);
  const client: ProviderClient = {
    provider: 'synaptask',
    capabilities: synapTaskCapabilities,
    session: () => unsupported(LABEL, 'log in; its tokens are long-lived'),
    createKey: () => unsupported(LABEL, UI_ONLY),
    listKeys: () => unsupported(LABEL, UI_ONLY),
    revokeKey: () => unsupported(LABEL, UI_ONLY),
    async verify(secret) {
      // No Retry-After is documented for 429: the HTTP client's own backoff applies.
      const graph = await http.json(
        { method: 'GET', path: '/api/graph', query: { limit: 1 }, bearer: secret, secrets: [secret] },
        graphSchema,
      );
      return graph.ok ? ok({ identity: null, expiresAt: null }) : graph;
    },
    async check() {
      const { credential } = connection;
      if (credential.kind !== 'token')
        return err('INVALID_INPUT', 'SynapTask needs an st_ token as the connection credential');
      const verified = await client.verify(credential.token);
      return verified.ok ? ok({ identity: verified.value.identity, notes: [] }) : verified;
    },
  };
  return client;
};
