/** The text formats an environment can be exported in (the CLI's --format, the window's export). */
export const ENV_FORMATS = ['dotenv', 'shell', 'json'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];
