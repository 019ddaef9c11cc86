import {
  startHautAiEmulator,
  startSatoriEmulator,
  startSyftHubEmulator,
  startSyftSpaceEmulator,
  startSynapTaskEmulator,
} from './index';

/**
 * `npm run emulators`: the five provider emulators on 127.0.0.1 for trying Keyturn without accounts.
 * The credentials printed are the emulators' own fake ones, made up at start.
 */
async function main(): Promise<void> {
  const satori = await startSatoriEmulator();
  const haut = await startHautAiEmulator();
  const space = await startSyftSpaceEmulator();
  const hub = await startSyftHubEmulator();
  const synap = await startSynapTaskEmulator();
  const all = [satori, haut, space, hub, synap];
  const lines = [
    'Keyturn provider emulators (fake credentials, 127.0.0.1 only)',
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
    '',
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
