import { matchOperations, type OperationPairing } from '../../diff/match-operations.js'
import type { SnapshotOperation } from '../../model/snapshot.js'
import { requestLabel } from './assign-identities.js'

type SameRequest = (before: SnapshotOperation, after: SnapshotOperation) => boolean

/**
 * How sure a pairing of two requests with the same method and path is, strongest first. The
 * shared pairing then pairs whatever is left when exactly one request remains on each side.
 */
const SAME_REQUEST_RULES: readonly SameRequest[] = [
  (before, after) => requestLabel(before) === requestLabel(after),
  (before, after) => before.summary === after.summary,
  (before, after) => sameFolder(before, after),
]

/**
 * Pairs requests across two collection versions with the one pairing of `diff/match-operations.ts`:
 * by identity first, then among requests with the same method and path shape whose identities
 * differ because one side has duplicates (a request gains or loses a twin, or a twin is renamed or
 * moved): same folder and name, then same name, then same folder, then a last one on each side.
 */
export function pairRequests(before: readonly SnapshotOperation[], after: readonly SnapshotOperation[]): OperationPairing {
  return matchOperations(before, after, { sameShapeRules: SAME_REQUEST_RULES })
}

function sameFolder(before: SnapshotOperation, after: SnapshotOperation): boolean {
  const a = before.folder ?? []
  const b = after.folder ?? []
  return a.length === b.length && a.every((name, index) => name === b[index])
}
