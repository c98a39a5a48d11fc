import type { SnapshotOperation } from '../formats/types.js'

export interface OperationPairing {
  /** Same operation in both versions (same identity, or the same unique operationId that moved). */
  pairs: Array<{ before: SnapshotOperation; after: SnapshotOperation; moved: boolean }>
  added: SnapshotOperation[]
  removed: SnapshotOperation[]
}

/**
 * Pairs operations across two versions: first by identity (method + path, parameter names
 * ignored), then an unpaired operation whose operationId is unique on both sides and names an
 * unpaired operation on the other side is the same operation moved to another path or method.
 * Duplicate operationIds never pair, so they cannot cause a wrong match.
 */
export function matchOperations(before: readonly SnapshotOperation[], after: readonly SnapshotOperation[]): OperationPairing {
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

function uniqueOperationIds(operations: readonly SnapshotOperation[]): Set<string> {
  const counts = new Map<string, number>()
  for (const { operationId } of operations) {
    if (operationId !== undefined) counts.set(operationId, (counts.get(operationId) ?? 0) + 1)
  }
  return new Set([...counts].filter(([, count]) => count === 1).map(([id]) => id))
}
