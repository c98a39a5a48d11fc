import type { OperationMove, OperationRef } from '../model/identity.js'
import type { Change, ChangeSet, ChangeSummary } from '../model/change.js'

/**
 * A change set as plain JSON data in which each cause is written once: `changes` lists every
 * cause (breaking first), and the per-operation view refers to causes by their index in it
 * (`modified[i].changes` is a list of numbers). `JSON.stringify(changeSet)` writes a cause found
 * in a shared component once more for every operation it reaches; this form does not.
 */
export interface ChangeSetJson {
  /** Version of this JSON form; a form that reads differently gets another number. */
  format: 'api-live-sync/change-set'
  version: 1
  breaking: boolean
  summary: ChangeSummary
  added: OperationRef[]
  removed: OperationRef[]
  /** Each modified operation with the indexes (into `changes`) of the causes that reach it, breaking first. */
  modified: Array<{ operation: OperationRef; changes: number[] }>
  /** Every cause once. */
  changes: Change[]
  /** `ChangeSet.renamed`: operations paired under another key; absent when none (readers of version 1 may ignore it). */
  renamed?: OperationMove[]
}

/**
 * Turns a change set into its JSON form (see `ChangeSetJson`): each cause once, the per-operation
 * view by index. The result shares values with the change set (read-only) and is ready for
 * `JSON.stringify`.
 *
 * @example const text = JSON.stringify(changeSetToJSON(changes), null, 2)
 */
export function changeSetToJSON(changeSet: ChangeSet): ChangeSetJson {
  const index = new Map<Change, number>()
  const changes = [...changeSet.changes]
  changes.forEach((change, position) => index.set(change, position))
  /** The index of a change; one not in `changes` (a change set assembled by hand) is appended, so the form stays whole. */
  const indexOf = (change: Change): number => {
    let position = index.get(change)
    if (position === undefined) {
      position = changes.push(change) - 1
      index.set(change, position)
    }
    return position
  }
  const modified = changeSet.modified.map((entry) => ({ operation: entry.operation, changes: entry.changes.map(indexOf) }))
  return {
    format: 'api-live-sync/change-set',
    version: 1,
    breaking: changeSet.breaking,
    summary: changeSet.summary,
    added: changeSet.added,
    removed: changeSet.removed,
    modified,
    changes,
    ...(changeSet.renamed === undefined ? {} : { renamed: changeSet.renamed }),
  }
}

/** Reads the JSON form back into a change set whose per-operation view refers to the cause objects again. */
export function changeSetFromJSON(json: ChangeSetJson): ChangeSet {
  return {
    added: json.added,
    removed: json.removed,
    modified: json.modified.map((entry) => ({ operation: entry.operation, changes: entry.changes.map((position) => json.changes[position]!) })),
    changes: json.changes,
    ...(json.renamed === undefined ? {} : { renamed: json.renamed }),
    breaking: json.breaking,
    summary: json.summary,
  }
}
