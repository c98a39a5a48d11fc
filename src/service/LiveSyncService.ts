import type { AppliedPlan, PlanDecisions } from '../collections/apply-plan.js'
import { parseSourceConfig, type LiveSourceConfigInput } from '../config/config.js'
import { redactConfig } from '../config/redact-config.js'
import { CancelledError, DisposedError, DuplicateSourceError, SourceNotFoundError } from '../errors/errors.js'
import { SyncEvents } from '../events/events.js'
import { SyncEventSource } from '../events/sync-event-source.js'
import type { MergePlan } from '../model/merge-plan.js'
import type { ApiSnapshot } from '../model/snapshot.js'
import type { LiveSourceConfig } from '../model/source-config.js'
import type { SyncResult, SyncStatus, SyncTrigger } from '../model/sync.js'
import { resolveServiceOptions, type LiveSyncServiceOptions, type ResolvedServiceOptions } from './options.js'
import { Persistence } from './persistence.js'
import { Poller } from './poller.js'
import { Source } from './source.js'
import { isNewLocation } from './source-state.js'
import { SourceRegistry } from './source-registry.js'
import { SyncRunner } from './sync-run.js'
import type { AttachTargetOptions, SyncTarget } from './target-sync.js'

export interface SyncSourceOptions {
  /** What asked for the sync; reported in `sync:started`. @default 'manual' */
  trigger?: SyncTrigger
}

/**
 * Keeps API definitions in sync: a registry of sources (each a `Source` that owns its lifecycle), synced
 * through one concurrency-limited queue with retries, polled on their `refreshInterval` after `start()`.
 */
export class LiveSyncService extends SyncEventSource {
  readonly #options: ResolvedServiceOptions
  readonly #registry = new SourceRegistry()
  readonly #persistence: Persistence
  readonly #poller: Poller
  readonly #runner: SyncRunner
  #closing = false
  #disposal: Promise<void> | undefined

