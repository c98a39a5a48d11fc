import type { SyncResult } from './types.js'
import { initialSourceState, reduceSourceState, type SourceAction, type SourceState } from './source-state.js'
import type { LiveSourceConfig } from '../config/config.js'
import type { Collection } from '../collections/model.js'
import type { AttachedTarget } from './target-sync.js'
import type { MergePlan } from '../collections/plan.js'

/** One registered source: its reducer-held state plus the handles of its running work. */
export class SourceEntry {
  #state: SourceState
  /** The running or queued sync, shared by concurrent callers. */
  inFlight: Promise<SyncResult> | undefined
  /** Aborts the running or queued sync of this source. */
  abortController: AbortController | undefined
  /** Stops the watcher of this source, while one runs. */
  stopWatching: (() => void) | undefined
  /** The host collection kept in sync with this source, if one is attached. */
  target: AttachedTarget | undefined
  /** The collection generated from the baseline snapshot: the merge base of the target. */
  baseCollection: Collection | undefined
  /** The base of a target write that may have landed without its state being saved (see `reconcilePendingBase`). */
  pendingBase: Collection | undefined
  /** A watch event arrived during a sync: sync once more when it ends, so the change is not missed. */
  resyncRequested = false
  /** Resolves once the current sync has called into the host (target read or write, store save). */
  hostCalled: Promise<void> = new Promise<void>(() => {})
  #markHostCalled: () => void = () => {}

  /** Starts a sync's record of host calls. */
  resetHostCalls(): void {
    this.hostCalled = new Promise<void>((resolve) => (this.#markHostCalled = resolve))
  }

  /** Called before each call into the host: from then on a shutdown's wait for this sync is bounded. */
  markHostCall(): void {
    this.#markHostCalled()
  }

  // ── review mode (issue 15) ──
  /** The plan waiting for the host's decisions. */
  pendingReview: MergePlan | undefined
  /** The plan the running sync made; it becomes pending only if the sync succeeds. */
  proposedReview: MergePlan | undefined
  /**
   * The target was just attached (or the service restarted): what waits for review is unknown, so
   * the next sync plans even when the spec did not move.
   */
  reviewOutstanding = true
  /** A plan being applied: syncs of this source wait for it, so none reads the collection mid-write. */
  applyingReview: Promise<unknown> | undefined

  constructor(config: LiveSourceConfig) {
    this.#state = initialSourceState(config)
  }

  get id(): string {
    return this.#state.config.id
  }

  get state(): SourceState {
    return this.#state
  }

  dispatch(action: SourceAction): SourceState {
    this.#state = reduceSourceState(this.#state, action)
    return this.#state
  }
}

/** The registered sources, in registration order. */
export class SourceRegistry {
  readonly #entries = new Map<string, SourceEntry>()

  has(sourceId: string): boolean {
    return this.#entries.has(sourceId)
  }

  get(sourceId: string): SourceEntry | undefined {
    return this.#entries.get(sourceId)
  }

  add(entry: SourceEntry): void {
    this.#entries.set(entry.id, entry)
  }

  delete(sourceId: string): boolean {
    return this.#entries.delete(sourceId)
  }

  list(): SourceEntry[] {
    return [...this.#entries.values()]
  }

  get size(): number {
    return this.#entries.size
  }
}
