import { isHttpError } from '../errors/errors.js'
import type { Clock } from '../model/clock.js'
import type { SyncTrigger } from '../model/sync.js'
import { pollDelay } from '../runtime/retry-policy.js'
import type { Source } from './source.js'
import type { SourceState } from './source-state.js'
import type { SourceWatcher } from './watcher.js'

export interface PollerOptions {
  clock: Clock
  maxPollBackoff: number
  watcher: SourceWatcher | undefined
  /** Whether `source` is still the registered one of its id (a removed source is never polled). */
  isRegistered: (source: Source) => boolean
  /** Starts (or joins) a sync; never rejects. */
  sync: (source: Source, trigger: Extract<SyncTrigger, 'poll' | 'watch'>) => void
}

/**
 * When sources sync on their own once the service is started: at once, then `refreshInterval` after
 * each sync ends (longer while a source keeps failing, up to `maxPollBackoff`, and never sooner than
 * a `Retry-After` asked), and whenever the watcher reports a change. Scheduling is a dispatch like
 * any other state change, so `status:changed` always tells the real `nextSync`.
 */
export class Poller {
  readonly #options: PollerOptions
  #started = false

  constructor(options: PollerOptions) {
    this.#options = options
  }

  get started(): boolean {
    return this.#started
  }

  start(sources: readonly Source[]): void {
    this.#started = true
    for (const source of sources) this.activate(source)
  }

  /** Clears every timer and watcher; no status promises a poll that will never come. */
  stop(sources: readonly Source[]): void {
    this.#started = false
    for (const source of sources) this.forget(source)
  }

  /** Starts polling and watching a source of a started service. */
  activate(source: Source): void {
    if (!this.#started) return
    this.#restartWatching(source)
    this.#pollNow(source)
  }

  /** Stops the timer and watcher of a source (stopped service, or removed source). */
  forget(source: Source): void {
    source.clearPollTimer()
    source.stopWatching()
    if (source.state.nextSync !== null && this.#options.isRegistered(source)) source.dispatch({ type: 'pollScheduled', at: null })
  }

  /**
   * `updateSource`: runs `update` (the config's dispatch), watches the new location, and reschedules,
   * in one status change; polls at once, after it, when the location moved or the source was just enabled.
   */
  configChanged(source: Source, change: { locationChanged: boolean; becameEnabled: boolean }, update: () => void): void {
    const pollNow = source.batch(() => {
      update()
      if (!this.#started) return false
      this.#restartWatching(source)
      if (source.inFlight) {
        // The running sync loaded the old location: load the new one as soon as it ends. Otherwise it
        // reschedules itself with the new config when it ends.
        if (change.locationChanged) source.resyncRequested = true
        return false
      }
      if (change.locationChanged || change.becameEnabled) return true
      this.schedule(source)
      return false
    })
    if (pollNow) this.#pollNow(source)
  }

  /** A sync is starting: it replaces the pending poll; the next one is scheduled from its end. */
  syncStarting(source: Source): void {
    source.clearPollTimer()
  }

  /** A sync ended (call inside the batch of its last dispatch): the next poll, and the resync a watch event asked for. */
  syncEnded(source: Source): void {
    this.schedule(source)
    if (source.resyncRequested) {
      source.resyncRequested = false
      // Deferred so this sync's promise settles (and leaves inFlight) before the next one starts.
      queueMicrotask(() => this.#onWatchedChange(source))
    }
  }

  /** Schedules the next poll of a source from now, if polling applies to it. */
  schedule(source: Source): void {
    if (!this.#isPolled(source)) {
      this.forget(source)
      return
    }
    const delayMs = nextPollDelay(source.state, this.#options.maxPollBackoff)
    source.dispatch({ type: 'pollScheduled', at: new Date(this.#options.clock.now() + delayMs) })
    source.setPollTimer(delayMs, () => this.#pollNow(source))
  }

  #restartWatching(source: Source): void {
    source.stopWatching()
    const { watcher } = this.#options
    if (!watcher || !this.#isPolled(source)) return
    source.setWatcher(watcher.watch(source.state.config, () => this.#onWatchedChange(source)))
  }

  #onWatchedChange(source: Source): void {
    if (!this.#isPolled(source)) return
    if (source.inFlight) {
      source.resyncRequested = true
      return
    }
    this.#options.sync(source, 'watch')
  }

  #pollNow(source: Source): void {
    if (this.#isPolled(source)) this.#options.sync(source, 'poll')
  }

  #isPolled(source: Source): boolean {
    const { enabled, refreshInterval } = source.state.config
    return this.#started && enabled && refreshInterval > 0 && this.#options.isRegistered(source)
  }
}

/**
 * The wait before the next poll: the interval, doubled per failure in a row up to `maxPollBackoff`;
 * after a failure whose server said when to come back (`Retry-After`), not sooner than that, within
 * the same cap.
 */
export function nextPollDelay(state: SourceState, maxPollBackoff: number): number {
  const { refreshInterval } = state.config
  const backoff = pollDelay(refreshInterval, state.consecutiveFailures, maxPollBackoff)
  const asked = state.status === 'failed' && isHttpError(state.error) ? state.error.retryAfterMs : undefined
  if (asked === undefined) return backoff
  return Math.max(backoff, Math.min(asked, Math.max(refreshInterval, maxPollBackoff)))
}
