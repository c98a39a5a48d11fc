import type { Clock, TimerHandle } from './clock.js'

/** One pending poll timer per source, all owned here so `cancelAll` leaves none behind. */
export class PollScheduler {
  readonly #clock: Clock
  readonly #timers = new Map<string, TimerHandle>()

  constructor(clock: Clock) {
    this.#clock = clock
  }

  /** Replaces any pending poll of `sourceId` with one that runs `task` after `delayMs`. */
  schedule(sourceId: string, delayMs: number, task: () => void): void {
    this.cancel(sourceId)
    const handle = this.#clock.setTimeout(() => {
      this.#timers.delete(sourceId)
      task()
    }, delayMs)
    this.#timers.set(sourceId, handle)
  }

  cancel(sourceId: string): void {
    const handle = this.#timers.get(sourceId)
    if (handle === undefined) return
    this.#clock.clearTimeout(handle)
    this.#timers.delete(sourceId)
  }

  cancelAll(): void {
    for (const handle of this.#timers.values()) this.#clock.clearTimeout(handle)
    this.#timers.clear()
  }

  get pending(): number {
    return this.#timers.size
  }
}
