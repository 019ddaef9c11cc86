/** Environment-variable names for tokens, shared by `env`/`export` handlers and the CLI. */

/** `stripe live key` → `STRIPE_LIVE_KEY`; a leading digit gets an underscore. */
export function envNameFor(label: string): string {
  const name = label
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') return '_';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

export function isEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
