import type { OperationRef } from '../model/identity.js'
import type { Change, ChangeSet, OperationReach, Severity } from '../model/change.js'
import { compareSeverity } from '../diff/severity.js'


/**
 * The operations a cause reaches: its `operations` (a change found in a shared component), else its
 * own `operation` (a per-operation record, as engines before issue 9 emit for every change), else
 * none (a document-level change).
 */
export function reachOf(change: Change): readonly OperationReach[] {
  if (change.operations !== undefined) return change.operations
  return change.operation === undefined ? [] : [{ operation: change.operation, location: change.location }]
}

/** The causes of one severity, in the change set's order. */
export function causesOf(changes: ChangeSet, severity: Severity): Change[] {
  return changes.changes.filter((change) => change.severity === severity)
}

/** `1 breaking, 2 warnings, 3 info`: cause counts. */
export function countsPhrase(changes: ChangeSet): string {
  const { breaking, warning, info } = changes.summary
  return `${breaking} breaking, ${warning} warning${warning === 1 ? '' : 's'}, ${info} info`
}

/** `1 added, 0 removed, 2 modified`: operation counts. */
export function operationsPhrase(changes: ChangeSet): string {
  const { added, removed, modified } = changes.summary
  return `${added} added, ${removed} removed, ${modified} modified`
}

/** Every operation the change set names (added, removed, modified), by key. */
export function operationsByKey(changes: ChangeSet): Map<string, OperationRef> {
  const byKey = new Map<string, OperationRef>()
  for (const operation of changes.removed) byKey.set(operation.key, operation)
  for (const entry of changes.modified) byKey.set(entry.operation.key, entry.operation)
  for (const operation of changes.added) byKey.set(operation.key, operation)
  return byKey
}

/** The tags of the operations a cause reaches, each once, sorted. */
export function tagsOf(change: Change, operations: ReadonlyMap<string, OperationRef>): string[] {
  const tags = new Set<string>()
  for (const reach of reachOf(change)) for (const tag of operations.get(reach.operation)?.tags ?? []) tags.add(tag)
  return [...tags].sort()
}

/** The short name of a component pointer: its last segment, unescaped (`#/components/schemas/Pet` reads `Pet`). */
export function componentLabel(pointer: string): string {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1)
  return last.replace(/~1/g, '/').replace(/~0/g, '~')
}

/**
 * What a line about a cause starts with, when its message does not say it already: the operation
 * of a per-operation record (`GET /pets`), or the component of a shared-component change (`Pet`).
 */
export function subjectOf(change: Change): string | undefined {
  const message = change.message
  if (change.operations === undefined && change.operation !== undefined) return message.startsWith(change.operation) ? undefined : change.operation
  if (change.component === undefined) return undefined
  const label = componentLabel(change.component)
  return message.includes(label) ? undefined : label
}

/** Text on one line: messages may hold newlines from a document's descriptions. */
export function singleLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ')
}

/** `GET /a, GET /b, GET /c and 5 more`, naming at most `shown` operation keys. */
export function firstOperations(reach: readonly OperationReach[], shown: number, format: (key: string) => string = (key) => key): string {
  const names = reach.slice(0, shown).map((entry) => format(entry.operation))
  const more = reach.length - names.length
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ')
}

/** `in 3 operations` / `in 1 operation`. */
export function operationCount(count: number): string {
  return `in ${count} operation${count === 1 ? '' : 's'}`
}

/** Severity of a cause for one operation it reaches. */
export function severityFor(change: Change, reach: OperationReach | undefined): Severity {
  return reach?.severity ?? change.severity
}

/**
 * The per-operation view: each operation (removed, modified, added) with the causes that reach it
 * and how, worst first; then document-level causes (no operation) under `operation: undefined`.
 * Built from `changes` alone, so it works whether `modified[i].changes` lists causes or copies.
 */
export interface OperationView {
  /** The operation's key, `undefined` for document-level causes. */
  operation: string | undefined
  entries: Array<{ change: Change; severity: Severity; location: readonly string[] }>
}

export function operationView(changes: ChangeSet): OperationView[] {
  const views = new Map<string | undefined, OperationView>()
  const viewOf = (operation: string | undefined) => {
    let view = views.get(operation)
    if (view === undefined) {
      view = { operation, entries: [] }
      views.set(operation, view)
    }
    return view
  }
  // The change set's order of operations first: removed, modified, added.
  for (const key of operationsByKey(changes).keys()) viewOf(key)
  for (const change of changes.changes) {
    const reach = reachOf(change)
    if (reach.length === 0) viewOf(undefined).entries.push({ change, severity: change.severity, location: change.location })
    for (const entry of reach) viewOf(entry.operation).entries.push({ change, severity: severityFor(change, entry), location: entry.location })
  }
  const result = [...views.values()].filter((view) => view.entries.length > 0)
  for (const view of result) view.entries.sort((a, b) => compareSeverity(a.severity, b.severity))
  // Entries are sorted, so an operation's worst severity is its first entry's.
  return result.sort((a, b) => compareSeverity(a.entries[0]!.severity, b.entries[0]!.severity))
}