  constructor(options: LiveSyncServiceOptions = {}) {
    const resolved = resolveServiceOptions(options)
    super(resolved.onListenerError)
    this.#options = resolved
    this.#persistence = new Persistence(resolved.store, resolved.clock, resolved.shutdownTimeout)
    this.#poller = new Poller({
      clock: resolved.clock,
      maxPollBackoff: resolved.maxPollBackoff,
      watcher: resolved.watcher,
      isRegistered: (source) => this.#registry.holds(source),
      // Never rejects for a registered source; the catch only guards against a race with removal.
      sync: (source, trigger) => void this.syncSource(source.id, { trigger }).catch(() => {}),
    })
    this.#runner = new SyncRunner({
      options: resolved,
      persistence: this.#persistence,
      poller: this.#poller,
      emit: (event, payload) => this.emit(event, payload),
    })
  }

  /** Registers a source. Rejects with INVALID_CONFIG (nothing added) or DUPLICATE_SOURCE. */
  async addSource(input: LiveSourceConfigInput): Promise<void> {
    this.#assertUsable()
    const config = parseSourceConfig(input)
    if (this.#registry.has(config.id)) throw new DuplicateSourceError(config.id)
    const saved = await this.#persistence.restore(config.id)
    // Checked again: another addSource of the same id may have finished while the store answered.
    if (this.#registry.has(config.id)) throw new DuplicateSourceError(config.id)
    this.#assertUsable()
    const source = new Source(config, (event, payload) => this.emit(event, payload), this.#options.clock)
    source.target.restore(saved?.baseCollection, saved?.pendingBase)
    this.#registry.add(source)
    source.dispatch({ type: 'registered', restored: saved?.restored }, () =>
      this.emit(SyncEvents.SOURCE_ADDED, { sourceId: config.id, config: redactConfig(config) }),
    )
    this.#poller.activate(source)
  }

  /** Replaces a source's config (same id). The last good snapshot stays the baseline. */
  async updateSource(input: LiveSourceConfigInput): Promise<void> {
    this.#assertUsable()
    const config = parseSourceConfig(input)
    const source = this.#require(config.id)
    const previous = source.state.config
    const locationChanged = isNewLocation(previous, config)
    this.#poller.configChanged(source, { locationChanged, becameEnabled: !previous.enabled && config.enabled }, () =>
      source.dispatch({ type: 'configUpdated', config, locationChanged }, () =>
        this.emit(SyncEvents.SOURCE_UPDATED, { sourceId: config.id, config: redactConfig(config) }),
      ),
    )
  }

  /** Unregisters a source, aborting its queued or running sync (which settles as `cancelled`). */
  async removeSource(sourceId: string): Promise<void> {
    this.#assertUsable()
    const source = this.#require(sourceId)
    this.#registry.delete(sourceId)
    this.#poller.forget(source)
    source.abortSync(new CancelledError(`Source "${sourceId}" was removed`, { sourceId }))
    await this.#persistence.forget(source)
    this.emit(SyncEvents.SOURCE_REMOVED, { sourceId })
    source.retire()
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
    this.#require(sourceId).target.attach(target, options)
  }

  /** Stops writing to the target of a source. */
  detachTarget(sourceId: string): void {
    this.#require(sourceId).target.detach()
  }

  /** The plan waiting for decisions (the last `review:required`), if any. */
  getPendingReview(sourceId: string): MergePlan | undefined {
    return this.#require(sourceId).target.pendingReview
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
    const source = this.#require(sourceId)
    return source.target.apply(planId, decisions, {
      sourceId,
      inFlight: () => source.inFlight,
      assertUsable: () => this.#assertUsable(),
      isRegistered: () => this.#registry.holds(source),
      saveBase: () => this.#persistence.saveBase(source),
    })
  }

  /**
   * Forgets the pending plan without writing; its changes are proposed again by the next sync that
   * finds the spec changed, or by a manual `syncSource`. Returns whether `planId` was pending.
   */
  dropReview(sourceId: string, planId: string): boolean {
    return this.#require(sourceId).target.drop(planId)
  }

  getSourceStatus(sourceId: string): SyncStatus {
    return this.#require(sourceId).status
  }

  getAllSourceStatuses(): SyncStatus[] {
    return this.#registry.list().map((source) => source.status)
  }

  /** The last good snapshot of a source, if it ever synced successfully. */
  getSnapshot(sourceId: string): ApiSnapshot | undefined {
    return this.#require(sourceId).state.snapshot
  }

  /**
   * Syncs one source now. While the same source is already syncing, returns that sync's promise.
   * Rejects only for SOURCE_NOT_FOUND or a disposed service; every other outcome is a SyncResult.
   */
  syncSource(sourceId: string, options: SyncSourceOptions = {}): Promise<SyncResult> {
    if (this.#closing) return Promise.reject(new DisposedError())
    const source = this.#registry.get(sourceId)
    if (!source) return Promise.reject(new SourceNotFoundError(sourceId))
    return source.sync((running) => this.#runner.run(source, options.trigger ?? 'manual', running))
  }

  /** Syncs every enabled source, in registry order. */
  syncAllSources(): Promise<SyncResult[]> {
    if (this.#closing) return Promise.reject(new DisposedError())
    const enabled = this.#registry.list().filter((source) => source.state.config.enabled)
    return Promise.all(enabled.map((source) => this.syncSource(source.id)))
  }

  /** Starts polling: every enabled source with a refreshInterval syncs now, then on its interval. */
  start(): void {
    this.#assertUsable()
    if (!this.#poller.started) this.#poller.start(this.#registry.list())
  }

  /** Stops polling and waits for the syncs in flight to finish (at most `shutdownTimeout` for a host call that hangs). */
  async stop(): Promise<void> {
    this.#poller.stop(this.#registry.list())
    await this.#persistence.settle(this.#registry.list())
  }

  /**
   * Aborts every queued and running sync, clears every timer and drops listeners. Safe to call twice.
   * Waits at most `shutdownTimeout` for a sync stuck in a host's write; nothing is written after that.
   */
  dispose(): Promise<void> {
    if (this.#disposal) return this.#disposal
    this.#closing = true // before anything below emits: a listener cannot start new work
    this.#disposal = (async () => {
      const sources = this.#registry.list()
      this.#poller.stop(sources)
      const reason = new CancelledError('The LiveSyncService was disposed')
      for (const source of sources) {
        source.abortSync(reason)
        source.target.dropPending()
      }
      await this.#persistence.settle(this.#registry.list())
      this.removeAllListeners()
    })()
    return this.#disposal
  }

  #require(sourceId: string): Source {
    const source = this.#registry.get(sourceId)
    if (!source) throw new SourceNotFoundError(sourceId)
    return source
  }

  #assertUsable(): void {
    if (this.#closing) throw new DisposedError()
  }
}

export type { LiveSourceConfig }
