import type { AppliedPlan, PlanDecisions } from '../collections/apply-plan.js'
import { StalePlanError } from '../errors/errors.js'
import type { Collection } from '../model/collection.js'
import type { MergePlan } from '../model/merge-plan.js'
import type { ApiSnapshot } from '../model/snapshot.js'
import type { SyncTrigger } from '../model/sync.js'
import type { TimeSlice } from '../runtime/yield.js'
import type { SyncOutcome } from './sync-pipeline.js'
import { applyTargetReview, planTarget } from './target-review.js'
import { planTargetWrite, writePlannedTarget, type AttachedTarget, type AttachTargetOptions, type SyncTarget, type TargetWrite } from './target-sync.js'

/** What a sync's target phase needs from the sync running it. */
export interface TargetStep {
  sourceId: string
  outcome: SyncOutcome
  trigger: SyncTrigger
  signal: AbortSignal
  slice: TimeSlice
  markHostCall: () => void
  /** Tells the store the target is about to move to `pendingBase` (issue 11, item 3: before it moves). */
  saveBeforeWrite: (pendingBase: Collection) => Promise<void>
}

/** What applying a review needs from the service. */
export interface ReviewApplication {
  sourceId: string
  /** The source's sync in flight, if any: it may replace the plan. */
  inFlight: () => Promise<unknown> | undefined
  /** Throws when the service was disposed. */
  assertUsable: () => void
  /** Whether the source is still registered (not removed while the collection was read). */
  isRegistered: () => boolean
  /** Saves the merge base the applied review moved. */
  saveBase: () => Promise<void>
}

/**
 * The host collection attached to one source: its merge base (the collection generated from the
 * baseline snapshot), the base of a write that may have landed without its state, and review mode's
 * plans (issue 15).
 */
export class TargetLink {
  #attached: AttachedTarget | undefined
  #baseCollection: Collection | undefined
  #pendingBase: Collection | undefined
  #pendingReview: MergePlan | undefined
  /** The plan the running sync made; it becomes pending only if the sync succeeds. */
  #proposedReview: MergePlan | undefined
  /**
   * The target was just attached (or the service restarted): what waits for review is unknown, so
   * the next sync plans even when the spec did not move.
   */
  #reviewOutstanding = true
  #applying: Promise<unknown> | undefined

  /** The collection generated from the baseline snapshot: the merge base of the target. */
  get baseCollection(): Collection | undefined {
    return this.#baseCollection
  }

  /** The base of a target write that may have landed without its state being saved (see `reconcilePendingBase`). */
  get pendingBase(): Collection | undefined {
    return this.#pendingBase
  }

  /** A plan being applied: syncs of this source wait for it, so none reads the collection mid-write. */
  get applying(): Promise<unknown> | undefined {
    return this.#applying
  }

  get attached(): AttachedTarget | undefined {
    return this.#attached
  }

  /** The plan waiting for the host's decisions. */
  get pendingReview(): MergePlan | undefined {
    return this.#pendingReview
  }

  attach(target: SyncTarget, options: AttachTargetOptions): void {
    this.#attached = { target, options }
    this.#pendingReview = undefined // a plan made for the previous target
    this.#reviewOutstanding = true
  }

  detach(): void {
    this.#attached = undefined
    this.#pendingReview = undefined
  }

  /** Takes back the merge base an earlier service saved. */
  restore(baseCollection: Collection | undefined, pendingBase: Collection | undefined): void {
    this.#baseCollection = baseCollection
    this.#pendingBase = pendingBase
  }

