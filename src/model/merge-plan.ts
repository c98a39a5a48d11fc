import type { Change } from './change.js'
import type { MergeCollectionOptions, MergeConflict, MergeReport, Request } from './collection.js'
import type { OperationRef } from './identity.js'

/** What accepting a plan item does to the user's collection. */
export type PlanItemKind = 'added' | 'updated' | 'renamed' | 'removed' | 'collection'

/** What the merge does to the request of an operation that left the spec (per `onRemoved`, and kept when the user edited it). */
export type PlanRemoval = 'marked' | 'deleted' | 'kept'

/**
 * One change the merge proposes, for one operation (or the collection's own fields): what a host
 * shows its user to accept or skip, without knowing how the merge works.
 */
export interface PlanItem {
  /** Stable id (`added:GET /pets`, `renamed:GET /a->GET /b`, `collection`): the same change has the same id in the next plan. */
  id: string
  kind: PlanItemKind
  /** Operation key the item is about (the new key of a rename); `''` for `collection`. */
  operationKey: string
  /** The operation, from the change set when one was given; absent for `collection`. */
  operation?: OperationRef
  /** `renamed`: the key the operation had before. */
  from?: string
  /** Fields of the user's request that change when accepted (same names as `MergeConflict.field`). */
  fields: string[]
  /** Fields both the user and the spec changed, and how accepting resolves them (`onConflict`). */
  conflicts: MergeConflict[]
  /** `removed`: what happens to the user's request. */
  removal?: PlanRemoval
  /** The changes of the change set that explain the item (the same objects as `ChangeSet.changes`); empty without a change set. */
  causes: Change[]
  /** The user's request now; absent for `added` and `collection`. */
  before?: Request
  /** The request after accepting; absent for `collection` and a deleted request. */
  after?: Request
}

/** The inputs of the merge a plan was made from: what `applyPlan` merges again with the decisions. */
export type PlanInputs = Pick<MergeCollectionOptions, 'base' | 'current' | 'incoming' | 'onConflict' | 'onRemoved' | 'renames'>

/** A proposed merge, as data: one item per change, accepted or skipped one by one with `applyPlan`. */
export interface MergePlan {
  /** Hash of the inputs: the same inputs give the same id, so a host can tell a new plan from a repeat. */
  id: string
  items: PlanItem[]
  /** What accepting every item does (the report of the whole merge). */
  report: MergeReport
  inputs: PlanInputs
}
