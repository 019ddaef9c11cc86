/**
 * The security core under mutation testing (docs/testing.md), one module at a time: the source
 * files Stryker mutates and the test files that must kill those mutants. Only these tests run for
 * a module, never the full suite (3+ minutes on this machine, per mutant).
 * Left out on purpose: the crash-point suite (it spawns and SIGKILLs hundreds of children) and
 * provider-faults.test.ts (one test of ~100 rotations, a minute a run: per mutant, hours).
 */
export const MUTATION_MODULES = [
  {
    name: 'vault-crypto',
    mutate: ['src/main/vault/crypto.ts', 'src/main/vault/keys.ts'],
    tests: [
      'test/main/vault/crypto.test.ts',
      'test/main/vault/seal-edges.test.ts',
      'test/main/vault/crypto-wipe.test.ts',
      'test/main/vault/lock-zeroing.test.ts',
      'test/main/vault/tamper-lifecycle.test.ts',
      'test/main/vault/round-trip.test.ts',
      'test/main/vault/passwords.test.ts',
    ],
  },
  {
    name: 'header-kdf',
    mutate: ['src/main/vault/header.ts', 'src/main/vault/kdf.ts', 'src/main/vault/recovery-key.ts'],
    tests: [
      'test/main/vault/header.test.ts',
      'test/main/vault/recovery-key.test.ts',
      'test/main/vault/kdf-calibration.test.ts',
      'test/main/vault/header-fields.test.ts',
      'test/main/vault/crypto-wipe.test.ts',
      'test/main/vault/passwords.test.ts',
      'test/main/vault/async-kdf.test.ts',
      'test/main/vault/round-trip.test.ts',
    ],
  },
  {
    name: 'audit-log',
    mutate: ['src/main/vault/audit-log.ts'],
    tests: [
      'test/main/vault/audit.test.ts',
      'test/main/vault/audit-format.test.ts',
      'test/main/vault/tamper-lifecycle.test.ts',
      'test/main/vault/round-trip.test.ts',
    ],
  },
  {
    name: 'journal',
    mutate: ['src/main/vault/journal.ts'],
    tests: [
      'test/main/vault/journal-rows.test.ts',
      'test/main/vault/tamper-lifecycle.test.ts',
      'test/main/vault/round-trip.test.ts',
      'test/main/lifecycle/rotation.test.ts',
    ],
  },
  {
    name: 'lifecycle-steps',
    mutate: [
      'src/main/lifecycle/reconcile.ts',
      'src/main/lifecycle/rotation-steps.ts',
      'src/main/lifecycle/step-create.ts',
      'src/main/lifecycle/step-revoke.ts',
      'src/main/lifecycle/key-name.ts',
    ],
    tests: [
      'test/main/lifecycle/rotation.test.ts',
      'test/main/lifecycle/rotation-test-step.test.ts',
      'test/main/lifecycle/rotation-steps.test.ts',
      'test/main/lifecycle/discard-steps.test.ts',
      'test/main/lifecycle/retire-step.test.ts',
      'test/main/lifecycle/create-orphans.test.ts',
      'test/main/lifecycle/create-resume.test.ts',
      'test/main/lifecycle/reconcile-scope.test.ts',
      'test/main/lifecycle/reconcile-sweep.test.ts',
      'test/main/lifecycle/revoke.test.ts',
      'test/main/lifecycle/revoke-passes.test.ts',
      'test/main/lifecycle/revoke-session.test.ts',
      'test/main/lifecycle/create-refused.test.ts',
      'test/main/lifecycle/key-name.test.ts',
    ],
  },
  {
    name: 'redaction',
    mutate: ['src/main/providers/redact.ts'],
    tests: [
      'test/main/providers/redact.test.ts',
      'test/main/providers/redact-bearer.test.ts',
      'test/main/providers/redact-rules.test.ts',
    ],
  },
  {
    name: 'url-policy',
    mutate: ['src/main/providers/url-policy.ts'],
    tests: ['test/main/providers/url-policy.test.ts', 'test/main/providers/http.test.ts'],
  },
  {
    name: 'ipc',
    mutate: [
      'src/shared/ipc.ts',
      'src/shared/ipc-cli-channels.ts',
      'src/shared/ipc-window-channels.ts',
      'src/shared/ipc-window-admin-channels.ts',
      'src/shared/lazy-channel.ts',
      'src/main/electron/ipc-binding.ts',
    ],
    tests: [
      'test/shared/ipc-extra-keys.test.ts',
      'test/shared/ipc-bounds.test.ts',
      'test/shared/ipc-window-bounds.test.ts',
      'test/shared/lazy-channel.test.ts',
      'test/main/api/extra-keys.test.ts',
      'test/main/api/handler.test.ts',
      'test/main/electron/ipc-binding.test.ts',
      'test/main/electron/ipc-sender.test.ts',
      'test/shared/ipc-channels.test.ts',
      'test/main/api/window-contract.test.ts',
    ],
  },
  {
    name: 'clipboard',
    mutate: ['src/main/electron/clipboard.ts'],
    tests: ['test/main/electron/clipboard.test.ts', 'test/main/electron/clipboard-delay.test.ts'],
  },
];

export function findModule(name) {
  return MUTATION_MODULES.find((module) => module.name === name);
}