  /** Forgets the pending plan without writing; returns whether `planId` was pending. */
  drop(planId: string): boolean {
    if (this.#pendingReview?.id !== planId) return false
    this.#pendingReview = undefined
    return true
  }

  /**
   * A sync's target phase: merges and writes the attached target after a change, when it has never been
   * written, or when a write of it may have landed without its state (then the merge reconciles, see
   * `reconcilePendingBase`). Two-phase (issue 11, item 3): the store learns that the target is about to move
   * before it moves, and the in-memory merge base follows the target as soon as the write lands, whatever
   * happens to the save. In review mode, plans instead of writing.
   */
  async write(step: TargetStep): Promise<TargetWrite | undefined> {
    const attached = this.#attached
    const { outcome } = step
    const snapshot = outcome.commit.snapshot
    if (!attached || !snapshot) return undefined
    // Review mode (issue 15): plan instead of writing, unless there is nothing to review.
    if (attached.options.review === true && (await this.#propose(step, attached, snapshot)) === 'planned') return undefined
    if (outcome.kind === 'unchanged' && this.#baseCollection !== undefined && this.#pendingBase === undefined) return undefined
    await step.slice.yieldIfDue() // generating and merging a large collection is one more long phase
    step.markHostCall()
    const plan = await planTargetWrite({
      sourceId: step.sourceId,
      attached,
      snapshot,
      changes: outcome.kind === 'changed' ? outcome.changes : undefined,
      base: this.#baseCollection,
      pendingBase: this.#pendingBase,
    })
    step.signal.throwIfAborted()
    await step.saveBeforeWrite(plan.baseCollection)
    step.signal.throwIfAborted()
    await writePlannedTarget(step.sourceId, attached, plan)
    this.#baseCollection = plan.baseCollection
    this.#pendingBase = undefined
    return plan
  }

  /**
   * Review mode: plans the merge instead of writing it. The plan becomes pending when the sync
   * succeeds; a plan with nothing to review is written as usual (the base moves, nothing to ask).
   * When the spec did not move, only a manual sync or the first one after attaching (or a restart)
   * plans again, for the items skipped before: polls do not ask the user again every interval.
   */
  async #propose(step: TargetStep, attached: AttachedTarget, snapshot: ApiSnapshot): Promise<'planned' | 'write'> {
    const { outcome } = step
    const known = outcome.kind === 'unchanged' && this.#baseCollection !== undefined
    const replan = step.trigger === 'manual' || this.#reviewOutstanding
    if (known && (this.#pendingReview !== undefined || !replan)) return 'planned'
    const changes = outcome.kind === 'changed' ? outcome.changes : undefined
    step.markHostCall()
    const plan = await planTarget({ sourceId: step.sourceId, attached, snapshot, changes, base: this.#baseCollection })
    if (plan.items.length > 0) {
      this.#proposedReview = plan
      return 'planned'
    }
    this.#reviewOutstanding = false
    // Nothing to review: written as usual (two-phase) when something moved, else nothing to do.
    return known ? 'planned' : 'write'
  }

  /**
   * After a successful sync: the merge base follows what was written, the plan the sync made becomes
   * the pending one (replacing any older), a write makes an older plan moot. Returns the new plan.
   */
  settle(targetWrite: TargetWrite | undefined): MergePlan | undefined {
    if (targetWrite) this.#baseCollection = targetWrite.baseCollection
    const proposed = this.#proposedReview
    this.#proposedReview = undefined
    if (proposed) {
      this.#pendingReview = proposed
      this.#reviewOutstanding = false
    } else if (targetWrite) {
      this.#pendingReview = undefined
    }
    return proposed
  }

  /** After a failed or cancelled sync: the plan it made never becomes pending. */
  discardProposal(): void {
    this.#proposedReview = undefined
  }

  /** Disposal: no plan can be applied any more. */
  dropPending(): void {
    this.#pendingReview = undefined
  }

  /**
   * Writes the items of the pending plan the user accepted through the target, then moves the merge
   * base over them only. Refused with `STALE_PLAN`, nothing written, when `planId` is not the pending
   * plan or the collection changed since the plan was made (then the next sync plans afresh).
   */
  async apply(planId: string, decisions: PlanDecisions, context: ReviewApplication): Promise<AppliedPlan> {
    // A sync in flight may replace the plan: wait for it, then hold the next ones off until written.
    while (context.inFlight() || this.#applying) await Promise.allSettled([context.inFlight(), this.applying])
    context.assertUsable()
    const plan = this.#pendingReview
    const attached = this.#attached
    if (plan?.id !== planId || !attached) throw stalePlan(context.sourceId, planId, plan, attached)
    const applying = this.#apply(plan, attached, decisions, context)
    this.#applying = applying
    try {
      return await applying
    } finally {
      if (this.#applying === applying) this.#applying = undefined
    }
  }

  async #apply(plan: MergePlan, attached: AttachedTarget, decisions: PlanDecisions, context: ReviewApplication): Promise<AppliedPlan> {
    const applied = await applyTargetReview({
      sourceId: context.sourceId,
      attached,
      plan,
      decisions,
      // Reading took time: write nothing if the service was disposed or the source removed meanwhile.
      beforeWrite: () => {
        context.assertUsable()
        if (!context.isRegistered() || this.#attached !== attached) throw stalePlan(context.sourceId, plan.id, undefined, undefined)
      },
    }).catch((error: unknown) => {
      // The collection changed under the plan: it can never apply, so the next sync plans afresh.
      if (error instanceof StalePlanError && this.#pendingReview === plan) {
        this.#pendingReview = undefined
        this.#reviewOutstanding = true
      }
      throw error
    })
    // Written: only now does the base move, over the accepted items only.
    this.#baseCollection = applied.base
    this.#pendingReview = undefined
    await context.saveBase()
    return applied
  }
}

export function stalePlan(sourceId: string, planId: string, pending: MergePlan | undefined, attached: AttachedTarget | undefined): StalePlanError {
  const why =
    attached === undefined
      ? 'the source or its target is gone'
      : pending === undefined
        ? 'no plan is pending (it was applied or dropped, or the spec moved back)'
        : `a newer sync replaced it with plan ${pending.id}`
  return new StalePlanError(`The review plan ${planId} of source "${sourceId}" is stale: ${why}; nothing was written`, planId, { sourceId })
}
