export * from './harness';
export {
  startSatoriEmulator,
  defaultSatoriProfile,
  type SatoriProfile,
  type SatoriSeed,
  type SatoriState,
  type EmulatorOptions,
} from './satori-emulator';
export {
  startHautAiEmulator,
  defaultHautAiProfile,
  type HautAiProfile,
  type HautAiSeed,
  type HautAiState,
} from './haut-ai-emulator';
export {
  startSyftSpaceEmulator,
  startSyftHubEmulator,
  defaultSyftHubProfile,
  type SyftSpaceProfile,
  type SyftSpaceSeed,
  type SyftSpaceState,
  type SyftHubProfile,
  type SyftHubSeed,
  type SyftHubState,
} from './syft-space-emulator';
export {
  startSynapTaskEmulator,
  defaultSynapTaskProfile,
  type SynapTaskProfile,
  type SynapTaskSeed,
  type SynapTaskState,
} from './synaptask-emulator';
export {
  SYNAPTASK_SOCKET_PATH,
  SYNAPTASK_SOCKET_EVENTS,
  type SocketProfile as SynapTaskSocketProfile,
} from './synaptask-socket';
