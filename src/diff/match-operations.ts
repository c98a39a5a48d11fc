import type { SnapshotOperation } from '../formats/types.js'

export interface OperationPairing {
  /**
   * Same operation in both versions (same identity, the same full URL template with the path
   * written under another base path: `rebased`, or the same unique operationId that moved).
   */
  pairs: Array<{ before: SnapshotOperation; after: SnapshotOperation; moved: boolean; rebased?: boolean }>
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
}

/**
 * Pairs operations across two versions: first by identity (method + path, parameter names
 * ignored), then by full URL template (base path + path) when `basePaths` is given, then an
 * unpaired operation whose operationId is unique on both sides and names an unpaired operation
 * on the other side is the same operation moved to another path or method. Duplicate
 * operationIds never pair, so they cannot cause a wrong match.
 */
export function matchOperations(before: readonly SnapshotOperation[], after: readonly SnapshotOperation[], options: MatchOptions = {}): OperationPairing {
  const afterByIdentity = new Map(after.map((operation) => [operation.identity, operation]))
  const pairs: OperationPairing['pairs'] = []
  const unpairedBefore: SnapshotOperation[] = []
  const pairedAfter = new Set<string>()
  for (const operation of before) {
    const match = afterByIdentity.get(operation.identity)
    if (match) {
      pairs.push({ before: operation, after: match, moved: false })
      pairedAfter.add(match.identity)
    } else {
      unpairedBefore.push(operation)
    }
  }
  if (options.basePaths !== undefined && unpairedBefore.length > 0) {
    pairByFullUrl(unpairedBefore, after, pairedAfter, pairs, options.basePaths)
  }
  const unpairedAfter = after.filter((operation) => !pairedAfter.has(operation.identity))
  const beforeIds = uniqueOperationIds(before)
  const afterIds = uniqueOperationIds(after)
  const unpairedAfterById = new Map<string, SnapshotOperation>()
  for (const operation of unpairedAfter) {
    if (operation.operationId !== undefined && afterIds.has(operation.operationId)) {
      unpairedAfterById.set(operation.operationId, operation)
    }
  }
  const removed: SnapshotOperation[] = []
  const movedAfter = new Set<SnapshotOperation>()
  for (const operation of unpairedBefore) {
    const id = operation.operationId
    const match = id !== undefined && beforeIds.has(id) ? unpairedAfterById.get(id) : undefined
    if (match) {
      pairs.push({ before: operation, after: match, moved: true })
      movedAfter.add(match)
    } else {
      removed.push(operation)
    }
  }
  const added = unpairedAfter.filter((operation) => !movedAfter.has(operation))
  return { pairs, added, removed }
}

/** Pairs unpaired operations whose base path + path template is the same; removes them from `unpairedBefore`. */
function pairByFullUrl(
  unpairedBefore: SnapshotOperation[],
  after: readonly SnapshotOperation[],
  pairedAfter: Set<string>,
  pairs: OperationPairing['pairs'],
  basePaths: { before: string; after: string },
): void {
  if (basePaths.before === basePaths.after) return
  const afterByUrl = new Map<string, SnapshotOperation>()
  for (const operation of after) {
    if (!pairedAfter.has(operation.identity)) afterByUrl.set(fullIdentity(operation, basePaths.after), operation)
  }
  const left: SnapshotOperation[] = []
  for (const operation of unpairedBefore) {
    const match = afterByUrl.get(fullIdentity(operation, basePaths.before))
    if (match !== undefined && !pairedAfter.has(match.identity)) {
      pairs.push({ before: operation, after: match, moved: false, rebased: true })
      pairedAfter.add(match.identity)
    } else {
      left.push(operation)
    }
  }
  unpairedBefore.splice(0, unpairedBefore.length, ...left)
}

/** The identity (`GET /status`) with the base path put in front of the path (`GET /api/v2/status`). */
function fullIdentity(operation: SnapshotOperation, basePath: string): string {
  const space = operation.identity.indexOf(' ')
  if (space < 0 || basePath === '') return operation.identity
  const path = operation.identity.slice(space + 1)
  return `${operation.identity.slice(0, space)} ${basePath}${path === '/' ? '' : path}`
}

function uniqueOperationIds(operations: readonly SnapshotOperation[]): Set<string> {
  const counts = new Map<string, number>()
  for (const { operationId } of operations) {
    if (operationId !== undefined) counts.set(operationId, (counts.get(operationId) ?? 0) + 1)
  }
  return new Set([...counts].filter(([, count]) => count === 1).map(([id]) => id))
}
