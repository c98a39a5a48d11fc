import type { Change, ChangeSet, ModifiedOperation, Severity } from '../model/change.js'
import type { OperationMove, OperationRef } from '../model/identity.js'
import type { ApiSnapshot, SnapshotOperation } from '../model/snapshot.js'
import { createChange } from './create-change.js'
import { isMove, type OperationPair } from './match-operations.js'
import { compareSeverity } from './severity.js'

/** Breaking first, then warning, then info (`SEVERITY_ORDER`); stable inside each severity. */
export function compareBySeverity(a: Change, b: Change): number {
  return compareSeverity(a.severity, b.severity)
}

/** Sorts in place, breaking first; skips the sort when the rules already emitted them in order (the big diffs do). */
function sortBySeverity(changes: Change[]): Change[] {
  for (let index = 1; index < changes.length; index++) {
    if (compareBySeverity(changes[index - 1]!, changes[index]!) > 0) return changes.sort(compareBySeverity)
  }
  return changes
}

/** The public name of an operation, without the snapshot's internal fields. */
export function toOperationRef(operation: SnapshotOperation | OperationRef): OperationRef {
  const ref: OperationRef = { key: operation.key, method: operation.method, path: operation.path }
  if (operation.operationId !== undefined) ref.operationId = operation.operationId
  if (operation.summary !== undefined) ref.summary = operation.summary
  if (operation.tags !== undefined && operation.tags.length > 0) ref.tags = [...operation.tags]
  return ref
}

/**
 * Assembles a ChangeSet. `changes` must already include one record per added or removed
 * operation; document-level changes (servers, ...) go in `documentChanges`.
 */
export function buildChangeSet(parts: {
  added: OperationRef[]
  removed: OperationRef[]
  modified: ModifiedOperation[]
  changes: Change[]
  /** Operations paired under another key (see `movesOf`); left out of the set when empty. */
  renamed?: OperationMove[]
}): ChangeSet {
  const modified = parts.modified.filter((entry) => entry.changes.length > 0)
  for (const entry of modified) sortBySeverity(entry.changes)
  const changes = sortBySeverity([...parts.changes])
  const counts: Record<Severity, number> = { breaking: 0, warning: 0, info: 0 }
  for (const change of changes) counts[change.severity]++
  const operations = parts.added.length + parts.removed.length + modified.length
  return {
    added: parts.added,
    removed: parts.removed,
    modified,
    changes,
    ...(parts.renamed !== undefined && parts.renamed.length > 0 ? { renamed: parts.renamed } : {}),
    breaking: counts.breaking > 0,
    summary: { added: parts.added.length, removed: parts.removed.length, modified: modified.length, ...counts, operations },
  }
}

/** The pairs whose operation is called at another URL now, as the data `ChangeSet.renamed` hands to the merge. */
export function movesOf(pairs: readonly OperationPair[]): OperationMove[] {
  return pairs.filter(isMove).map((pair) => ({ from: toOperationRef(pair.before), to: toOperationRef(pair.after) }))
}

export function emptyChangeSet(): ChangeSet {
  return buildChangeSet({ added: [], removed: [], modified: [], changes: [] })
}

export function operationAddedChange(operation: OperationRef): Change {
  return createChange('operation-added', 'info', { operation: operation.key, location: [], message: `${operation.key} was added` })
}

export function operationRemovedChange(operation: OperationRef): Change {
  return createChange('operation-removed', 'breaking', { operation: operation.key, location: [], message: `${operation.key} was removed` })
}

/** What the first successful sync of a source reports: every operation added. */
export function allAddedChangeSet(snapshot: Pick<ApiSnapshot, 'operations'>): ChangeSet {
  const added = snapshot.operations.map(toOperationRef)
  return buildChangeSet({ added, removed: [], modified: [], changes: added.map(operationAddedChange) })
}

/**
 * How `change` shows in one operation's view: its location from the operation and its severity
 * there. A change of the operation itself is located from it already; a cause found in a shared
 * component is looked up in its `operations`. Undefined when the change does not reach `operation`.
 */
export function changeInOperation(change: Change, operation: string): { location: string[]; severity: Severity } | undefined {
  if (change.operations === undefined) return change.operation === operation ? { location: change.location, severity: change.severity } : undefined
  const reach = change.operations.find((entry) => entry.operation === operation)
  return reach === undefined ? undefined : { location: reach.location, severity: reach.severity ?? change.severity }
}
