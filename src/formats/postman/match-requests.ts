import { matchOperations, type OperationPairing } from '../../diff/match-operations.js'
import type { SnapshotOperation } from '../types.js'
import { requestLabel } from './assign-identities.js'
import { baseIdentity } from './path-template.js'

type SameRequest = (before: SnapshotOperation, after: SnapshotOperation) => boolean

/**
 * How sure a pairing of two requests with the same method and path is, strongest first. The last
 * rule pairs whatever is left when exactly one request remains on each side.
 */
const PAIRING_RULES: readonly SameRequest[] = [
  (before, after) => requestLabel(before) === requestLabel(after),
  (before, after) => before.summary === after.summary,
  (before, after) => sameFolder(before, after),
]

/**
 * Pairs requests across two collection versions: by identity first, then among requests with the
 * same method and path whose identities differ because one side has duplicates (a request gains or
 * loses a twin, or a twin is renamed or moved): same folder and name, then same name, then same
 * folder, then a last one on each side.
 */
export function pairRequests(before: readonly SnapshotOperation[], after: readonly SnapshotOperation[]): OperationPairing {
  const exact = matchOperations(before, after)
  const pairs = [...exact.pairs]
  const pairedBefore = new Set<SnapshotOperation>()
  const pairedAfter = new Set<SnapshotOperation>()
  const afterByBase = groupByBaseIdentity(exact.added)
  for (const [base, beforeGroup] of groupByBaseIdentity(exact.removed)) {
    const afterGroup = afterByBase.get(base)
    if (afterGroup === undefined) continue
    for (const { before: old, after: current } of pairWithinGroup(beforeGroup, afterGroup)) {
      pairs.push({ before: old, after: current, moved: false })
      pairedBefore.add(old)
      pairedAfter.add(current)
    }
  }
  return {
    pairs,
    added: exact.added.filter((operation) => !pairedAfter.has(operation)),
    removed: exact.removed.filter((operation) => !pairedBefore.has(operation)),
  }
}

function pairWithinGroup(
  beforeGroup: readonly SnapshotOperation[],
  afterGroup: readonly SnapshotOperation[],
): Array<{ before: SnapshotOperation; after: SnapshotOperation }> {
  const pairs: Array<{ before: SnapshotOperation; after: SnapshotOperation }> = []
  let remainingBefore = [...beforeGroup]
  let remainingAfter = [...afterGroup]
  for (const rule of PAIRING_RULES) {
    for (const old of [...remainingBefore]) {
      const match = remainingAfter.find((current) => rule(old, current))
      if (match === undefined) continue
      pairs.push({ before: old, after: match })
      remainingBefore = remainingBefore.filter((operation) => operation !== old)
      remainingAfter = remainingAfter.filter((operation) => operation !== match)
    }
  }
  if (remainingBefore.length === 1 && remainingAfter.length === 1) {
    pairs.push({ before: remainingBefore[0]!, after: remainingAfter[0]! })
  }
  return pairs
}

function groupByBaseIdentity(operations: readonly SnapshotOperation[]): Map<string, SnapshotOperation[]> {
  const groups = new Map<string, SnapshotOperation[]>()
  for (const operation of operations) {
    const base = baseIdentity(operation.method, operation.path)
    const group = groups.get(base)
    if (group) group.push(operation)
    else groups.set(base, [operation])
  }
  return groups
}

function sameFolder(before: SnapshotOperation, after: SnapshotOperation): boolean {
  const a = before.folder ?? []
  const b = after.folder ?? []
  return a.length === b.length && a.every((name, index) => name === b[index])
}
