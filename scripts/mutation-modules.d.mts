/** One module of the security core under mutation testing (see mutation-modules.mjs). */
export interface MutationModule {
  readonly name: string;
  /** Source files Stryker mutates. */
  readonly mutate: readonly string[];
  /** The test files that run against them. */
  readonly tests: string[];
}

export const MUTATION_MODULES: readonly MutationModule[];

export function findModule(name: string): MutationModule | undefined;
