/** The provider registry: one factory and one capabilities table per provider id. */
import { assertNever } from '../../shared/errors';
import type { ProviderId } from '../../shared/model';
import { createHautAiClient, hautAiCapabilities } from './haut-ai';
import { createManualClient, manualCapabilities } from './manual';
import { createSatoriClient, satoriCapabilities } from './satori';
import { createSyftSpaceClient, syftSpaceCapabilities } from './syft-space';
import { createSyftHubClient, syftHubCapabilities } from './syfthub';
import { createSynapTaskClient, synapTaskCapabilities } from './synaptask';
import type { Capabilities, ProviderClient, ProviderConnection, ProviderDeps, ProviderFactory } from './types';

export function providerFactory(provider: ProviderId): ProviderFactory {
  switch (provider) {
    case 'syft-space':
      return createSyftSpaceClient;
    case 'syfthub':
      return createSyftHubClient;
    case 'satori':
      return createSatoriClient;
    case 'haut-ai':
      return createHautAiClient;
    case 'synaptask':
      return createSynapTaskClient;
    case 'manual':
      return createManualClient;
    default:
      return assertNever(provider);
  }
}

export function createProviderClient(
  provider: ProviderId,
  connection: ProviderConnection,
  deps: ProviderDeps,
): ProviderClient {
  return providerFactory(provider)(connection, deps);
}

export function capabilitiesOf(provider: ProviderId): Capabilities {
  switch (provider) {
    case 'syft-space':
      return syftSpaceCapabilities;
    case 'syfthub':
      return syftHubCapabilities;
    case 'satori':
      return satoriCapabilities;
    case 'haut-ai':
      return hautAiCapabilities;
    case 'synaptask':
      return synapTaskCapabilities;
    case 'manual':
      return manualCapabilities;
    default:
      return assertNever(provider);
  }
}

export { detectToken, type DetectedToken } from './detect';
export { redact } from './redact';
export type * from './types';
