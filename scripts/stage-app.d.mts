/** Stages the packaged app's folder (default build/app) from `root`; returns its path. */
export function stageApp(root: string, dest?: string): string;
