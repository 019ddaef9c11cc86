/** The environment for a process we start: never the settings that unlock the vault. */
const SECRET_SETTINGS = ['KEYTURN_PASSWORD', 'KEYTURN_NEW_PASSWORD', 'KEYTURN_BACKUP_PASSWORD'] as const;

export function withoutSecretSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = { ...env };
  // spawn() leaves out variables whose value is undefined.
  for (const name of SECRET_SETTINGS) copy[name] = undefined;
  return copy;
}
