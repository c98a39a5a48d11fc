import { generateCollection } from '../collections/generate.js'
import { mergeCollection } from '../collections/merge.js'
import { locateRequests } from '../collections/collection-tree.js'
import type {
  Collection,
  CollectionItem,
  ConflictStrategy,
  GenerateCollectionOptions,
  MergeReport,
  OperationRename,
  RemovedStrategy,
} from '../model/collection.js'
import type { ChangeSet } from '../model/change.js'
import { LiveSyncError, TargetError, toError } from '../errors/errors.js'
import type { ApiSnapshot } from '../model/snapshot.js'
import { keyIdentity } from '../shared/operation-identity.js'

/** A host's collection that the service keeps in sync with a source. */
export interface SyncTarget {
  /** The user's collection as it is now, or `undefined` when there is none yet. */
  read(): Promise<Collection | undefined>
  /** Saves the merged collection. Throwing fails the sync (`TARGET_ERROR`) and keeps the old baseline. */
  write(collection: Collection, report: MergeReport): Promise<void>
}

export interface AttachTargetOptions {
  /** @default 'prefer-user' */
  onConflict?: ConflictStrategy
  /** @default 'mark' */
  onRemoved?: RemovedStrategy
  /** How collections are generated from the spec (name, base URL variable). */
  generate?: GenerateCollectionOptions
  /**
   * Review before apply: a sync that would change the collection writes nothing and emits
   * `review:required` with the plan; `applyReview` writes the items the user accepted. @default false
   */
  review?: boolean
}

export interface AttachedTarget {
  target: SyncTarget
  options: AttachTargetOptions
}

/** A merge ready to be written: the collection for the target, its report, and the merge base it makes. */
export interface TargetWrite {
  /** The collection generated from the new snapshot: the merge base once the write has landed. */
  baseCollection: Collection
  collection: Collection
  report: MergeReport
}

/**
 * Generates the incoming collection from the new snapshot and merges it into the user's current
 * collection against the stored base (three-way). Writes nothing: the caller records that the target
 * is about to move before {@link writePlannedTarget} moves it. Errors become TargetErrors naming the source.
 *
 * `pendingBase` is the base of a write that may or may not have reached the target (the process died,
 * or the state could not be saved, between the write and the save): see {@link reconcilePendingBase}.
 */
export async function planTargetWrite(parts: {
  sourceId: string
  attached: AttachedTarget
  snapshot: ApiSnapshot
  changes: ChangeSet | undefined
  base: Collection | undefined
  pendingBase: Collection | undefined
}): Promise<TargetWrite> {
  const { sourceId, attached, snapshot } = parts
  const incoming = generateCollection(snapshot, attached.options.generate)
  const current = await callTarget(sourceId, 'reading', () => attached.target.read())
  // Without a collection yet, merging into an empty one reports every operation as added. Without a
  // base (a target attached to an existing collection), the incoming spec is the base: the user's
  // values all count as edits and are kept, and only structural differences follow the spec.
  const empty: Collection = { name: incoming.name, items: [] }
  const base =
    current === undefined
      ? empty
      : parts.pendingBase !== undefined
        ? reconcilePendingBase(parts.base, parts.pendingBase, current)
        : (parts.base ?? firstAttachBase(incoming, current))
  const { collection, report } = mergeCollection({
    base,
    current: current ?? empty,
    incoming,
    renames: renamesOf(parts.changes),
    ...(attached.options.onConflict ? { onConflict: attached.options.onConflict } : {}),
    ...(attached.options.onRemoved ? { onRemoved: attached.options.onRemoved } : {}),
  })
  return { baseCollection: incoming, collection, report }
}

/** Writes a planned merge to the target. */
export async function writePlannedTarget(sourceId: string, attached: AttachedTarget, plan: TargetWrite): Promise<void> {
  await callTarget(sourceId, 'writing', () => attached.target.write(plan.collection, plan.report))
}

/**
 * The merge base when a write may or may not have reached the target (issue 11, item 3). The target's
 * own requests tell, per operation, which base it holds: an operation of the pending base that the
 * target has comes from that write (its base is the pending one, so a later removal applies); one only
 * the committed base had and the target still has keeps the committed base (its removal applies again,
 * harmlessly); any other operation has no base, so the spec adds it when missing. Structure converges
 * whichever way the write went.
 */
export function reconcilePendingBase(committed: Collection | undefined, pending: Collection, current: Collection): Collection {
  const present = operationsOf(current)
  const pendingOperations = operationsOf(pending)
  const fromPending = filterRequests(pending, (identity) => present.has(identity))
  const fromCommitted =
    committed === undefined ? [] : filterRequests(committed, (identity) => present.has(identity) && !pendingOperations.has(identity)).items
  return { ...fromPending, items: [...fromPending.items, ...fromCommitted] }
}

/**
 * The base for a target attached to a collection the service never wrote: the incoming requests
 * of the operations the user's collection already has. Those count as edited by the user wherever
 * they differ (so their values are kept), and every other operation of the spec is added.
 */
export function firstAttachBase(incoming: Collection, current: Collection): Collection {
  const present = operationsOf(current)
  return filterRequests(incoming, (identity) => present.has(identity))
}

/** Identities of the operations a collection has requests for. */
function operationsOf(collection: Collection): Set<string> {
  return new Set(
    locateRequests(collection).flatMap(({ request }) => (request.operationKey === undefined ? [] : [keyIdentity(request.operationKey)])),
  )
}

/** The collection with only the generated requests whose operation passes `keep` (folders stay). */
function filterRequests(collection: Collection, keep: (identity: string) => boolean): Collection {
  const filter = (items: CollectionItem[]): CollectionItem[] =>
    items.flatMap((item): CollectionItem[] => {
      if (item.type === 'folder') return [{ ...item, items: filter(item.items) }]
      return item.operationKey !== undefined && keep(keyIdentity(item.operationKey)) ? [item] : []
    })
  return { ...collection, items: filter(collection.items) }
}

/**
 * Operations the diff paired under another key (moved to another path or method, to another base
 * path, or a trailing slash changed), handed over as data (`ChangeSet.renamed`): the merge updates
 * their requests in place. One entry per operation it moved from.
 */
export function renamesOf(changes: ChangeSet | undefined): OperationRename[] {
  const renames: OperationRename[] = []
  const seen = new Set<string>()
  for (const { from, to } of changes?.renamed ?? []) {
    if (seen.has(from.key)) continue
    seen.add(from.key)
    renames.push({ from: from.key, to: to.key })
  }
  return renames
}

export async function callTarget<T>(sourceId: string, action: 'reading' | 'writing', call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof LiveSyncError && error.code === 'CANCELLED') throw error
    const cause = toError(error)
    throw new TargetError(`${action === 'reading' ? 'Reading' : 'Writing'} the sync target of source "${sourceId}" failed: ${cause.message}`, {
      sourceId,
      cause,
    })
  }
}
