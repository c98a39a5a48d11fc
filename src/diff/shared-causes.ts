import type { Change, OperationReach } from '../model/change.js'

/** A change found in a shared part of a document (component, type), with the operations that reach it. */
export type SharedChange = Change & { operations: OperationReach[] }

/** A cause and the reach of the operation being diffed, so each operation is listed once. */
export interface SharedCause {
  readonly change: SharedChange
  current: OperationReach | undefined
}

/**
 * The changes found in shared parts of a document, each once (issue 9: changes by cause), with
 * every operation that reaches it. Formats find a shared change the first time an operation
 * reaches it; later operations only add themselves to its `operations`, and their per-operation
 * view (`ModifiedOperation.changes`) refers to the same object. Operations must be diffed one
 * after the other (each operation's reaches are complete before the next one starts).
 */
export class SharedCauses {
  readonly #byIdentity = new Map<string, SharedCause>()
  readonly #causes: SharedCause[] = []

  /** The cause with this identity (what makes two findings the same change), created on first sight. */
  cause(identity: string, create: () => Change): SharedCause {
    let cause = this.#byIdentity.get(identity)
    if (cause === undefined) {
      const change = create() as SharedChange
      change.operations = []
      cause = { change, current: undefined }
      this.#byIdentity.set(identity, cause)
      this.#causes.push(cause)
    }
    return cause
  }

  /**
   * Records that `operation` reaches `cause` at `location` (kept as given: locations may be
   * shared, and are read-only). Returns the change when the operation reaches it for the first
   * time (the caller lists it in the operation's changes), undefined when it already did (the
   * shorter location is kept).
   */
  reach(cause: SharedCause, operation: string, location: string[]): Change | undefined {
    const current = cause.current
    if (current?.operation === operation) {
      if (location.length < current.location.length) current.location = location
      return undefined
    }
    const reach: OperationReach = { operation, location }
    cause.current = reach
    cause.change.operations.push(reach)
    return cause.change
  }

  /** Every cause, in the order first reached, each with its operations in `operationOrder` (index by key, the new document's order). */
  changes(operationOrder: ReadonlyMap<string, number>): Change[] {
    const rank = (reach: OperationReach): number => operationOrder.get(reach.operation) ?? Number.MAX_SAFE_INTEGER
    return this.#causes.map(({ change }) => {
      // Operations are mostly diffed in the new document's order: check before sorting.
      if (!inOrder(change.operations, rank)) change.operations.sort((a, b) => rank(a) - rank(b))
      return change
    })
  }
}

/** Index of each operation key in a document's operation list. */
export function operationOrder(operations: ReadonlyArray<{ key: string }>): Map<string, number> {
  return new Map(operations.map((operation, index) => [operation.key, index]))
}

function inOrder(reaches: readonly OperationReach[], rank: (reach: OperationReach) => number): boolean {
  let previous = -Infinity
  for (const reach of reaches) {
    const current = rank(reach)
    if (current < previous) return false
    previous = current
  }
  return true
}
