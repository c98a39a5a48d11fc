import type { OperationRef } from '../formats/types.js'
import type { Change, ChangeSet, ChangeSummary } from '../diff/types.js'

/** The per-operation view in JSON: an operation and the indexes of its causes in `changes`. */
export interface ModifiedOperationJSON {
  operation: OperationRef
  /** Indexes into `ChangeSetJSON.changes`. */
  changes: number[]
}

/**
 * A `ChangeSet` as JSON lists it: every cause once in `changes`, and `modified[i].changes` as
 * indexes into it (issue 9: listing each record in both places made one six-month Stripe diff 176 MB).
 */
export interface ChangeSetJSON {
  added: OperationRef[]
  removed: OperationRef[]
  modified: ModifiedOperationJSON[]
  changes: Change[]
  breaking: boolean
  summary: ChangeSummary
}

/**
 * The change set ready for `JSON.stringify`, each cause once. A change of `modified[i].changes`
 * that is not itself in `changes` (a host's hand-built set) is appended to `changes`, so nothing is lost.
 */
export function changeSetToJSON(changeSet: ChangeSet): ChangeSetJSON {
  const changes = [...changeSet.changes]
  const indexes = new Map<Change, number>()
  changes.forEach((change, index) => indexes.set(change, index))
  const indexOf = (change: Change): number => {
    let index = indexes.get(change)
    if (index === undefined) {
      index = changes.push(change) - 1
      indexes.set(change, index)
    }
    return index
  }
  const modified = changeSet.modified.map((entry) => ({ operation: entry.operation, changes: entry.changes.map(indexOf) }))
  return { added: changeSet.added, removed: changeSet.removed, modified, changes, breaking: changeSet.breaking, summary: changeSet.summary }
}

/** The JSON text of a change set (`--format json`), indented, ending with a newline. */
export function renderJson(changeSet: ChangeSet): string {
  return `${JSON.stringify(changeSetToJSON(changeSet), null, 2)}\n`
}
