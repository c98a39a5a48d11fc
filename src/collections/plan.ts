import type { Change, ChangeSet } from '../model/change.js'
import { canonicalJson, fastHash } from '../formats/hash.js'
import type { OperationRef } from '../model/identity.js'
import { locateRequests } from './collection-tree.js'
import { identityOf } from './match-requests.js'
import { mergeCollection } from './merge.js'
import type { Collection, MergeConflict, Request } from '../model/collection.js'
import type { MergePlan, PlanInputs, PlanItem, PlanRemoval } from '../model/merge-plan.js'
import { clone, sameJson } from './values.js'


/** Input of `planMerge`: the merge's, plus the change set that explains it (its causes end up in the items). */
export interface PlanMergeOptions extends PlanInputs {
  changes?: ChangeSet | undefined
}

/**
 * The three-way merge `mergeCollection` would do, as a list of items a user accepts or skips.
 * Pure: nothing is written, inputs are not mutated. An empty `items` means nothing to review.
 */
export function planMerge(options: PlanMergeOptions): MergePlan {
  const inputs: PlanInputs = clone({
    base: options.base,
    current: options.current,
    incoming: options.incoming,
    ...(options.onConflict === undefined ? {} : { onConflict: options.onConflict }),
    ...(options.onRemoved === undefined ? {} : { onRemoved: options.onRemoved }),
    ...(options.renames === undefined ? {} : { renames: options.renames }),
  })
  const { collection, report } = mergeCollection(inputs)
  const causes = new CauseIndex(options.changes)
  const current = locateRequests(inputs.current).map(({ request }) => request)
  const merged = locateRequests(collection).map(({ request }) => request)
  const findCurrent = (key: string) => current.find((request) => request.operationKey !== undefined && identityOf(request.operationKey) === identityOf(key))
  const findMerged = (key: string, before: Request | undefined) =>
    before === undefined
      ? merged.find((request) => request.operationKey !== undefined && identityOf(request.operationKey) === identityOf(key))
      : merged.find((request) => request.id === before.id)
  const conflictsOf = (key: string) => report.conflicts.filter((conflict) => conflict.operationKey === key)

  const items: PlanItem[] = []
  const push = (item: PlanItem, before: Request | undefined, after: Request | undefined): void => {
    items.push({ ...item, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) })
  }
  /** What every operation item has: its key, the operation, and (unless it is an update) no fields or conflicts. */
  const about = (key: string) => ({ operationKey: key, operation: causes.operation(key), fields: [] as string[], conflicts: [] as MergeConflict[] })
  for (const key of report.added) {
    push({ id: `added:${key}`, kind: 'added', ...about(key), causes: causes.added(key) }, undefined, findMerged(key, undefined))
  }
  const renamedTo = new Map(report.renamed.map((rename) => [rename.to, rename.from]))
  const conflictKeys = report.conflicts.map((conflict) => conflict.operationKey).filter((key) => key !== '')
  const changedKeys = [...new Set([...report.updated, ...conflictKeys])]
  for (const key of changedKeys) {
    const from = renamedTo.get(key)
    const before = findCurrent(from ?? key)
    const common = { ...about(key), fields: report.updatedFields[key] ?? [], conflicts: conflictsOf(key) }
    const item: PlanItem =
      from === undefined
        ? { id: `updated:${key}`, kind: 'updated', ...common, causes: causes.modified(key) }
        : { id: `renamed:${from}->${key}`, kind: 'renamed', from, ...common, causes: causes.renamed(key) }
    push(item, before, findMerged(key, before))
  }
  // A rename that changed nothing else is still a change to review (the request's key and URL move).
  for (const { from, to } of report.renamed) {
    if (changedKeys.includes(to)) continue
    const before = findCurrent(from)
    push({ id: `renamed:${from}->${to}`, kind: 'renamed', ...about(to), from, causes: causes.renamed(to) }, before, findMerged(to, before))
  }
  for (const key of report.removed) {
    const before = findCurrent(key)
    const after = findMerged(key, before)
    const removal: PlanRemoval = after === undefined ? 'deleted' : after.deprecated === true && before?.deprecated !== true ? 'marked' : 'kept'
    push({ id: `removed:${key}`, kind: 'removed', ...about(key), removal, causes: causes.removed(key) }, before, after)
  }
  const collectionFields = changedCollectionFields(inputs, collection)
  const collectionConflicts = conflictsOf('')
  if (collectionFields.length > 0 || collectionConflicts.length > 0) {
    items.push({ id: 'collection', kind: 'collection', operationKey: '', fields: collectionFields, conflicts: collectionConflicts, causes: causes.documentLevel() })
  }
  return { id: planId(inputs), items, report, inputs }
}

/** The identity of a plan: a hash of everything the merge reads. */
export function planId(inputs: PlanInputs): string {
  return fastHash(canonicalJson(inputs))
}

/** The collection's own fields (not its requests): what a `collection` item is about. */
export const COLLECTION_FIELDS = ['name', 'description', 'auth', 'scripts', 'variables'] as const

/** Collection-level fields the spec changed that end up different in the merged collection, plus those in conflict. */
function changedCollectionFields(inputs: PlanInputs, merged: Collection): string[] {
  const specChanged = COLLECTION_FIELDS.some((field) => !sameJson(inputs.base[field], inputs.incoming[field]))
  if (!specChanged) return []
  const fields: string[] = []
  for (const field of COLLECTION_FIELDS) {
    if (field !== 'variables') {
      if (!sameJson(inputs.current[field], merged[field])) fields.push(field)
      continue
    }
    const before = inputs.current.variables ?? {}
    const after = merged.variables ?? {}
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (before[name] !== after[name]) fields.push(`variables.${name}`)
    }
  }
  return fields
}

/** The causes of a change set, looked up by operation (operation keys compared by identity, as the merge does). */
class CauseIndex {
  constructor(private readonly changes: ChangeSet | undefined) {}

  operation(key: string): OperationRef {
    const set = this.changes
    const same = (ref: OperationRef) => identityOf(ref.key) === identityOf(key)
    const found = set === undefined ? undefined : (set.added.find(same) ?? set.removed.find(same) ?? set.modified.find((entry) => same(entry.operation))?.operation)
    if (found !== undefined) return found
    const space = key.indexOf(' ')
    return { key, method: space === -1 ? key : key.slice(0, space), path: space === -1 ? '' : key.slice(space + 1) }
  }

  added(key: string): Change[] {
    return this.ofKind(key, 'operation-added')
  }

  removed(key: string): Change[] {
    return this.ofKind(key, 'operation-removed')
  }

  modified(key: string): Change[] {
    return this.changes?.modified.find((entry) => identityOf(entry.operation.key) === identityOf(key))?.changes ?? []
  }

  /** The causes of a move: the diff lists the moved operation (`ChangeSet.renamed`) as modified under its new key, with the change that says how it moved. */
  renamed(to: string): Change[] {
    return this.modified(to)
  }

  /** Changes not about one operation (servers, title): what a `collection` item follows. */
  documentLevel(): Change[] {
    return (this.changes?.changes ?? []).filter((change) => change.operation === undefined && change.operations === undefined)
  }

  private ofKind(key: string, kind: string): Change[] {
    return (this.changes?.changes ?? []).filter((change) => change.kind === kind && change.operation !== undefined && identityOf(change.operation) === identityOf(key))
  }
}
