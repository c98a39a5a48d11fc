/**
 * Cooperative yielding for long synchronous work (issue 11, item 9): a sync of a 15 MB document must
 * not block a host's event loop (its timers, requests, UI) for seconds in one piece. Browser-safe.
 */

/** Real time a piece of work may run before it lets the event loop turn. */
export const YIELD_BUDGET_MS = 25

interface SchedulerWithYield {
  yield(): Promise<void>
}

/**
 * Resolves on a later turn of the event loop, after pending I/O and timers had their chance:
 * `scheduler.yield()` where the platform has it, else a `MessageChannel` message (never clamped like
 * nested `setTimeout`, and not faked by test timers), else `setTimeout(0)`.
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  if (typeof globalThis.MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        channel.port1.close()
        resolve()
      }
      channel.port2.postMessage(undefined)
    })
  }
  return new Promise((resolve) => globalThis.setTimeout(resolve, 0))
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now()
}

/**
 * Measures one piece of long work and yields once it has run {@link YIELD_BUDGET_MS} since it last
 * did. Short work never yields (no cost, no reordering); long work turns into slices.
 *
 * @example const slice = new TimeSlice(); for (const item of items) { if (slice.due()) await slice.yield(); work(item) }
 */
export class TimeSlice {
  #since = now()

  /**
   * @param signal - Aborts the work at its next turn: `yield()` then rejects with the signal's
   * reason, so a cancelled sync of a large document stops within one slice instead of running on.
   */
  constructor(readonly signal?: AbortSignal) {}

  /** Whether the budget is used up: check it in a loop, it is cheap. */
  due(): boolean {
    return now() - this.#since >= YIELD_BUDGET_MS
  }

  /** Lets the event loop turn and starts a new slice; rejects with the signal's reason once it has aborted. */
  async yield(): Promise<void> {
    await yieldToEventLoop()
    this.signal?.throwIfAborted()
    this.#since = now()
  }

  /** Yields when the budget is used up. */
  async yieldIfDue(): Promise<void> {
    if (this.due()) await this.yield()
  }
}
