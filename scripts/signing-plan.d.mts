export interface SigningPlan {
  readonly ok: boolean;
  readonly log: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}
/** Whether a release job signs (and notarizes) with the secrets in `env`, and what to log. */
export function signingPlan(platform: string, env: NodeJS.ProcessEnv): SigningPlan;
