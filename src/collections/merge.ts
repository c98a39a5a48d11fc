import { folderIds, locateRequests, type LocatedRequest } from './collection-tree.js'
import { groupByIdentity, pairGroup, pairSpecRequests } from './match-requests.js'
import { mergeRequest, userEdited } from './merge-request.js'
import type { Collection, CollectionItem, Folder, MergeCollectionOptions, MergeConflict, MergeReport, MergeResult, Request } from '../model/collection.js'
import { FieldMerger } from './three-way.js'
import { clone } from './values.js'

/** What happens to one request of the user's collection. */
interface Plan {
  base?: Request
  incoming?: LocatedRequest
}

/**
 * Three-way merge of a user's collection with a newly generated one, per request and per field:
 * `base` is generated from the last synced spec, `current` is the user's collection, `incoming`
 * is generated from the new spec.
 *
 * - Requests are matched by operation identity (method + path, parameter names ignored), never by
 *   name; an operation that moved (a `renames` entry, or detected: same generated name and folder,
 *   only the key changed) updates the existing request in place: same id, same folder, edits kept.
 * - The spec owns structure, the user owns values: a field the user did not touch follows the
 *   spec, one the user changed is kept, and both changing it is a conflict `onConflict` resolves.
 * - New operations are added to their tag folder (created when missing). An operation the user
 *   deleted from their collection stays deleted.
 * - Operations that left the spec: `onRemoved` `'mark'` keeps the request with `deprecated: true`;
 *   `'delete'` removes it unless the user edited it (then it is marked instead, so no work is lost);
 *   `'keep'` leaves it as it is. All three report it in `removed`.
 * - Requests and folders the user created are never touched; a request the user moved stays where
 *   it is. A generated folder is removed only when the merge emptied it and its tag left the spec.
 *
 * Never mutates its inputs; the result shares no objects with them.
 */
export function mergeCollection(options: MergeCollectionOptions): MergeResult {
  const { base, current, incoming } = options
  const onConflict = options.onConflict ?? 'prefer-user'
  const onRemoved = options.onRemoved ?? 'mark'
  const conflicts: MergeConflict[] = []
  const report = new ReportBuilder(conflicts)

  const baseEntries = locateRequests(base)
  const incomingEntries = locateRequests(incoming)
  const pairing = pairSpecRequests(baseEntries, incomingEntries, options.renames)
  const plans = planCurrentRequests(locateRequests(current), baseEntries, incomingEntries, pairing.next)
  const renamedBases = new Map(pairing.renamed.map(({ base: entry, incoming: next }) => [entry.request, next.request]))

  const decisions = new Map<Request, Request | null>()
  for (const [request, plan] of plans) {
    if (plan.incoming !== undefined) {
      const spec = plan.incoming.request
      const merger = new FieldMerger(spec.operationKey ?? '', onConflict, conflicts)
      // Without a base (an operation that came back), every difference counts as the user's.
      const baseRequest = plan.base ?? baseForReturningRequest(request, spec)
      decisions.set(request, mergeRequest(merger, baseRequest, request, spec))
      report.updated(spec.operationKey ?? '', merger.changed)
      const renamedTo = plan.base === undefined ? undefined : renamedBases.get(plan.base)
      if (renamedTo !== undefined) report.renamed(plan.base!.operationKey ?? '', renamedTo.operationKey ?? '')
    } else if (plan.base !== undefined) {
      report.removed(plan.base.operationKey ?? '')
      decisions.set(request, removedRequest(request, plan.base, onRemoved))
    }
  }

  const incomingFolders = folderIds(incoming)
  const removableFolders = new Set([...folderIds(base)].filter((id) => !incomingFolders.has(id)))
  const items = rebuildItems(current.items, decisions, removableFolders)
  const claimed = new Set([...pairing.next.values(), ...[...plans.values()].flatMap((plan) => (plan.incoming === undefined ? [] : [plan.incoming]))])
  for (const entry of incomingEntries) {
    if (entry.request.operationKey === undefined || claimed.has(entry)) continue
    placeRequest(items, entry)
    report.added(entry.request.operationKey)
  }

  return { collection: clone(mergeCollectionFields(base, current, incoming, items, new FieldMerger('', onConflict, conflicts))), report: report.build() }
}

/**
 * For each request of the user's collection that names an operation: the base request it came
 * from (same identity; equal ids first, then document order; copies the user made of a request
 * share its base) and the incoming request that continues it. A request with no base (one the
 * user kept after its operation left, now back in the spec) pairs with an unclaimed incoming one.
 */
function planCurrentRequests(
  current: readonly LocatedRequest[],
  base: readonly LocatedRequest[],
  incoming: readonly LocatedRequest[],
  next: ReadonlyMap<LocatedRequest, LocatedRequest>,
): Map<Request, Plan> {
  const plans = new Map<Request, Plan>()
  const baseGroups = groupByIdentity(base)
  const claimed = new Set(next.values())
  const unclaimedGroups = groupByIdentity(incoming.filter((entry) => !claimed.has(entry)))
  for (const [identity, group] of groupByIdentity(current)) {
    const bases = baseGroups.get(identity) ?? []
    const paired = new Set<LocatedRequest>()
    for (const [entry, baseEntry] of pairGroup(group, bases)) {
      plans.set(entry.request, planFor(baseEntry, next))
      paired.add(entry)
    }
    const rest = group.filter((entry) => !paired.has(entry))
    if (bases[0] !== undefined) {
      for (const entry of rest) plans.set(entry.request, planFor(bases[0], next))
      continue
    }
    const returning = new Set<LocatedRequest>()
    for (const [entry, incomingEntry] of pairGroup(rest, unclaimedGroups.get(identity) ?? [])) {
      plans.set(entry.request, { incoming: incomingEntry })
      returning.add(entry)
    }
    for (const entry of rest) if (!returning.has(entry)) plans.set(entry.request, {})
  }
  return plans
}

