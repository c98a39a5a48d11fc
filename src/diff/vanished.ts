import type { ChangeSet } from '../model/change.js'

/** Operations that left a document in one change, when they are most of it. */
export interface VanishedOperations {
  removed: number
  /** Operations the document had before the change. */
  before: number
}

/** Fewer removals than this are an ordinary edit, however small the API. */
const MIN_VANISHED = 3

/**
 * Tells when most of a document's operations disappeared at once (more than half, and at least 3):
 * what a framework does when an error in its own doc comments or decorators makes it drop the routes
 * it cannot document, rather than an API really losing them. `operationsAfter` is the count in the
 * new document. Pure; returns `undefined` for an ordinary change.
 */
export function vanishedAtOnce(changes: ChangeSet, operationsAfter: number): VanishedOperations | undefined {
  const removed = changes.removed.length
  const before = operationsAfter - changes.added.length + removed
  if (removed < MIN_VANISHED || removed * 2 <= before) return undefined
  return { removed, before }
}
