import { InvalidConfigError } from '../errors/errors.js'
import { locateRequests } from './collection-tree.js'
import { identityOf, pairSpecRequests } from './match-requests.js'
import { mergeCollection, placeRequest } from './merge.js'
import type { Collection, CollectionItem, MergeReport, OperationRename, Request } from '../model/collection.js'
import { COLLECTION_FIELDS } from './plan.js'
import { type MergePlan, type PlanItem } from '../model/merge-plan.js'
import { clone } from './values.js'

/** A user's answer to one plan item. */
export type PlanDecision = 'accept' | 'skip'

/**
 * Decisions on a plan: one answer for every item (`'accept'`, `'skip'`), or answers by item id,
 * with `'*'` answering the items not named (unnamed items are skipped by default: nothing the
 * user did not see is applied).
 */
export type PlanDecisions = PlanDecision | Readonly<Record<string, PlanDecision>>

/** What applying a plan gives: the collection to write, the new merge base, and the report of the accepted items. */
export interface AppliedPlan {
  collection: Collection
  /**
   * The merge base to keep for the next sync: the incoming version of every accepted item and the
   * old base of every skipped one, so a skipped change is proposed again until it is accepted or
   * the spec moves past it.
   */
  base: Collection
  report: MergeReport
  /** Ids of the items applied, and of those skipped. */
  accepted: string[]
  skipped: string[]
}

/**
 * Applies the accepted items of a plan: the result is exactly the merge of those items, and the
 * skipped ones leave the user's collection as it is. Pure; throws `INVALID_CONFIG` for a decision
 * naming an item the plan does not have (decisions made for another plan).
 */
export function applyPlan(plan: MergePlan, decisions: PlanDecisions): AppliedPlan {
  const accepted: string[] = []
  const skipped: PlanItem[] = []
  for (const item of plan.items) {
    if (decide(decisions, item.id) === 'accept') accepted.push(item.id)
    else skipped.push(item)
  }
  checkDecisions(plan, decisions)
  const { inputs } = plan
  const { incoming, renames } = effectiveIncoming(inputs.base, inputs.incoming, inputs.renames ?? [], skipped)
  const { collection, report } = mergeCollection({ ...inputs, incoming, renames })
  return { collection, base: incoming, report, accepted, skipped: skipped.map((item) => item.id) }
}

function decide(decisions: PlanDecisions, id: string): PlanDecision {
  if (typeof decisions === 'string') return decisions
  return (Object.hasOwn(decisions, id) ? decisions[id] : Object.hasOwn(decisions, '*') ? decisions['*'] : undefined) ?? 'skip'
}

function checkDecisions(plan: MergePlan, decisions: PlanDecisions): void {
  if (typeof decisions === 'string') {
    if (decisions !== 'accept' && decisions !== 'skip') throw invalid('decisions', `must be 'accept', 'skip' or an object of them by item id (got '${String(decisions)}')`)
    return
  }
  const ids = new Set(plan.items.map((item) => item.id))
  for (const [id, decision] of Object.entries(decisions)) {
    if (id !== '*' && !ids.has(id)) throw invalid(`decisions.${id}`, `names no item of plan ${plan.id} (decisions made for another plan?)`)
    if (decision !== 'accept' && decision !== 'skip') throw invalid(`decisions.${id}`, `must be 'accept' or 'skip' (got '${String(decision)}')`)
  }
}

function invalid(path: string, message: string): InvalidConfigError {
  return new InvalidConfigError(`Applying a review plan: ${path} ${message}`, [{ path, message }])
}

/**
 * The incoming collection with every skipped item put back as it was in the base: an added
 * operation taken out, an updated or moved one replaced by its base request, a removed one put
 * back, the collection's own fields reset. Merging it changes only what was accepted, and it is
 * the next merge base, so the skipped changes stay pending.
 */
function effectiveIncoming(
  base: Collection,
  incoming: Collection,
  renames: readonly OperationRename[],
  skipped: readonly PlanItem[],
): { incoming: Collection; renames: OperationRename[] } {
  const result = clone(incoming)
  if (skipped.length === 0) return { incoming: result, renames: [...renames] }
  const skippedMoves = new Set(skipped.flatMap((item) => (item.kind === 'renamed' ? [`${item.from}\u0000${item.operationKey}`] : [])))
  const keptRenames = renames.filter((rename) => !skippedMoves.has(`${rename.from}\u0000${rename.to}`))
  const baseEntries = locateRequests(base)
  const pairing = pairSpecRequests(baseEntries, locateRequests(result), renames)
  const baseOf = new Map([...pairing.next].map(([left, right]) => [right.request, left.request]))
  const pairedBases = new Set(pairing.next.keys())
  const replacements = new Map<Request, Request | null>()
  const matches = (request: Request, key: string) => request.operationKey !== undefined && identityOf(request.operationKey) === identityOf(key)

  for (const item of skipped) {
    if (item.kind === 'collection') {
      for (const field of COLLECTION_FIELDS) {
        if (base[field] === undefined) delete result[field]
        else (result as unknown as Record<string, unknown>)[field] = clone(base[field])
      }
      continue
    }
    if (item.kind === 'removed') {
      for (const entry of baseEntries) {
        if (!pairedBases.has(entry) && matches(entry.request, item.operationKey)) placeRequest(result.items, { request: clone(entry.request), folders: entry.folders })
      }
      continue
    }
    for (const { request } of locateRequests(result)) {
      if (!matches(request, item.operationKey)) continue
      const previous = baseOf.get(request)
      // An added operation (or one returning without a base) is taken out; a changed one goes back to its base.
      replacements.set(request, item.kind === 'added' || previous === undefined ? null : clone(previous))
    }
  }
  result.items = replaceRequests(result.items, replacements)
  return { incoming: result, renames: keptRenames }
}

function replaceRequests(items: readonly CollectionItem[], replacements: ReadonlyMap<Request, Request | null>): CollectionItem[] {
  return items.flatMap((item): CollectionItem[] => {
    if (item.type === 'folder') return [{ ...item, items: replaceRequests(item.items, replacements) }]
    const replacement = replacements.get(item)
    if (replacement === null) return []
    return [replacement ?? item]
  })
}
