import PQueue from 'p-queue'
import { parseSourceConfig, type LiveSourceConfig, type LiveSourceConfigInput } from '../config/config.js'
import { redactConfig } from '../config/redact-config.js'
import {
  CancelledError,
  DisposedError,
  DuplicateSourceError,
  InvalidSpecError,
  LiveSyncError,
  StateError,
  SourceNotFoundError,
  StalePlanError,
  toError,
} from '../errors/errors.js'
import { SyncEvents, type SyncEventListener, type SyncEventName, type SyncEventPayloads } from '../events/events.js'
import { SafeEmitter } from '../events/safe-emitter.js'
import { emptyChangeSet } from '../diff/change-set.js'
import { FormatRegistry } from '../formats/format-registry.js'
import type { ApiSnapshot } from '../formats/types.js'
import { createHttpLoader } from '../loaders/http-loader.js'
import { prepareSourceRequest } from '../loaders/prepare-request.js'
import type { SourceLoader } from '../loaders/types.js'
import { sleep } from '../runtime/abort.js'
import { loadWithRetry } from '../runtime/load-with-retry.js'
import { TimeSlice } from '../runtime/yield.js'
import { PollScheduler } from '../runtime/poll-scheduler.js'
import { pollDelay } from '../runtime/retry-policy.js'
import { defaultFormats } from '../formats/default-formats.js'
import { resolveServiceOptions, type LiveSyncServiceOptions, type ResolvedServiceOptions } from './options.js'
import { SourceEntry, SourceRegistry } from './source-registry.js'
import { commitFor, toSyncStatus } from './source-state.js'
import { processLoadResult, type SyncOutcome } from './sync-pipeline.js'
import { planTargetWrite, writePlannedTarget, type AttachedTarget, type AttachTargetOptions, type SyncTarget, type TargetWrite } from './target-sync.js'
import { applyTargetReview, planTarget } from './target-review.js'
import type { AppliedPlan, PlanDecisions } from '../collections/apply-plan.js'
import type { MergePlan } from '../collections/plan.js'
import { deserializeSourceState, serializeSourceState, stateKey, type PersistedSourceState } from '../store/persisted-state.js'
import type { StateStore } from '../store/state-store.js'
import type { SyncResult, SyncStatus, SyncTrigger } from './types.js'

export interface SyncSourceOptions {
  /** What asked for the sync; reported in `sync:started`. @default 'manual' */
  trigger?: SyncTrigger
}

/**
 * Keeps API definitions in sync: a registry of sources, each synced through one
 * concurrency-limited queue with retries, polled on its `refreshInterval` after `start()`.
 */
export class LiveSyncService {
  readonly #options: ResolvedServiceOptions
  readonly #registry = new SourceRegistry()
  readonly #emitter: SafeEmitter
  readonly #queue: PQueue
  readonly #scheduler: PollScheduler
  readonly #formats: FormatRegistry
  readonly #loader: SourceLoader
  /** Only set when the host passed one: a private in-memory store would hold nothing a restart could read. */
  readonly #store: StateStore | undefined
  #started = false
  #disposing: Promise<void> | undefined

  constructor(options: LiveSyncServiceOptions = {}) {
    this.#options = resolveServiceOptions(options)
    this.#emitter = new SafeEmitter(this.#options.onListenerError)
    this.#queue = new PQueue({ concurrency: this.#options.concurrency })
    this.#scheduler = new PollScheduler(this.#options.clock)
    this.#formats = new FormatRegistry([...defaultFormats(), ...this.#options.formats])
    this.#store = this.#options.store
    this.#loader =
      this.#options.loader ??
      createHttpLoader({
        prepareRequest: prepareSourceRequest,
        allowPrivateNetworks: this.#options.allowPrivateNetworks,
        resolveHost: this.#options.resolveHost,
        ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      })
  }

  // ── events ────────────────────────────────────────────────────────────

  on<E extends SyncEventName>(event: E, listener: SyncEventListener<E>): this {
    this.#emitter.on(event, listener)
    return this
  }

  once<E extends SyncEventName>(event: E, listener: SyncEventListener<E>): this {
    this.#emitter.once(event, listener)
    return this
  }

