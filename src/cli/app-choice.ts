/**
 * Whether a command asks the running app first (docs/cli.md, App integration). Its own module,
 * importing nothing, because the launcher's fast path decides with it before loading the CLI.
 */

/**
 * The app is asked unless told not to (--no-app, KEYTURN_NO_APP=1) or given a password
 * (--password-stdin, KEYTURN_PASSWORD): whoever passes a password chose to unlock directly.
 */
export function wantsApp(noAppFlag: boolean, passwordStdin: boolean, env: NodeJS.ProcessEnv): boolean {
  return !noAppFlag && env.KEYTURN_NO_APP !== '1' && !passwordStdin && !env.KEYTURN_PASSWORD;
}
