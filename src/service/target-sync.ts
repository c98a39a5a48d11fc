import { generateCollection } from '../collections/generate.js'
import { mergeCollection } from '../collections/merge.js'
import { locateRequests } from '../collections/collection-tree.js'
import { operationIdentity } from '../collections/operation-identity.js'
import type {
  Collection,
  CollectionItem,
  ConflictStrategy,
  GenerateCollectionOptions,
  MergeReport,
  OperationRename,
  RemovedStrategy,
} from '../collections/model.js'
import type { ChangeSet } from '../diff/types.js'
import { LiveSyncError, TargetError, toError } from '../errors/errors.js'
import type { ApiSnapshot } from '../formats/types.js'

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

/** What writing a target produced: the new merge base and the report of the merge. */
export interface TargetWrite {
  baseCollection: Collection
  report: MergeReport
}

/**
 * Generates the incoming collection from the new snapshot, merges it into the user's current
 * collection against the stored base (three-way), and writes the result. Errors become
 * TargetErrors naming the source; nothing here commits anything.
 */
export async function writeTarget(parts: {
  sourceId: string
  attached: AttachedTarget
  snapshot: ApiSnapshot
  changes: ChangeSet | undefined
  base: Collection | undefined
}): Promise<TargetWrite> {
  const { sourceId, attached, snapshot } = parts
  const incoming = generateCollection(snapshot, attached.options.generate)
  const current = await callTarget(sourceId, 'reading', () => attached.target.read())
  // Without a collection yet, merging into an empty one reports every operation as added. Without a
  // base (a target attached to an existing collection), the incoming spec is the base: the user's
  // values all count as edits and are kept, and only structural differences follow the spec.
  const empty: Collection = { name: incoming.name, items: [] }
  const base = current === undefined ? empty : (parts.base ?? firstAttachBase(incoming, current))
  const { collection, report } = mergeCollection({
    base,
    current: current ?? empty,
    incoming,
    renames: renamesOf(parts.changes),
    ...(attached.options.onConflict ? { onConflict: attached.options.onConflict } : {}),
    ...(attached.options.onRemoved ? { onRemoved: attached.options.onRemoved } : {}),
  })
  await callTarget(sourceId, 'writing', () => attached.target.write(collection, report))
  return { baseCollection: incoming, report }
}

/**
 * The base for a target attached to a collection the service never wrote: the incoming requests
 * of the operations the user's collection already has. Those count as edited by the user wherever
 * they differ (so their values are kept), and every other operation of the spec is added.
 */
export function firstAttachBase(incoming: Collection, current: Collection): Collection {
  const present = new Set(
    locateRequests(current).flatMap(({ request }) => (request.operationKey === undefined ? [] : [operationIdentity(request.operationKey)])),
  )
  const keep = (items: CollectionItem[]): CollectionItem[] =>
    items.flatMap((item): CollectionItem[] => {
      if (item.type === 'folder') return [{ ...item, items: keep(item.items) }]
      return item.operationKey !== undefined && present.has(operationIdentity(item.operationKey)) ? [item] : []
    })
  return { ...incoming, items: keep(incoming.items) }
}

/** Operations the diff saw move to another path or method: updated in place by the merge. */
export function renamesOf(changes: ChangeSet | undefined): OperationRename[] {
  if (!changes) return []
  return changes.changes
    .filter((change) => change.kind === 'operation-path-changed' || change.kind === 'operation-method-changed')
    .filter((change) => typeof change.before === 'string' && typeof change.after === 'string')
    .map((change) => ({ from: change.before as string, to: change.after as string }))
    .filter((rename, index, all) => all.findIndex((other) => other.from === rename.from) === index)
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