  off<E extends SyncEventName>(event: E, listener: SyncEventListener<E>): this {
    this.#emitter.off(event, listener)
    return this
  }

  // ── registry ──────────────────────────────────────────────────────────

  /** Registers a source. Rejects with INVALID_CONFIG (nothing added) or DUPLICATE_SOURCE. */
  async addSource(input: LiveSourceConfigInput): Promise<void> {
    this.#assertUsable()
    const config = parseSourceConfig(input)
    if (this.#registry.has(config.id)) throw new DuplicateSourceError(config.id)
    const saved = await this.#restore(config.id)
    // Checked again: another addSource of the same id may have finished while the store answered.
    if (this.#registry.has(config.id)) throw new DuplicateSourceError(config.id)
    this.#assertUsable()
    const entry = new SourceEntry(config)
    if (saved) {
      const { snapshot, contentHash, etag, lastModified, lastSuccess, baseCollection } = saved
      if (snapshot) entry.dispatch({ type: 'restored', commit: { snapshot, contentHash, etag, lastModified }, lastSuccess })
      entry.baseCollection = baseCollection as SourceEntry['baseCollection']
      entry.pendingBase = saved.pendingBase as SourceEntry['pendingBase']
    }
    this.#registry.add(entry)
    this.#emit(SyncEvents.SOURCE_ADDED, { sourceId: config.id, config: redactConfig(config) })
    this.#emit(SyncEvents.STATUS_CHANGED, toSyncStatus(entry.state))
    if (this.#started) this.#activate(entry)
  }

  /** Replaces a source's config (same id). The last good snapshot stays the baseline. */
  async updateSource(input: LiveSourceConfigInput): Promise<void> {
    this.#assertUsable()
    const config = parseSourceConfig(input)
    const entry = this.#require(config.id)
    const previous = entry.state.config
    const locationChanged =
      previous.url !== config.url ||
      previous.filePath !== config.filePath ||
      previous.type !== config.type ||
      !sameHeaders(previous.headers, config.headers)
    entry.dispatch({ type: 'configUpdated', config, locationChanged })
    this.#emit(SyncEvents.SOURCE_UPDATED, { sourceId: config.id, config: redactConfig(config) })
    this.#emit(SyncEvents.STATUS_CHANGED, toSyncStatus(entry.state))
    if (!this.#started) return
    this.#restartWatching(entry)
    if (entry.inFlight) {
      // The running sync loaded the old location: load the new one as soon as it ends.
      if (locationChanged) entry.resyncRequested = true
      return // a running sync reschedules itself with the new config when it ends
    }
    const becameEnabled = !previous.enabled && config.enabled
    if (locationChanged || becameEnabled) this.#pollNow(entry)
    else this.#schedulePoll(entry)
  }

  /** Unregisters a source, aborting its queued or running sync (which settles as `cancelled`). */
  async removeSource(sourceId: string): Promise<void> {
    this.#assertUsable()
    const entry = this.#require(sourceId)
    this.#registry.delete(sourceId)
    this.#scheduler.cancel(sourceId)
    this.#stopWatching(entry)
    entry.abortController?.abort(new CancelledError(`Source "${sourceId}" was removed`, { sourceId }))
    const running = entry.inFlight
    const settled = await this.#waitForSync(entry)
    // Removing a source forgets it; a restart (a new service over the same store) is what resumes.
    await this.#store?.delete(stateKey(sourceId))
    // A host's store call still running past the bound may land later: forget what it wrote then too.
    if (!settled && running && this.#store) {
      const store = this.#store
      void running.then(() => store.delete(stateKey(sourceId))).catch(() => {})
    }
    this.#emit(SyncEvents.SOURCE_REMOVED, { sourceId })
  }

  /**
   * Keeps a host's collection in sync with a source: after each sync that detects changes (and after
   * the first), the collection generated from the spec is merged into `target.read()` and written
   * with `target.write()` before the new baseline is committed.
   */
  attachTarget(sourceId: string, target: SyncTarget, options: AttachTargetOptions = {}): void {
    this.#assertUsable()
    if (typeof target?.read !== 'function' || typeof target.write !== 'function') {
      throw new TypeError('attachTarget expects a target with read() and write(collection, report) methods')
    }
    const entry = this.#require(sourceId)
    entry.target = { target, options }
    entry.pendingReview = undefined // a plan made for the previous target
    entry.reviewOutstanding = true
  }

  /** Stops writing to the target of a source. */
  detachTarget(sourceId: string): void {
    const entry = this.#require(sourceId)
    entry.target = undefined
    entry.pendingReview = undefined
  }

  // ── review before apply (targets attached with `review: true`) ─────────

  /** The plan waiting for decisions (the last `review:required`), if any. */
  getPendingReview(sourceId: string): MergePlan | undefined {
    return this.#require(sourceId).pendingReview
  }

  /**
   * Writes the items of the pending plan the user accepted (`'accept'`, `'skip'`, or answers by item
   * id; items not named are skipped) through the target, then moves the merge base over the
   * accepted items only: skipped ones are proposed again by the next sync that finds the spec
   * changed, or by a manual `syncSource` (polls do not ask again every interval). Refused with
   * `STALE_PLAN`, nothing written, when `planId` is not the pending plan (a newer sync replaced it,
   * or it was applied or dropped) or the collection changed since the plan was made.
   */
  async applyReview(sourceId: string, planId: string, decisions: PlanDecisions = 'accept'): Promise<AppliedPlan> {
    this.#assertUsable()
    const entry = this.#require(sourceId)
    // A sync in flight may replace the plan: wait for it, then hold the next ones off until written.
    while (entry.inFlight || entry.applyingReview) await Promise.allSettled([entry.inFlight, entry.applyingReview])
    this.#assertUsable()
    const plan = entry.pendingReview
    const attached = entry.target
    if (plan?.id !== planId || !attached) throw this.#stalePlan(entry.id, planId, plan, attached)
    const applying = this.#applyReview(entry, attached, plan, decisions)
    entry.applyingReview = applying
    try {
      return await applying
    } finally {
      if (entry.applyingReview === applying) entry.applyingReview = undefined
    }
  }

  /**
   * Forgets the pending plan without writing; its changes are proposed again by the next sync that
   * finds the spec changed, or by a manual `syncSource`. Returns whether `planId` was pending.
   */
  dropReview(sourceId: string, planId: string): boolean {
    const entry = this.#require(sourceId)
    if (entry.pendingReview?.id !== planId) return false
    entry.pendingReview = undefined
    return true
  }

  getSourceStatus(sourceId: string): SyncStatus {
    return toSyncStatus(this.#require(sourceId).state)
  }

  getAllSourceStatuses(): SyncStatus[] {
    return this.#registry.list().map((entry) => toSyncStatus(entry.state))
  }

  /** The last good snapshot of a source, if it ever synced successfully. */
  getSnapshot(sourceId: string): ApiSnapshot | undefined {
    return this.#require(sourceId).state.snapshot
  }

  // ── syncing ───────────────────────────────────────────────────────────

  /**
   * Syncs one source now. While the same source is already syncing, returns that sync's promise.
   * Rejects only for SOURCE_NOT_FOUND or a disposed service; every other outcome is a SyncResult.
   */
  syncSource(sourceId: string, options: SyncSourceOptions = {}): Promise<SyncResult> {
    if (this.#disposing) return Promise.reject(new DisposedError())
    const entry = this.#registry.get(sourceId)
    if (!entry) return Promise.reject(new SourceNotFoundError(sourceId))
    if (entry.inFlight) return entry.inFlight
    // In flight before any of it runs: a sync:started listener that asks for this source joins this sync (issue 11, item 8).
    let run!: (sync: Promise<SyncResult>) => void
    const promise = new Promise<SyncResult>((resolve) => (run = resolve)).finally(() => {
      if (entry.inFlight === promise) entry.inFlight = undefined
    })
    entry.inFlight = promise
    run(this.#runSync(entry, options.trigger ?? 'manual'))
    return promise
  }

  /** Syncs every enabled source, in registry order. */
  syncAllSources(): Promise<SyncResult[]> {
    if (this.#disposing) return Promise.reject(new DisposedError())
    const enabled = this.#registry.list().filter((entry) => entry.state.config.enabled)
    return Promise.all(enabled.map((entry) => this.syncSource(entry.id)))
  }

  // ── lifecycle ─────────────────────────────────────────────────────────

  /** Starts polling: every enabled source with a refreshInterval syncs now, then on its interval. */
  start(): void {
    this.#assertUsable()
    if (this.#started) return
    this.#started = true
    for (const entry of this.#registry.list()) this.#activate(entry)
  }

  /** Stops polling and waits for the syncs in flight to finish (at most `shutdownTimeout` for a host call that hangs). */
  async stop(): Promise<void> {
    this.#started = false
    this.#scheduler.cancelAll()
    for (const entry of this.#registry.list()) {
      this.#stopWatching(entry)
      if (entry.state.nextSync !== null) entry.dispatch({ type: 'pollScheduled', at: null })
    }
    await this.#settleInFlight()
  }

  /**
   * Aborts every queued and running sync, clears every timer and drops listeners. Safe to call twice.
   * Waits at most `shutdownTimeout` for a sync stuck in a host's write; nothing is written after that.
   */
  dispose(): Promise<void> {
    this.#disposing ??= (async () => {
      this.#started = false
      this.#scheduler.cancelAll()
      const reason = new CancelledError('The LiveSyncService was disposed')
      for (const entry of this.#registry.list()) {
        this.#stopWatching(entry)
        // Its timer is gone: a status must not promise a poll that will never come.
        if (entry.state.nextSync !== null) entry.dispatch({ type: 'pollScheduled', at: null })
        entry.abortController?.abort(reason)
        entry.pendingReview = undefined
      }
      await this.#settleInFlight()
      this.#emitter.removeAllListeners()
    })()
    return this.#disposing
  }

  // ── internals ─────────────────────────────────────────────────────────

  async #runSync(entry: SourceEntry, trigger: SyncTrigger): Promise<SyncResult> {
    this.#scheduler.cancel(entry.id) // this sync replaces the pending poll; the next is scheduled from its end
    // One controller per sync, aborted by removeSource or dispose through the entry (no listener on a
    // shared service-wide signal: thousands of queued syncs would pile listeners onto it).
    const controller = new AbortController()
    entry.abortController = controller
    entry.resetHostCalls()
    const signal = controller.signal
    // p-queue drops a task aborted while it waits, but rejects a running one at once and frees its slot
    // while the task goes on: a running task must instead end itself, keeping its slot until it has.
    const queued = new AbortController()
    let running = false
    const abortQueued = () => {
      if (!running) queued.abort(signal.reason)
    }
    signal.addEventListener('abort', abortQueued, { once: true })
    const clock = this.#options.clock
    let startedAt: Date | undefined
    let attempts = 0
    try {
      // A plan being applied writes the collection this sync would read: let it finish first.
      if (entry.applyingReview) await Promise.allSettled([entry.applyingReview])
      const { outcome, targetWrite, locationGeneration } = await this.#queue.add(
        async () => {
          running = true
          signal.throwIfAborted()
          startedAt = new Date(clock.now())
          entry.dispatch({ type: 'syncStarted' })
          this.#emit(SyncEvents.SYNC_STARTED, { sourceId: entry.id, trigger })
          this.#emit(SyncEvents.STATUS_CHANGED, toSyncStatus(entry.state))
          const state = entry.state
          const loaded = await loadWithRetry(state.config, {
            loader: this.#loader,
            clock,
            retry: this.#options.retry,
            timeoutMs: this.#options.timeout,
            signal,
            request: {
              etag: state.etag,
              lastModified: state.lastModified,
              maxBytes: this.#options.maxBytes,
              onProgress: ({ loadedBytes, totalBytes }) =>
                this.#emit(SyncEvents.SYNC_PROGRESS, { sourceId: entry.id, loadedBytes, totalBytes }),
            },
            onAttempt: (attempt) => (attempts = attempt),
            onRetry: ({ attempt, error, delayMs }) => this.#emit(SyncEvents.SYNC_RETRY, { sourceId: entry.id, attempt, error, delayMs }),
          })
          signal.throwIfAborted()
          const slice = new TimeSlice()
          const outcome = await processLoadResult(state, loaded, this.#formats, slice, this.#options.severityOverrides)
          signal.throwIfAborted()
          // Everything that must accept the new snapshot does so before it becomes the baseline.
          const targetWrite = await this.#writeTarget(entry, outcome, signal, slice, trigger)
          // Checked before the save: once it has started, the sync is committed, whatever aborts meanwhile.
          signal.throwIfAborted()
          await this.#persist(entry, outcome, targetWrite, state.locationGeneration)
          return { outcome, targetWrite, locationGeneration: state.locationGeneration }
        },
        { signal: queued.signal },
      )
      return this.#commitSuccess(entry, trigger, outcome, targetWrite, startedAt!, attempts, locationGeneration)
    } catch (thrown) {
      return this.#recordFailure(entry, trigger, thrown, signal, startedAt, attempts)
    } finally {
      signal.removeEventListener('abort', abortQueued)
      entry.abortController = undefined
      this.#schedulePoll(entry)
      if (entry.resyncRequested) {
        entry.resyncRequested = false
        // Deferred so this sync's promise settles (and leaves inFlight) before the next one starts.
        queueMicrotask(() => this.#onWatchedChange(entry))
      }
    }
  }

  #commitSuccess(
    entry: SourceEntry,
    trigger: SyncTrigger,
    outcome: SyncOutcome,
    targetWrite: TargetWrite | undefined,
    startedAt: Date,
    attempts: number,
    locationGeneration: number,
  ): SyncResult {
    const finishedAt = new Date(this.#options.clock.now())
    const changesDetected = outcome.kind === 'changed'
    entry.dispatch({ type: 'syncSucceeded', at: finishedAt, changesDetected, commit: outcome.commit, locationGeneration })
    if (targetWrite) entry.baseCollection = targetWrite.baseCollection
    const review = this.#settleReview(entry, targetWrite)
    const fingerprint = entry.state.snapshot?.fingerprint
    const result: SyncResult = {
      sourceId: entry.id,
      status: 'success',
      trigger,
      changesDetected,
      changes: outcome.kind === 'changed' ? outcome.changes : emptyChangeSet(),
      attempts,
      startedAt,
      finishedAt,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      ...(fingerprint === undefined ? {} : { fingerprint }),
      ...(targetWrite ? { merge: targetWrite.report } : {}),
    }
    if (outcome.kind === 'changed') this.#emit(SyncEvents.CHANGES_DETECTED, { sourceId: entry.id, changes: outcome.changes })
    if (targetWrite && targetWrite.report.conflicts.length > 0) {
      this.#emit(SyncEvents.CONFLICTS_DETECTED, { sourceId: entry.id, conflicts: targetWrite.report.conflicts })
    }
    if (review) this.#emit(SyncEvents.REVIEW_REQUIRED, { sourceId: entry.id, plan: review })
    this.#emit(SyncEvents.SYNC_COMPLETED, result)
    this.#emit(SyncEvents.STATUS_CHANGED, toSyncStatus(entry.state))
    return result
  }

  #recordFailure(
    entry: SourceEntry,
    trigger: SyncTrigger,
    thrown: unknown,
    signal: AbortSignal,
    startedAt: Date | undefined,
    attempts: number,
  ): SyncResult {
    const finishedAt = new Date(this.#options.clock.now())
    const cancelled = signal.aborted
    const error = cancelled ? asCancelled(signal.reason, entry.id) : asSyncError(thrown, entry.id)
    const result: SyncResult = {
      sourceId: entry.id,
      status: cancelled ? 'cancelled' : 'failed',
      trigger,
      changesDetected: false,
      attempts,
      startedAt: startedAt ?? finishedAt,
      finishedAt,
      durationMs: startedAt ? finishedAt.getTime() - startedAt.getTime() : 0,
      error,
    }
    entry.proposedReview = undefined
    if (cancelled) {
      entry.dispatch({ type: 'syncCancelled' })
    } else {
      entry.dispatch({ type: 'syncFailed', at: finishedAt, error })
    }
    // Only a sync that announced itself gets a closing event, so sync:started and its ending pair up.
    if (startedAt) {
      this.#emit(SyncEvents.SYNC_FAILED, result)
      this.#emit(SyncEvents.STATUS_CHANGED, toSyncStatus(entry.state))
    }
    return result
  }

  /**
   * Merges and writes the attached target after a change, when it has never been written, or when a
   * write of it may have landed without its state (then the merge reconciles, see `reconcilePendingBase`).
   * Two-phase (issue 11, item 3): the store learns that the target is about to move before it moves, and
   * the in-memory merge base follows the target as soon as the write lands, whatever happens to the save.
   */
  async #writeTarget(entry: SourceEntry, outcome: SyncOutcome, signal: AbortSignal, slice: TimeSlice, trigger: SyncTrigger): Promise<TargetWrite | undefined> {
    const attached = entry.target
    const snapshot = outcome.commit.snapshot
    if (!attached || !snapshot) return undefined
    // Review mode (issue 15): plan instead of writing, unless there is nothing to review.
    if (attached.options.review === true && (await this.#proposeReview(entry, outcome, attached, snapshot, trigger)) === 'planned') return undefined
    if (outcome.kind === 'unchanged' && entry.baseCollection !== undefined && entry.pendingBase === undefined) return undefined
    await slice.yieldIfDue() // generating and merging a large collection is one more long phase
    entry.markHostCall()
    const plan = await planTargetWrite({
      sourceId: entry.id,
      attached,
      snapshot,
      changes: outcome.kind === 'changed' ? outcome.changes : undefined,
      base: entry.baseCollection,
      pendingBase: entry.pendingBase,
    })
    signal.throwIfAborted()
    await this.#saveState(entry, {
      ...this.#committedState(entry),
      pendingBase: plan.baseCollection,
    })
    signal.throwIfAborted()
    await writePlannedTarget(entry.id, attached, plan)
    entry.baseCollection = plan.baseCollection
    entry.pendingBase = undefined
    return plan
  }

  /** The state a restart needs as it stands committed now (before this sync). */
  #committedState(entry: SourceEntry): PersistedSourceState {
    const { snapshot, contentHash, etag, lastModified, lastSuccess } = entry.state
    return { snapshot, contentHash, etag, lastModified, lastSuccess, baseCollection: entry.baseCollection, pendingBase: entry.pendingBase }
  }

  /**
   * Review mode: plans the merge instead of writing it. The plan becomes pending when the sync
   * succeeds; a plan with nothing to review is written as usual (the base moves, nothing to ask).
   * When the spec did not move, only a manual sync or the first one after attaching (or a restart)
   * plans again, for the items skipped before: polls do not ask the user again every interval.
   */
  async #proposeReview(entry: SourceEntry, outcome: SyncOutcome, attached: AttachedTarget, snapshot: ApiSnapshot, trigger: SyncTrigger): Promise<'planned' | 'write'> {
    const known = outcome.kind === 'unchanged' && entry.baseCollection !== undefined
    const replan = trigger === 'manual' || entry.reviewOutstanding
    if (known && (entry.pendingReview !== undefined || !replan)) return 'planned'
    const changes = outcome.kind === 'changed' ? outcome.changes : undefined
    entry.markHostCall()
    const plan = await planTarget({ sourceId: entry.id, attached, snapshot, changes, base: entry.baseCollection })
    if (plan.items.length > 0) {
      entry.proposedReview = plan
      return 'planned'
    }
    entry.reviewOutstanding = false
    // Nothing to review: written as usual (two-phase) when something moved, else nothing to do.
    return known ? 'planned' : 'write'
  }

  /** After a successful sync: the plan it made becomes the pending one (replacing any older); a write makes an older plan moot. */
  #settleReview(entry: SourceEntry, targetWrite: TargetWrite | undefined): MergePlan | undefined {
    const proposed = entry.proposedReview
    entry.proposedReview = undefined
    if (proposed) {
      entry.pendingReview = proposed
      entry.reviewOutstanding = false
    } else if (targetWrite) {
      entry.pendingReview = undefined
    }
    return proposed
  }

  async #applyReview(entry: SourceEntry, attached: AttachedTarget, plan: MergePlan, decisions: PlanDecisions): Promise<AppliedPlan> {
    const applied = await this.#writeReview(entry, attached, plan, decisions).catch((error: unknown) => {
      // The collection changed under the plan: it can never apply, so the next sync plans afresh.
      if (error instanceof StalePlanError && entry.pendingReview === plan) {
        entry.pendingReview = undefined
        entry.reviewOutstanding = true
      }
      throw error
    })
    // Written: only now does the base move, over the accepted items only.
    entry.baseCollection = applied.base
    entry.pendingReview = undefined
    await this.#persistBase(entry)
    return applied
  }

  #writeReview(entry: SourceEntry, attached: AttachedTarget, plan: MergePlan, decisions: PlanDecisions): Promise<AppliedPlan> {
    return applyTargetReview({
      sourceId: entry.id,
      attached,
      plan,
      decisions,
      // Reading took time: write nothing if the service was disposed or the source removed meanwhile.
      beforeWrite: () => {
        this.#assertUsable()
        if (this.#registry.get(entry.id) !== entry || entry.target !== attached) throw this.#stalePlan(entry.id, plan.id, undefined, undefined)
      },
    })
  }

  #stalePlan(sourceId: string, planId: string, pending: MergePlan | undefined, attached: AttachedTarget | undefined): StalePlanError {
    const why =
      attached === undefined
        ? 'the source or its target is gone'
        : pending === undefined
          ? 'no plan is pending (it was applied or dropped, or the spec moved back)'
          : `a newer sync replaced it with plan ${pending.id}`
    return new StalePlanError(`The review plan ${planId} of source "${sourceId}" is stale: ${why}; nothing was written`, planId, { sourceId })
  }

