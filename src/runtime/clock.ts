import type { Clock, TimerHandle } from '../model/clock.js'


/**
 * Longest delay a platform timer keeps (2^31-1 ms, about 24.8 days). Node and browsers fire a
 * longer one after 1 ms instead (issue 11, item 6): every wait longer than this is chained.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1

/** Reads the globals at call time so vitest fake timers (installed after import) still drive it. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

const chainedClocks = new WeakSet<Clock>()

/** The handle of a chained wait: the timer of the current link, replaced as the chain advances. */
interface ChainedTimer {
  current: TimerHandle
}

/**
 * A clock over `clock` whose waits may be of any length: a delay above {@link MAX_TIMER_DELAY_MS}
 * runs as a chain of shorter timers (an infinite one never fires; NaN or a negative one fires at
 * once, as with the platform's timers). The service wraps every clock it is given with this, so
 * no path (refresh interval, back-off, Retry-After, timeout) can overflow a timer.
 */
export function withLongTimers(clock: Clock): Clock {
  if (chainedClocks.has(clock)) return clock
  const chained: Clock = {
    now: () => clock.now(),
    setTimeout(callback, ms) {
      const timer: ChainedTimer = { current: undefined }
      let remaining = Number.isNaN(ms) ? 0 : Math.max(0, ms)
      const link = (): void => {
        const step = Math.min(remaining, MAX_TIMER_DELAY_MS)
        remaining -= step
        timer.current = clock.setTimeout(remaining > 0 ? link : callback, step)
      }
      link()
      return timer
    },
    clearTimeout(handle) {
      clock.clearTimeout((handle as ChainedTimer | undefined)?.current)
    },
  }
  chainedClocks.add(chained)
  return chained
}
