import type { SnapshotOperation } from '../model/snapshot.js'
import { fullUrlIdentity, operationIdentity, sameShape } from '../shared/operation-identity.js'
import { pairInTiers, type PairedBy, type PairingTier } from '../shared/pair-in-tiers.js'

export interface OperationPair {
  before: SnapshotOperation
  after: SnapshotOperation
  /** How the pair was found (see `PairedBy`). */
  by: PairedBy
  /** The same unique operationId at another path or method. */
  moved: boolean
  /** The same full URL template, the path written under another base path. */
  rebased?: boolean
}

export interface OperationPairing {
  /** Same operation in both versions (see `matchOperations` for how they are found). */
  pairs: OperationPair[]
  added: SnapshotOperation[]
  removed: SnapshotOperation[]
}

export interface MatchOptions {
  /**
   * The path every operation's URL starts with in each version (`/api/v2` from a Swagger 2.0
   * `basePath` or a server URL): operations whose full URL template is the same are one
   * operation even when the prefix moved between the base path and the paths.
   */
  basePaths?: { before: string; after: string }
  /**
   * How to tell apart operations that share a method and path shape (Postman requests that
   * duplicate each other), strongest first; a last one left on each side pairs too.
   * @default the same key (the path written the same)
   */
  sameShapeRules?: ReadonlyArray<(before: SnapshotOperation, after: SnapshotOperation) => boolean>
}

const SAME_KEY: ReadonlyArray<(before: SnapshotOperation, after: SnapshotOperation) => boolean> = [(before, after) => before.key === after.key]

/**
 * Pairs operations across two versions, strongest signal first (`shared/pair-in-tiers.ts`):
 * 1. the same identity (`shared/operation-identity.ts`: method + path, parameter names and a
 *    trailing slash ignored);
 * 2. with `basePaths`, the same full URL template (base path + path): `rebased`;
 * 3. an operationId unique on both sides: the operation `moved` to another path or method
 *    (duplicate operationIds never pair, so they cannot cause a wrong match);
 * 4. the same method and path shape among operations that share it (Postman twins, or paths a
 *    document declares twice, `/pets` and `/pets/`), by `sameShapeRules`, then a last one each.
 */
export function matchOperations(before: readonly SnapshotOperation[], after: readonly SnapshotOperation[], options: MatchOptions = {}): OperationPairing {
  const tiers: Array<PairingTier<SnapshotOperation>> = [{ by: 'identity', key: (operation) => operation.identity, match: 'unique' }]
  const basePaths = options.basePaths
  if (basePaths !== undefined && basePaths.before !== basePaths.after) {
    tiers.push({ by: 'rebased', key: (operation, side) => fullUrlIdentity(operation.method, operation.path, basePaths[side]), match: 'unique' })
  }
  tiers.push({ by: 'operationId', key: (operation) => operation.operationId, match: 'unique', scope: 'all' })
  tiers.push({ by: 'shape', key: shapeOf, match: 'group', same: options.sameShapeRules ?? SAME_KEY, rest: 'last-one' })
  const { pairs, added, removed } = pairInTiers(before, after, tiers)
  return {
    pairs: pairs.map(({ before: old, after: current, by }) => (by === 'rebased' ? { before: old, after: current, by, moved: false, rebased: true } : { before: old, after: current, by, moved: by === 'operationId' })),
    added,
    removed,
  }
}

/** Method and path shape: what operations that duplicate each other share (`GET /pets/{}`). */
function shapeOf(operation: SnapshotOperation): string {
  return operationIdentity(operation.method, operation.path)
}

/**
 * The pairs whose operation is now called at another URL: moved (operationId), rebased, or the
 * path changed beyond parameter names (a trailing slash). A renamed path parameter is not a move.
 */
export function isMove(pair: OperationPair): boolean {
  // Equal paths have equal shapes: no regular expressions for the thousands of pairs that did not move.
  return pair.moved || pair.rebased === true || pair.before.method !== pair.after.method || (pair.before.path !== pair.after.path && !sameShape(pair.before.path, pair.after.path))
}
