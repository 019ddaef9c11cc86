/**
 * The rotation engine: a create, rotate or revoke is planned as a journal entry (rotation-plan.ts),
 * then run step by step, each state committed before the next (rotation-run.ts).
 */
export { runClaimed, runJournal, type RunMode } from './rotation-run';
export {
  createManagedToken,
  planCreate,
  planForToken,
  revokeToken,
  rotateToken,
  type NewManagedToken,
  type PlannedEntry,
} from './rotation-plan';