function planFor(baseEntry: LocatedRequest, next: ReadonlyMap<LocatedRequest, LocatedRequest>): Plan {
  const incomingEntry = next.get(baseEntry)
  return incomingEntry === undefined ? { base: baseEntry.request } : { base: baseEntry.request, incoming: incomingEntry }
}

/** A request whose operation left the spec, per `onRemoved`; `null` deletes it. */
function removedRequest(request: Request, base: Request, onRemoved: NonNullable<MergeCollectionOptions['onRemoved']>): Request | null {
  if (onRemoved === 'keep') return request
  if (onRemoved === 'delete' && !userEdited(base, request)) return null
  return { ...request, deprecated: true }
}

/**
 * The user's tree with each request replaced by its decision. A folder the merge emptied is
 * dropped only when it is a generated folder whose tag left the spec.
 */
function rebuildItems(items: readonly CollectionItem[], decisions: ReadonlyMap<Request, Request | null>, removableFolders: ReadonlySet<string>): CollectionItem[] {
  const result: CollectionItem[] = []
  for (const item of items) {
    if (item.type === 'folder') {
      const children = rebuildItems(item.items, decisions, removableFolders)
      if (children.length === 0 && item.items.length > 0 && removableFolders.has(item.id)) continue
      result.push({ ...item, items: children })
      continue
    }
    const decision = decisions.get(item)
    if (decision === null) continue
    result.push(decision ?? item)
  }
  return result
}

/** Adds a new operation's request to its folder: found by id anywhere, else by name path; created when missing. Also used by `applyPlan`. */
export function placeRequest(items: CollectionItem[], entry: LocatedRequest): void {
  const target = entry.folders.at(-1)
  const existing = target === undefined ? undefined : findFolder(items, target.id)
  if (existing !== undefined) {
    existing.items.push(entry.request)
    return
  }
  let level = items
  for (const folder of entry.folders) {
    let match = level.find((item): item is Folder => item.type === 'folder' && (item.id === folder.id || item.name === folder.name))
    if (match === undefined) {
      match = { type: 'folder', id: folder.id, name: folder.name, items: [] }
      level.push(match)
    }
    level = match.items
  }
  level.push(entry.request)
}

function findFolder(items: readonly CollectionItem[], id: string): Folder | undefined {
  for (const item of items) {
    if (item.type !== 'folder') continue
    if (item.id === id) return item
    const nested = findFolder(item.items, id)
    if (nested !== undefined) return nested
  }
  return undefined
}

/** Collection-level fields: name, description, auth, scripts and each variable merge three ways. */
function mergeCollectionFields(base: Collection, current: Collection, incoming: Collection, items: CollectionItem[], merger: FieldMerger): Collection {
  const merged: Record<string, unknown> = {}
  const keys = new Set([...Object.keys(current), ...Object.keys(incoming), ...Object.keys(base)])
  for (const key of keys) {
    if (key === 'items' || key === 'variables') continue
    const value = merger.merge(key, field(base, key), field(current, key), field(incoming, key))
    if (value !== undefined) merged[key] = value
  }
  const collection = { ...merged, name: typeof merged.name === 'string' ? merged.name : current.name, items } as Collection
  if (base.variables !== undefined || current.variables !== undefined || incoming.variables !== undefined) {
    collection.variables = mergeVariables(merger, base.variables ?? {}, current.variables ?? {}, incoming.variables ?? {})
  }
  return collection
}

function mergeVariables(merger: FieldMerger, base: Record<string, string>, current: Record<string, string>, incoming: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const key of new Set([...Object.keys(current), ...Object.keys(incoming), ...Object.keys(base)])) {
    const value = merger.merge(`variables.${key}`, own(base, key), own(current, key), own(incoming, key))
    if (value !== undefined) Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true })
  }
  return result
}

function own(record: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

function field(collection: Collection, key: string): unknown {
  return (collection as unknown as Record<string, unknown>)[key]
}

/**
 * The base of a request whose operation had left the spec and came back: the incoming request
 * itself, so every difference counts as the user's, except `deprecated`, which follows the spec.
 */
function baseForReturningRequest(request: Request, spec: Request): Request {
  const { deprecated: _deprecated, ...rest } = spec
  return request.deprecated === undefined ? rest : { ...rest, deprecated: request.deprecated }
}

/** Collects the report, each operation key listed once. */
class ReportBuilder {
  private readonly addedKeys = new Set<string>()
  private readonly removedKeys = new Set<string>()
  private readonly updatedFields = new Map<string, string[]>()
  private readonly renames = new Map<string, string>()

  constructor(private readonly conflicts: MergeConflict[]) {}

  added(key: string): void {
    this.addedKeys.add(key)
  }

  removed(key: string): void {
    this.removedKeys.add(key)
  }

  updated(key: string, fields: readonly string[]): void {
    if (fields.length === 0) return
    const known = this.updatedFields.get(key) ?? []
    for (const name of fields) if (!known.includes(name)) known.push(name)
    this.updatedFields.set(key, known)
  }

  renamed(from: string, to: string): void {
    if (from !== to) this.renames.set(`${from}\u0000${to}`, to)
  }

  build(): MergeReport {
    return {
      added: [...this.addedKeys],
      updated: [...this.updatedFields.keys()],
      removed: [...this.removedKeys],
      conflicts: this.conflicts,
      updatedFields: Object.fromEntries(this.updatedFields),
      renamed: [...this.renames].map(([pair, to]) => ({ from: pair.slice(0, pair.indexOf('\u0000')), to })),
    }
  }
}
