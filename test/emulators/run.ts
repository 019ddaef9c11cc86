import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startControlServer, type ControlledEmulator } from './control';
import {
  startHautAiEmulator,
  startSatoriEmulator,
  startSyftHubEmulator,
  startSyftSpaceEmulator,
  startSynapTaskEmulator,
  type Emulator,
} from './index';
import { loadState, saveState, stableSeedOf, writeEnvFile, type SavedState } from './run-state';

/**
 * `npm run emulators [-- --dir DIR] [--fresh]`: the five provider emulators on 127.0.0.1 for
 * trying Keyturn without accounts. Ports and the made-up credentials are kept in DIR (default
 * `.emulators/`), so a restart brings back the same ones and a vault's connections keep working;
 * `--fresh` makes new ones. DIR/env.sh holds them as shell variables (`source .emulators/env.sh`),
 * and a control endpoint on 127.0.0.1 (KEYTURN_EMULATORS) injects faults (see control.ts).
 */
const { values } = parseArgs({ options: { dir: { type: 'string' }, fresh: { type: 'boolean' } } });
const dir = resolve(values.dir ?? '.emulators');

function isPortTaken(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
}

/** Starts on the saved port; if something else holds it now, on a free one (and says so). */
async function onSavedPort<T>(state: SavedState, name: string, start: (port: number) => Promise<T>): Promise<T> {
  const saved = state.ports[name];
  if (saved === undefined) return start(0);
  try {
    return await start(saved);
  } catch (error) {
    if (!isPortTaken(error)) throw error;
    process.stderr.write(`port ${saved} for ${name} is taken; using another (source env.sh again)\n`);
    return start(0);
  }
}

const portOf = (url: string): number => Number(new URL(url).port);

function controlledBy(emulator: Emulator<unknown>, keys?: () => unknown): ControlledEmulator {
  const { url, requests, inject, clearFaults } = emulator;
  return { url, requests, inject, clearFaults, ...(keys === undefined ? {} : { keys }) };
}

/** `.emulators/env.sh` when under the current folder, else the absolute path. */
function shownPath(path: string): string {
  const near = relative(process.cwd(), path);
  return near.startsWith('..') ? path : near;
}

async function main(): Promise<void> {
  const state = loadState(dir, values.fresh === true);
  const stable = stableSeedOf(state);
  const satori = await onSavedPort(state, 'satori', (port) => startSatoriEmulator({ port, stable }));
  const haut = await onSavedPort(state, 'haut-ai', (port) => startHautAiEmulator({ port, stable }));
  const space = await onSavedPort(state, 'syft-space', (port) => startSyftSpaceEmulator({ port, stable }));
  const hub = await onSavedPort(state, 'syfthub', (port) => startSyftHubEmulator({ port, stable }));
  const synap = await onSavedPort(state, 'synaptask', (port) => startSynapTaskEmulator({ port, stable }));
  const controlled = new Map<string, ControlledEmulator>([
    ['satori', controlledBy(satori, () => satori.state.activeKeys())],
    ['haut-ai', controlledBy(haut, () => haut.state.activeKeys())],
    ['syft-space', controlledBy(space)],
    ['syfthub', controlledBy(hub, () => hub.state.activeKeys())],
    ['synaptask', controlledBy(synap)],
  ]);
  const control = await onSavedPort(state, 'control', (port) => startControlServer(controlled, port));
  const all = [satori, haut, space, hub, synap, control];
  const urls = {
    satori: satori.url,
    'haut-ai': haut.url,
    'syft-space': space.url,
    syfthub: hub.url,
    synaptask: synap.url,
  };
  saveState(dir, {
    ...state,
    ports: {
      ...Object.fromEntries(Object.entries(urls).map(([n, u]) => [n, portOf(u)])),
      control: portOf(control.url),
    },
  });
  const envFile = writeEnvFile(dir, [
    ['KEYTURN_EMULATORS', control.url],
    ['SATORI_URL', satori.url],
    ['SATORI_TENANT_ID', satori.seed.tenantId],
    ['SATORI_BOOTSTRAP_TOKEN', satori.seed.bootstrapToken],
    ['HAUT_AI_URL', haut.url],
    ['HAUT_AI_EMAIL', haut.seed.email],
    ['HAUT_AI_PASSWORD', haut.seed.password],
    ['HAUT_AI_COMPANY_ID', haut.seed.companyId],
    ['SYFT_SPACE_URL', space.url],
    ['SYFT_SPACE_EMAIL', space.seed.email],
    ['SYFT_SPACE_PASSWORD', space.seed.password],
    ['SYFT_SPACE_TENANT', space.seed.tenantName],
    ['SYFT_SPACE_ADMIN_KEY', space.seed.adminKey],
    ['SYFTHUB_URL', hub.url],
    ['SYFTHUB_USERNAME', hub.seed.username],
    ['SYFTHUB_PASSWORD', hub.seed.password],
    ['SYNAPTASK_URL', synap.url],
    ['SYNAPTASK_TOKEN', synap.seed.token],
  ]);
  const lines = [
    'Keyturn provider emulators (fake credentials, 127.0.0.1 only; the same after a restart)',
    '',
    `Satori      ${satori.url}`,
    `  tenant_id        ${satori.seed.tenantId}`,
    `  bootstrap token  ${satori.seed.bootstrapToken}`,
    `Haut.AI     ${haut.url}`,
    `  email / password ${haut.seed.email} / ${haut.seed.password}`,
    `  company_id       ${haut.seed.companyId}`,
    `  MFA account      ${haut.seed.mfaEmail} / ${haut.seed.mfaPassword} (login answers 400)`,
    `Syft Space  ${space.url}`,
    `  email / password ${space.seed.email} / ${space.seed.password}`,
    `  tenant           ${space.seed.tenantName}`,
    `  admin key        ${space.seed.adminKey}`,
    `  satellite live   ${space.seed.satelliteLive}`,
    `  satellite test   ${space.seed.satelliteTest}`,
    `  endpoint slug    ${space.seed.endpointSlug}`,
    `SyftHub     ${hub.url}`,
    `  username / pw    ${hub.seed.username} / ${hub.seed.password}`,
    `SynapTask   ${synap.url}  (REST /api; Socket.IO path ${synap.socketPath}, auth {api_token} or Bearer header)`,
    `  token            ${synap.seed.token}`,
    `  viewer token     ${synap.seed.viewerToken}`,
    `Faults      ${control.url}  (POST|DELETE /PROVIDER/faults, GET /PROVIDER/keys, GET /PROVIDER/requests)`,
    '',
    `In another terminal: source ${shownPath(envFile)}`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (): void => {
    Promise.all(all.map((e) => e.close())).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulators failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
