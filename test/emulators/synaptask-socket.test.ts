import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { call, list, rec } from './http';
import { startSynapTaskEmulator, type SynapTaskProfile } from './synaptask-emulator';
import { SYNAPTASK_SOCKET_EVENTS } from './synaptask-socket';

type Emulator = Awaited<ReturnType<typeof startSynapTaskEmulator>>;

const running: Emulator[] = [];
const clients: Socket[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(profile: Partial<SynapTaskProfile> = {}, clock = new FakeClock()) {
  const emulator = await startSynapTaskEmulator({ now: clock.now, profile });
  running.push(emulator);
  return { emulator, clock, seed: emulator.seed };
}

interface Outcome {
  connected?: Record<string, unknown>;
  unauthorized?: unknown;
  disconnectReason?: string;
  connectError?: { message: string; data: unknown };
}

interface ConnectOptions {
  auth?: Record<string, string>;
  bearer?: string;
  /** Default: websocket only (fast); 'default' lets the client start with HTTP long-polling. */
  transports?: 'websocket' | 'default';
}

/** Connects and settles on the first of: `connected`, a disconnect, or a refused handshake. */
function connect(emulator: Emulator, options: ConnectOptions = {}): { client: Socket; outcome: Promise<Outcome> } {
  const client = io(emulator.url, {
    path: emulator.socketPath,
    auth: options.auth ?? {},
    extraHeaders: options.bearer === undefined ? {} : { authorization: `Bearer ${options.bearer}` },
    transports: options.transports === 'default' ? undefined : ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  clients.push(client);
  const seen: Outcome = {};
  const outcome = new Promise<Outcome>((resolve) => {
    client.on(SYNAPTASK_SOCKET_EVENTS.connected, (payload: unknown) => resolve({ ...seen, connected: rec(payload) }));
    client.on(SYNAPTASK_SOCKET_EVENTS.unauthorized, (payload: unknown) => void (seen.unauthorized = payload));
    client.on('disconnect', (reason) => resolve({ ...seen, disconnectReason: reason }));
    client.on('connect_error', (error: Error & { data?: unknown }) =>
      resolve({ ...seen, connectError: { message: error.message, data: error.data } }),
    );
  });
  return { client, outcome };
}

const readGraph = (client: Socket, payload: unknown = { limit: 1 }): Promise<Record<string, unknown>> =>
  client.timeout(5000).emitWithAck(SYNAPTASK_SOCKET_EVENTS.readGraph, payload).then(rec);

const unauthorizedBody = { ok: false, error: 'unauthorized', message: 'Invalid or missing API token' };

describe('SynapTask emulator WebSocket (Socket.IO at /ext-socket.io)', () => {
  it('emits connected {ok, uid, client, serverTime} to a good token given as auth.api_token', async () => {
    const { emulator, seed, clock } = await start();
    expect(emulator.socketPath).toBe('/ext-socket.io');
    const { client, outcome } = connect(emulator, { auth: { api_token: seed.token } });
    const { connected } = await outcome;
    expect(Object.keys(connected ?? {}).sort()).toEqual(['client', 'ok', 'serverTime', 'uid']);
    expect(connected).toEqual({
      ok: true,
      uid: emulator.state.tokens.get(seed.token)?.uid,
      client: client.id,
      serverTime: new Date(clock.now()).toISOString(),
    });
  });

  it('accepts the token as an Authorization: Bearer header, also over HTTP long-polling, beside REST on the same port', async () => {
    const { emulator, seed } = await start();
    const { client, outcome } = connect(emulator, { bearer: seed.viewerToken, transports: 'default' });
    expect((await outcome).connected).toMatchObject({
      ok: true,
      uid: emulator.state.tokens.get(seed.viewerToken)?.uid,
    });
    expect(rec(await readGraph(client)).ok).toBe(true);
    expect((await call(`${emulator.url}/api/graph?limit=1`, { token: seed.viewerToken })).status).toBe(200);
  });

  it('disconnects a missing, unknown or revoked token after an unauthorized event, never sending connected', async () => {
    const { emulator, seed } = await start();
    emulator.state.revokeToken(seed.viewerToken);
    const outcomes = await Promise.all([
      connect(emulator).outcome,
      connect(emulator, { auth: { api_token: 'st_nope' } }).outcome,
      connect(emulator, { bearer: 'st_nope' }).outcome,
      connect(emulator, { auth: { api_token: seed.viewerToken } }).outcome,
    ]);
    for (const outcome of outcomes) {
      expect(outcome).toEqual({ unauthorized: unauthorizedBody, disconnectReason: 'io server disconnect' });
    }
  });

  it('refuses the handshake with connect_error instead when the profile says socketBadToken: refuse', async () => {
    const { emulator, seed } = await start({ socketBadToken: 'refuse' });
    const refused = await connect(emulator, { auth: { api_token: 'st_nope' } }).outcome;
    expect(refused).toEqual({ connectError: { message: 'Invalid or missing API token', data: unauthorizedBody } });
    expect((await connect(emulator, { auth: { api_token: seed.token } }).outcome).connected?.ok).toBe(true);
  });

  it('disconnects a connected socket at its next call once the token is revoked in the web UI', async () => {
    const { emulator, seed } = await start();
    const { client, outcome } = connect(emulator, { auth: { api_token: seed.token } });
    await outcome;
    const disconnected = new Promise<string>((resolve) => client.on('disconnect', resolve));
    emulator.state.revokeToken(seed.token);
    expect(await readGraph(client)).toEqual(unauthorizedBody);
    expect(await disconnected).toBe('io server disconnect');
  });

  it('answers the graph read call like GET /api/graph: {ok, hasMore, nodes, links}, paged by limit and offset', async () => {
    const { emulator, seed } = await start();
    const { client, outcome } = connect(emulator, { auth: { api_token: seed.token } });
    await outcome;
    const total = emulator.state.nodes.length;
    const page = await readGraph(client, { limit: 2, offset: total - 2 });
    expect(Object.keys(page).sort()).toEqual(['hasMore', 'links', 'nodes', 'ok']);
    const rest = await call(`${emulator.url}/api/graph?limit=2&offset=${total - 2}`, { token: seed.token });
    expect(page).toEqual(rest.body);
    expect(page.hasMore).toBe(false);
    expect(list(page.nodes)).toHaveLength(2);
    expect((await readGraph(client, { limit: 0 })).error).toBe('bad_request');
  });

  it('sends rate_limited to calls over the per-minute limit on the emulator clock, and serves again the next minute', async () => {
    const { emulator, seed, clock } = await start({ rateLimitPerMinute: 3 });
    const { client, outcome } = connect(emulator, { auth: { api_token: seed.token } });
    await outcome;
    const events: unknown[] = [];
    client.on(SYNAPTASK_SOCKET_EVENTS.rateLimited, (payload: unknown) => events.push(payload));
    const replies: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 5; i += 1) replies.push(await readGraph(client));
    expect(replies.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(replies[3]).toMatchObject({ error: 'rate_limited' });
    expect(events).toHaveLength(2);
    expect(rec(events[0])).toMatchObject({
      ok: false,
      error: 'rate_limited',
      event: SYNAPTASK_SOCKET_EVENTS.readGraph,
    });
    clock.advance(60_000);
    expect((await readGraph(client)).ok).toBe(true);
    console.log(`5 socket calls at a limit of 3/min: ${events.length} got rate_limited; next minute served again`);
  });

  it('sends serverTime as epoch milliseconds when the profile says socketServerTime: epoch-ms', async () => {
    const { emulator, seed, clock } = await start({ socketServerTime: 'epoch-ms' });
    const { connected } = await connect(emulator, { auth: { api_token: seed.token } }).outcome;
    expect(connected?.serverTime).toBe(clock.now());
  });

  it('close() disconnects live sockets and shuts the server down', async () => {
    const { emulator, seed } = await start();
    const { client, outcome } = connect(emulator, { auth: { api_token: seed.token } });
    await outcome;
    const disconnected = new Promise<string>((resolve) => client.on('disconnect', resolve));
    await emulator.close();
    expect(await disconnected).toBe('transport close');
    await expect(fetch(`${emulator.url}/api/graph?limit=1`)).rejects.toThrow();
  });
});
