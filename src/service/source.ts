import { SyncEvents } from '../events/events.js'
import type { EmitSyncEvent } from '../events/sync-event-source.js'
import type { Clock, TimerHandle } from '../model/clock.js'
import type { LiveSourceConfig } from '../model/source-config.js'
import type { SyncResult, SyncStatus } from '../model/sync.js'
import { initialSourceState, reduceSourceState, sameSyncStatus, toSyncStatus, type SourceAction, type SourceState } from './source-state.js'
import { TargetLink } from './target-link.js'

/** The work of one sync, given its handle (the signal that cancels it, the host-call mark). */
export type SyncWork = (run: RunningSync) => Promise<SyncResult>

/** The running (or queued) sync of a source, shared by every caller that asks while it runs. */
export class RunningSync {
  /** Aborted by removeSource or dispose; one controller per sync, so no listener piles onto a shared signal. */
  readonly controller = new AbortController()
  /** Resolves once this sync has called into the host (target read or write, store save): from then on a shutdown's wait is bounded. */
  readonly hostCalled: Promise<void>
  readonly markHostCall: () => void
  promise!: Promise<SyncResult>

  constructor() {
    let mark!: () => void
    this.hostCalled = new Promise<void>((resolve) => (mark = resolve))
    this.markHostCall = mark
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }
}

/**
 * One registered source and its whole lifecycle: config and reducer state, the running sync, the
 * poll timer and watcher, and the attached target. Its state changes only through `dispatch`, which
 * also emits `status:changed` when the public status really changed (TanStack Query's `#dispatch`):
 * nothing else emits that event.
 */
export class Source {
  #state: SourceState
  readonly #emit: EmitSyncEvent
  readonly #clock: Clock
  /** What hosts were last told; undefined until the source is announced. */
  #published: SyncStatus | undefined
  #batchDepth = 0
  #retired = false
  #running: RunningSync | undefined
  #pollTimer: TimerHandle | undefined
  #stopWatching: (() => void) | undefined
  /** A watch event arrived during a sync: sync once more when it ends, so the change is not missed. */
  resyncRequested = false
  /** The host collection kept in sync with this source, its merge base and its review. */
  readonly target = new TargetLink()

  constructor(config: LiveSourceConfig, emit: EmitSyncEvent, clock: Clock) {
    this.#state = initialSourceState(config)
    this.#emit = emit
    this.#clock = clock
  }

  get id(): string {
    return this.#state.config.id
  }

  get state(): SourceState {
    return this.#state
  }

  get status(): SyncStatus {
    return toSyncStatus(this.#state)
  }

  // ── state ──

  /**
   * Runs the reducer, then `announce` (the events that report this action, so they come before the
   * status), then emits `status:changed` if what a host shows changed, unless inside `batch`.
   */
  dispatch(action: SourceAction, announce?: () => void): void {
    this.#state = reduceSourceState(this.#state, action)
    announce?.()
    if (this.#batchDepth === 0) this.#publish()
  }

  /** Runs `change`; its dispatches make one `status:changed` at the end (a sync's end and its next poll are one change). */
  batch<T>(change: () => T): T {
    this.#batchDepth++
    try {
      return change()
    } finally {
      this.#batchDepth--
      if (this.#batchDepth === 0) this.#publish()
    }
  }

  /** After `source:removed`: the state may still move (a sync past its shutdown bound), hosts hear no more of it. */
  retire(): void {
    this.#retired = true
    this.clearPollTimer()
  }

  #publish(): void {
    if (this.#retired) return
    const status = toSyncStatus(this.#state)
    if (this.#published !== undefined && sameSyncStatus(this.#published, status)) return
    this.#published = status
    // A copy each time: a listener that edits its payload cannot change what the next comparison sees.
    this.#emit(SyncEvents.STATUS_CHANGED, toSyncStatus(this.#state))
  }

  // ── the running sync ──

  /** The running or queued sync, if any. */
  get inFlight(): Promise<SyncResult> | undefined {
    return this.#running?.promise
  }

  get running(): RunningSync | undefined {
    return this.#running
  }

  /** Starts `work`, or returns the sync already running (TanStack Query's `fetch()` dedupe). */
  sync(work: SyncWork): Promise<SyncResult> {
    if (this.#running) return this.#running.promise
    const running = new RunningSync()
    // In flight before any of it runs: a sync:started listener that asks for this source joins this sync (issue 11, item 8).
    let start!: (result: Promise<SyncResult>) => void
    running.promise = new Promise<SyncResult>((resolve) => (start = resolve)).finally(() => {
      if (this.#running === running) this.#running = undefined
    })
    this.#running = running
    start(work(running))
    return running.promise
  }

  abortSync(reason: unknown): void {
    this.#running?.controller.abort(reason)
  }

  // ── timers ──

  /** Replaces the pending poll timer, if any, with one that runs `poll` after `delayMs`. */
  setPollTimer(delayMs: number, poll: () => void): void {
    this.clearPollTimer()
    this.#pollTimer = this.#clock.setTimeout(() => {
      this.#pollTimer = undefined
      poll()
    }, delayMs)
  }

  clearPollTimer(): void {
    if (this.#pollTimer === undefined) return
    this.#clock.clearTimeout(this.#pollTimer)
    this.#pollTimer = undefined
  }

  setWatcher(stop: (() => void) | undefined): void {
    this.stopWatching()
    this.#stopWatching = stop
  }

  stopWatching(): void {
    this.#stopWatching?.()
    this.#stopWatching = undefined
    this.resyncRequested = false
  }
}
