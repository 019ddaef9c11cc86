/** Help text for every command: `keyturn --help`, `keyturn CMD --help`. */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  init: 'keyturn init [--kdf calibrate|floor]\n  Create a vault; prints the recovery key once. --kdf floor: Argon2id m=64MiB t=3 (fast unlock).',
  tenant: 'keyturn tenant add NAME | tenant ls | tenant rm NAME\n  Manage tenants.',
  env: 'keyturn env add TENANT/ENV [--kind production|staging|development|test|custom] | env ls [TENANT] | env rm TENANT/ENV\nkeyturn env TENANT/ENV [--format dotenv|shell|json]\n  Manage environments, or print every token of one environment (secrets!).',
  connect:
    'keyturn connect TENANT/ENV PROVIDER --base-url URL [--username EMAIL] [--setting KEY=VALUE]... [--tenant-id ID] [--company-id ID] [--tenant-name NAME]\n  Bind an environment to a provider account. The password (with --username) or token (Satori bootstrap token, SyftHub personal access token, Syft Space admin key) is read from a prompt or the next stdin line, and checked with the provider before anything is stored (an unreachable provider: stored as unverified). The URL must be https:// (http:// only to this computer) with no user name or password in it.',
  doctor:
    'keyturn doctor TENANT/ENV [--provider P] [--lifecycle]\n  Check what works against the provider behind a connection: the credential, the session, the key list; --lifecycle also creates, verifies, rotates and revokes throwaway keys. Exit 5 if a check failed.',
  disconnect:
    "keyturn disconnect TENANT/ENV [PROVIDER] [--force]\n  Remove an environment's provider connection and its stored credential. Its tokens stay, bound to no connection.\n  Refused while a bound token may still work at the provider (revoke or rm it first), unless --force.",
  add: 'keyturn add REF [--provider P] [--kind K] [--expires DATE|30d|12h|45m] [--tag T]... [--notes TEXT]\n  Store a token read from a prompt or stdin. Recognition fills provider and expiry when not given.\n  --expires: an ISO date (2030-12-31) or days/hours/minutes from now, at most 100 years ahead.',
  ls: "keyturn ls [TENANT[/ENV]] [--expiring DAYS] [--status fresh|expiring|expired|revoked|never|unknown]\n  List token metadata with expiry state (expiring: within the kind's warning time; never: the provider says it does not expire; unknown: nobody says). Never prints secrets.",
  rm: 'keyturn rm REF [--force]\n  Remove a token and every version of it from the vault. A token that may still work at its provider\n  (not revoked, provider other than manual) is refused: revoke it first, or --force to forget it anyway.',
  mv: 'keyturn mv REF NEW_REF\n  Rename a token within its environment (NEW_REF = same TENANT/ENV, new label).',
  get: 'keyturn get REF\n  Print a fresh secret (sessions are refreshed first).',
  copy: 'keyturn copy REF [--clear-after SECONDS]\n  Copy a fresh secret to the clipboard and clear it after the delay (default: setting, 20 s) if it still holds it.',
  run: 'keyturn run [--env NAME=REF]... [--dotenv FILE] -- CMD [ARGS...]\n  Run CMD with secrets in its environment. A .env file (--dotenv) may hold keyturn:// references. The exit code of CMD is passed through.',
  create:
    'keyturn create REF [--provider P] [--expires DATE|30d|12h|45m]\n  Create a new key at the provider (the environment must be connected; --provider picks the connection when it has several) and store it. Its expiry: --expires, else from the rotation policy, else the provider default (SyftHub, Haut.AI: 90 days).',
  rotate:
    'keyturn rotate REF\n  Rotate a key at the provider: create, test, promote, revoke the old one. Providers without a token API (SynapTask, the Syft Space admin key, manual tokens): make the new key in their web UI and paste it (prompt or next stdin line); Keyturn checks and promotes it, then `keyturn confirm REF` once the old key is revoked.',
  revoke:
    'keyturn revoke REF\n  Revoke every live key of the token at the provider and mark it revoked. Never blocked by an unfinished rotation; revoking twice says "already revoked".',
  confirm:
    'keyturn confirm REF\n  After a manual rotation: you revoked the old key in the provider’s UI; the rotation is done.',
  reconcile:
    'keyturn reconcile\n  Finish every unfinished rotation, create and revoke (as the app does after unlock) and revoke orphan keys. Exit 5 while anything stays unfinished.',
  verify: 'keyturn verify REF\n  Ask the provider whether the current secret works.',
  history: 'keyturn history REF\n  List the versions of a token (never their secrets).',
  audit:
    'keyturn audit [--limit N] [--verify]\n  Show the audit log; --verify checks its MAC chain (exit 1 if broken).',
  import:
    'keyturn import FILE --into TENANT/ENV [--provider P] [--overwrite]\nkeyturn import --backup FILE\n  Import a .env file (one token per variable), or restore an encrypted backup.',
  export:
    'keyturn export TENANT/ENV [--format dotenv|shell|json] [--out FILE]\nkeyturn export --backup FILE\n  Print an environment as a .env (secrets in clear: a warning is printed), or write an encrypted backup.',
  passwd:
    'keyturn passwd\n  Change the master password (new password from a prompt, the next stdin line, or KEYTURN_NEW_PASSWORD).',
  lock: 'keyturn lock\n  Clear the clipboard now if it still holds a value keyturn copied, and stop the pending clear.',
  status:
    'keyturn status\n  Vault path, schema version, counts, the tokens ls shows as expiring and expired, and unfinished rotations (no password needed).',
};

export function globalHelp(): string {
  const commands = Object.values(COMMAND_HELP)
    .map((text) => text.split('\n')[0] ?? '')
    .join('\n  ');
  return [
    'keyturn: the Keyturn token vault on the command line',
    '',
    'Global options: --vault PATH (else KEYTURN_VAULT, else the app folder), --json, --password-stdin, --no-app, --help, --version',
    'Password: interactive prompt, --password-stdin (first line of stdin), or KEYTURN_PASSWORD.',
    'get, run and env ask the running Keyturn app first (approve the terminal there); --no-app or KEYTURN_NO_APP=1: never.',
    'References: tenant/env/label or keyturn://tenant/env/label',
    'Exit codes: 0 ok, 1 error, 2 usage, 3 locked or wrong password, 4 not found, 5 provider error,',
    '  6 vault storage refused (disk full, read-only, busy; nothing changed), 130 Ctrl-C at a prompt',
    '',
    'Commands:',
    `  ${commands}`,
  ].join('\n');
}