  /** Saves the merge base an applied review moved, with the rest of the source's state. */
  async #persistBase(entry: SourceEntry): Promise<void> {
    const store = this.#store
    const { snapshot, contentHash, etag, lastModified, lastSuccess } = entry.state
    if (!store || !snapshot) return
    const text = serializeSourceState(entry.id, { snapshot, contentHash, etag, lastModified, lastSuccess, baseCollection: entry.baseCollection })
    try {
      await store.set(stateKey(entry.id), text)
    } catch (error) {
      throw new StateError(`Saving the state of source "${entry.id}" failed: ${toError(error).message}`, { sourceId: entry.id, cause: error })
    }
  }

  /** Saves what a restart needs, when a store is configured and something worth saving moved. */
  async #persist(entry: SourceEntry, outcome: SyncOutcome, targetWrite: TargetWrite | undefined, locationGeneration: number): Promise<void> {
    const { snapshot } = outcome.commit
    if (!this.#store || !snapshot) return
    const state = entry.state
    // Validators of a location the source no longer has are not saved (issue 11, item 2).
    const { contentHash, etag, lastModified } = commitFor(state, outcome.commit, locationGeneration)
    const moved =
      outcome.kind === 'changed' ||
      targetWrite !== undefined ||
      contentHash !== state.contentHash ||
      etag !== state.etag ||
      lastModified !== state.lastModified
    if (!moved) return
    await this.#saveState(entry, {
      snapshot,
      contentHash,
      etag,
      lastModified,
      lastSuccess: new Date(this.#options.clock.now()),
      baseCollection: entry.baseCollection,
      pendingBase: entry.pendingBase,
    })
  }

  async #saveState(entry: SourceEntry, state: PersistedSourceState): Promise<void> {
    const store = this.#store
    if (!store) return
    entry.markHostCall()
    try {
      await store.set(stateKey(entry.id), serializeSourceState(entry.id, state))
    } catch (error) {
      throw new StateError(`Saving the state of source "${entry.id}" failed: ${toError(error).message}`, { sourceId: entry.id, cause: error })
    }
  }

  async #restore(sourceId: string) {
    const store = this.#store
    if (!store) return undefined
    let text: string | undefined
    try {
      text = await store.get(stateKey(sourceId))
    } catch (error) {
      throw new StateError(`Reading the saved state of source "${sourceId}" failed: ${toError(error).message}`, { sourceId, cause: error })
    }
    return text === undefined ? undefined : deserializeSourceState(sourceId, text)
  }

  /** Schedules the next poll of a source from now, if polling applies to it. */
  #schedulePoll(entry: SourceEntry): void {
    if (!this.#isPolled(entry)) {
      if (entry.state.nextSync !== null) entry.dispatch({ type: 'pollScheduled', at: null })
      return
    }
    const { refreshInterval } = entry.state.config
    const delayMs = pollDelay(refreshInterval, entry.state.consecutiveFailures, this.#options.maxPollBackoff)
    entry.dispatch({ type: 'pollScheduled', at: new Date(this.#options.clock.now() + delayMs) })
    this.#scheduler.schedule(entry.id, delayMs, () => this.#poll(entry))
  }

  /** Starts polling and watching a source of a started service. */
  #activate(entry: SourceEntry): void {
    this.#restartWatching(entry)
    this.#pollNow(entry)
  }

  #restartWatching(entry: SourceEntry): void {
    this.#stopWatching(entry)
    if (!this.#options.watcher || !this.#isPolled(entry)) return
    entry.stopWatching = this.#options.watcher.watch(entry.state.config, () => this.#onWatchedChange(entry))
  }

  #stopWatching(entry: SourceEntry): void {
    entry.stopWatching?.()
    entry.stopWatching = undefined
    entry.resyncRequested = false
  }

  #onWatchedChange(entry: SourceEntry): void {
    if (!this.#isPolled(entry)) return
    if (entry.inFlight) {
      entry.resyncRequested = true
      return
    }
    this.syncSource(entry.id, { trigger: 'watch' }).catch(() => {})
  }

  #pollNow(entry: SourceEntry): void {
    if (this.#isPolled(entry)) this.#poll(entry)
  }

  #poll(entry: SourceEntry): void {
    if (!this.#isPolled(entry)) return
    // syncSource never rejects for a registered source; the catch only guards against a race with removal.
    this.syncSource(entry.id, { trigger: 'poll' }).catch(() => {})
  }

  #isPolled(entry: SourceEntry): boolean {
    const { enabled, refreshInterval } = entry.state.config
    return this.#started && !this.#disposing && enabled && refreshInterval > 0 && this.#registry.get(entry.id) === entry
  }

  async #settleInFlight(): Promise<void> {
    await Promise.all(this.#registry.list().map((entry) => this.#waitForSync(entry)))
    await Promise.allSettled(this.#registry.list().map((entry) => entry.applyingReview))
  }

  /**
   * Waits for the sync of `entry` to end, but once it is inside a call into the host (target read or
   * write, store save) at most `shutdownTimeout` ms more (through the clock): a host call that never
   * settles cannot hang stop, dispose or removeSource, while loading and processing are waited for.
   * Resolves whether the sync ended in time.
   */
  async #waitForSync(entry: SourceEntry): Promise<boolean> {
    const running = entry.inFlight
    if (running === undefined) return true
    const bound = new AbortController()
    const ended = running.then(
      () => true,
      () => true,
    )
    try {
      const timedOut = entry.hostCalled
        .then(() => sleep(this.#options.clock, this.#options.shutdownTimeout, bound.signal))
        .then(
          () => false,
          () => true, // aborted below, once the sync ended first
        )
      return await Promise.race([ended, timedOut])
    } finally {
      bound.abort()
    }
  }

  #require(sourceId: string): SourceEntry {
    const entry = this.#registry.get(sourceId)
    if (!entry) throw new SourceNotFoundError(sourceId)
    return entry
  }

  #assertUsable(): void {
    if (this.#disposing) throw new DisposedError()
  }

  #emit<E extends SyncEventName>(event: E, payload: SyncEventPayloads[E]): void {
    this.#emitter.emit(event, payload)
  }
}

function sameHeaders(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const aKeys = Object.keys(a ?? {})
  const bKeys = Object.keys(b ?? {})
  return aKeys.length === bKeys.length && aKeys.every((key) => a?.[key] === b?.[key])
}

function asCancelled(reason: unknown, sourceId: string): LiveSyncError {
  const why = reason instanceof CancelledError ? `: ${reason.message}` : ''
  return new CancelledError(`The sync of source "${sourceId}" was cancelled${why}`, { sourceId, cause: reason })
}

function asSyncError(thrown: unknown, sourceId: string): LiveSyncError {
  if (thrown instanceof LiveSyncError) return thrown
  // Loader errors arrive wrapped already; anything else came from processing the document.
  const cause = toError(thrown)
  return new InvalidSpecError(`Syncing source "${sourceId}" failed while processing its document: ${cause.message}`, { sourceId, cause })
}

export type { LiveSourceConfig }
