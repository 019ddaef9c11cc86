/**
 * What the lifecycle engine is given: the clock, a source of provider clients, and a fault-point
 * hook. Fault points are numbered by the crash tests: before/after every remote call and every
 * commit, so a SIGKILL can land between the provider's answer and the vault's commit.
 */
import type { Result } from '../../shared/errors';
import type { ProviderClient } from '../providers/types';
import type { RotationOperation } from '../vault/types';
import type { Rotation } from './rotation-state';

export interface ClientSource {
  get(connectionId: string): ProviderClient;
}

export interface LifecycleDeps {
  readonly now: () => number;
  readonly clients: ClientSource;
  readonly faultPoint?: (label: string) => void;
  /** Who runs it, for the audit log ("CLI", "app"); finishing someone else's entry says so. */
  readonly actor?: string;
  /** Told the state a journal run starts at and each state it commits (the window's live progress). */
  readonly onStep?: (journalId: string, operation: RotationOperation, rotation: Rotation) => void;
}

export async function remote<T>(
  deps: LifecycleDeps,
  label: string,
  call: () => Promise<Result<T>>,
): Promise<Result<T>> {
  deps.faultPoint?.(`before ${label}`);
  const result = await call();
  deps.faultPoint?.(`after ${label}`);
  return result;
}

export function commit<T>(deps: LifecycleDeps, label: string, write: () => T): T {
  deps.faultPoint?.(`before commit ${label}`);
  const value = write();
  deps.faultPoint?.(`after commit ${label}`);
  return value;
}
