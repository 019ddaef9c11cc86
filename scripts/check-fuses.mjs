// Reads the fuses back from built Electron binaries and compares them with electron-builder.yml's
// `electronFuses`, so a release never ships with a fuse other than the one configured.
//
//   node scripts/check-fuses.mjs [--variant release|smoke] <app>...
//
// <app> is an Electron binary (keyturn-app, Keyturn.exe) or a Keyturn.app bundle. The smoke
// variant (the build the smoke test drives) must differ in exactly one fuse: the inspect
// arguments Playwright's Electron driver needs are on. Exits 1 and lists every difference.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { parse } from 'yaml';

const ENABLE = 49; // '1' in the fuse wire; '0' (48) is disabled, 'r' (114) removed
const SMOKE_ONLY = { enableNodeCliInspectArguments: true };

/** electron-builder's key (runAsNode) → the fuse's place in the wire (FuseV1Options.RunAsNode). */
export function fuseIndex(key) {
  const index = FuseV1Options[key.charAt(0).toUpperCase() + key.slice(1)];
  if (typeof index !== 'number') throw new Error(`electron-builder.yml names an unknown fuse: ${key}`);
  return index;
}

/** The fuses a build must have: electron-builder.yml's, with the smoke variant's one change. */
export function expectedFuses(builderConfig, variant) {
  const configured = builderConfig.electronFuses;
  if (configured === undefined || configured === null) throw new Error('electron-builder.yml has no electronFuses');
  return variant === 'smoke' ? { ...configured, ...SMOKE_ONLY } : { ...configured };
}

/** Each configured fuse whose state in `wire` (getCurrentFuseWire's answer) is not the expected one. */
export function fuseMismatches(expected, wire) {
  return Object.entries(expected).flatMap(([key, on]) => {
    const state = wire[fuseIndex(key)];
    const actual = state === undefined ? 'absent' : state === ENABLE ? 'on' : state === ENABLE - 1 ? 'off' : 'removed';
    const want = on ? 'on' : 'off';
    return actual === want ? [] : [{ fuse: key, expected: want, actual }];
  });
}

export async function checkFuses(apps, variant, configPath = 'electron-builder.yml') {
  const expected = expectedFuses(parse(readFileSync(configPath, 'utf8')), variant);
  const report = [];
  for (const app of apps) report.push({ app, mismatches: fuseMismatches(expected, await getCurrentFuseWire(app)) });
  return report;
}

async function main(argv) {
  const variantAt = argv.indexOf('--variant');
  const variant = variantAt === -1 ? 'release' : argv[variantAt + 1];
  const apps = argv.filter((_, index) => variantAt === -1 || (index !== variantAt && index !== variantAt + 1));
  if ((variant !== 'release' && variant !== 'smoke') || apps.length === 0) {
    console.error('usage: node scripts/check-fuses.mjs [--variant release|smoke] <app>...');
    return 2;
  }
  let failed = false;
  for (const { app, mismatches } of await checkFuses(apps, variant)) {
    if (mismatches.length === 0) console.log(`fuses ok (${variant}): ${app}`);
    for (const m of mismatches)
      console.error(`fuse ${m.fuse} is ${m.actual}, electron-builder.yml wants ${m.expected}: ${app}`);
    failed ||= mismatches.length > 0;
  }
  return failed ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
