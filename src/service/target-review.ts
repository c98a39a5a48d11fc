import { applyPlan, type AppliedPlan, type PlanDecisions } from '../collections/apply-plan.js'
import { generateCollection } from '../collections/generate.js'
import type { Collection } from '../model/collection.js'
import { planId, planMerge } from '../collections/plan.js'
import { type MergePlan } from '../model/merge-plan.js'
import { clone } from '../collections/values.js'
import type { ChangeSet } from '../model/change.js'
import { StalePlanError } from '../errors/errors.js'
import type { ApiSnapshot } from '../model/snapshot.js'
import { callTarget, firstAttachBase, renamesOf, type AttachedTarget } from './target-sync.js'

/**
 * Review mode's half of a sync: the same inputs `writeTarget` merges (generated collection, the
 * user's collection, the stored base), planned instead of written.
 */
export async function planTarget(parts: {
  sourceId: string
  attached: AttachedTarget
  snapshot: ApiSnapshot
  changes: ChangeSet | undefined
  base: Collection | undefined
}): Promise<MergePlan> {
  const { sourceId, attached } = parts
  const incoming = generateCollection(parts.snapshot, attached.options.generate)
  const current = await callTarget(sourceId, 'reading', () => attached.target.read())
  const empty: Collection = { name: incoming.name, items: [] }
  const base = current === undefined ? empty : (parts.base ?? firstAttachBase(incoming, current))
  return planMerge({
    base,
    current: current ?? empty,
    incoming,
    renames: renamesOf(parts.changes),
    changes: parts.changes,
    ...(attached.options.onConflict ? { onConflict: attached.options.onConflict } : {}),
    ...(attached.options.onRemoved ? { onRemoved: attached.options.onRemoved } : {}),
  })
}

/**
 * Applies a reviewed plan to the target: refused (`STALE_PLAN`, nothing written) when the user's
 * collection is no longer the one the plan was made from; `beforeWrite` runs last before the
 * write, so the service can refuse when it moved on (disposed, source removed, plan replaced)
 * while the collection was being read.
 */
export async function applyTargetReview(parts: {
  sourceId: string
  attached: AttachedTarget
  plan: MergePlan
  decisions: PlanDecisions
  beforeWrite: () => void
}): Promise<AppliedPlan> {
  const { sourceId, attached, plan } = parts
  const read = await callTarget(sourceId, 'reading', () => attached.target.read())
  const current = read === undefined ? { name: plan.inputs.incoming.name, items: [] } : clone(read)
  if (planId({ ...plan.inputs, current }) !== plan.id) {
    throw new StalePlanError(
      `The review plan ${plan.id} of source "${sourceId}" is stale: the collection changed since the plan was made; nothing was written (the next sync makes a new plan)`,
      plan.id,
      { sourceId },
    )
  }
  const applied = applyPlan(plan, parts.decisions)
  parts.beforeWrite()
  await callTarget(sourceId, 'writing', () => attached.target.write(applied.collection, applied.report))
  return applied
}
