/** Providers' names as people write them, for forms and progress ("Asking Satori to …"). */
import type { ProviderId } from './model';

export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  'syft-space': 'Syft Space',
  syfthub: 'SyftHub',
  satori: 'Satori',
  'haut-ai': 'Haut.AI',
  synaptask: 'SynapTask',
  manual: 'Manual',
};
