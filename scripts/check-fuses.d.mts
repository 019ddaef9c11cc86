export type FuseVariant = 'release' | 'smoke';
export interface FuseMismatch {
  readonly fuse: string;
  readonly expected: 'on' | 'off';
  readonly actual: 'on' | 'off' | 'removed' | 'absent';
}
export function fuseIndex(key: string): number;
export function expectedFuses(
  builderConfig: { readonly electronFuses?: Readonly<Record<string, boolean>> | null },
  variant: FuseVariant,
): Record<string, boolean>;
export function fuseMismatches(
  expected: Readonly<Record<string, boolean>>,
  wire: Readonly<Record<number, number | string>>,
): FuseMismatch[];
export function checkFuses(
  apps: readonly string[],
  variant: FuseVariant,
  configPath?: string,
): Promise<{ app: string; mismatches: FuseMismatch[] }[]>;
