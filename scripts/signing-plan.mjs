// Decides, from the repository secrets a release job was given, whether the installers it builds
// are signed (and, on macOS, notarized), and says so in the job's log. Absent secrets skip
// signing with a clear line; a half-set group (an Apple ID without its password) fails the job,
// so a misconfigured release never ships silently unsigned.
//
//   node scripts/signing-plan.mjs mac|win|linux >> "$GITHUB_ENV"
//
// Log lines go to stderr; stdout carries only NAME=value lines for the build step's environment.
import { pathToFileURL } from 'node:url';

const GROUPS = {
  mac: [
    { what: 'macOS code signing', names: ['CSC_LINK', 'CSC_KEY_PASSWORD'] },
    {
      what: 'notarization with an App Store Connect API key',
      names: ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
    },
    { what: 'notarization with an Apple ID', names: ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'] },
  ],
  win: [{ what: 'Windows code signing', names: ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD'] }],
  linux: [],
};

const isSet = (env, name) => (env[name] ?? '').trim() !== '';

/** { ok, log: string[], env: Record<string,string> } for `platform` given `env` (the secrets). */
export function signingPlan(platform, env) {
  const groups = GROUPS[platform];
  if (groups === undefined) return { ok: false, log: [`unknown platform "${platform}"`], env: {} };
  if (groups.length === 0) return { ok: true, log: ['Linux packages are not signed (AppImage and deb).'], env: {} };
  const log = [];
  const found = new Set();
  let ok = true;
  for (const { what, names } of groups) {
    const present = names.filter((name) => isSet(env, name));
    if (present.length === names.length) {
      found.add(what);
      log.push(`${what}: on (${names.join(', ')} set).`);
    } else if (present.length === 0) {
      log.push(`${what}: SKIPPED — secrets ${names.join(', ')} are not set.`);
    } else {
      ok = false;
      const missing = names.filter((name) => !isSet(env, name));
      log.push(`${what}: ${present.join(', ')} set but ${missing.join(', ')} missing — set all or none.`);
    }
  }
  const signing = platform === 'mac' ? 'macOS code signing' : 'Windows code signing';
  const out = {};
  if (!found.has(signing)) {
    out.CSC_IDENTITY_AUTO_DISCOVERY = 'false'; // never pick up a stray identity on the runner
    log.push('The installers of this job are UNSIGNED: users will see the OS warning for unknown apps.');
  }
  if (platform === 'mac' && found.size > 0 && !found.has(signing)) {
    ok = false;
    log.push('Notarization needs a signed app: set CSC_LINK and CSC_KEY_PASSWORD too.');
  }
  return { ok, log, env: out };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const plan = signingPlan(process.argv[2] ?? '', process.env);
  for (const line of plan.log) console.error(line);
  for (const [name, value] of Object.entries(plan.env)) console.log(`${name}=${value}`);
  process.exitCode = plan.ok ? 0 : 1;
}
