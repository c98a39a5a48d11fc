import type { Clock, TimerHandle } from '../runtime/clock.js'
import { nextTurn } from './next-turn.js'

/** Options of {@link createTestClock}. */
export interface TestClockOptions {
  /** The time the clock starts at. @default 2025-01-01T00:00:00.000Z, so dates in a test never vary */
  readonly start?: Date | number | undefined
}

/**
 * A clock whose time moves only when the test says so. Give it to the service (`clock`) and, through
 * the service, to a fake source's `delay`; it works the same with vitest or jest fake timers
 * installed or with none, because it never uses the global timers.
 */
export interface TestClock extends Clock {
  /**
   * Moves time forward by `ms`, running each timer that falls due, in order, and letting the work it
   * starts settle before the next one: a sync started by a poll finishes before the following poll.
   */
  advance(ms: number): Promise<void>
  /**
   * Moves time forward from timer to timer until `promise` settles, then settles the same way:
   * `await clock.runUntil(service.syncSource('pets'))` waits out retries and delays without
   * knowing their lengths. Rejects with a clear error if the promise waits on something no timer
   * will ever end (a `hang` not released), or if more than `limitMs` of clock time would pass.
   */
  runUntil<T>(promise: Promise<T>, options?: { limitMs?: number }): Promise<T>
  /** Timers scheduled and not yet run or cleared. */
  readonly pendingTimers: number
}

interface Timer {
  readonly due: number
  readonly order: number
  readonly callback: () => void
}

/** Turns without any clock activity after which the work a timer started counts as settled. */
const QUIET_TURNS = 10
/** Quiet spells (of {@link QUIET_TURNS} turns each) a `runUntil` waits, with no timer left, before it calls the promise stuck. */
const STUCK_SETTLES = 200
const DEFAULT_START = Date.UTC(2025, 0, 1)
const DEFAULT_RUN_LIMIT_MS = 24 * 60 * 60 * 1000

/**
 * A {@link TestClock}.
 *
 * @example
 * const clock = createTestClock()
 * const service = new LiveSyncService({ loader: source, clock })
 * const result = await clock.runUntil(service.syncSource('pets')) // retries wait on the clock, not the wall
 */
export function createTestClock(options: TestClockOptions = {}): TestClock {
  let now = options.start === undefined ? DEFAULT_START : Number(options.start)
  if (!Number.isFinite(now)) throw new TypeError(`createTestClock: start must be a valid date or a number of ms, got ${String(options.start)}`)
  const timers = new Map<object, Timer>()
  let order = 0
  // Bumped by every call into the clock: the service touching its clock means work is still going on.
  let activity = 0

  const nextDue = (): [object, Timer] | undefined => {
    let next: [object, Timer] | undefined
    for (const entry of timers) {
      if (next === undefined || entry[1].due < next[1].due || (entry[1].due === next[1].due && entry[1].order < next[1].order)) next = entry
    }
    return next
  }

  /** Yields until the event loop has been quiet (no clock call) for {@link QUIET_TURNS} turns. */
  const settle = async (): Promise<void> => {
    let quiet = 0
    while (quiet < QUIET_TURNS) {
      const before = activity
      await nextTurn()
      quiet = activity === before ? quiet + 1 : 0
    }
  }

  const runTimer = ([handle, timer]: [object, Timer]): void => {
    timers.delete(handle)
    now = Math.max(now, timer.due)
    timer.callback()
  }

  return {
    now() {
      activity++
      return now
    },
    setTimeout(callback: () => void, ms: number): TimerHandle {
      activity++
      const handle = {}
      const delay = Number.isFinite(ms) && ms > 0 ? ms : 0
      timers.set(handle, { due: now + delay, order: order++, callback })
      return handle
    },
    clearTimeout(handle: TimerHandle) {
      activity++
      if (typeof handle === 'object' && handle !== null) timers.delete(handle)
    },
    get pendingTimers() {
      return timers.size
    },
    async advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance: ms must be a finite number >= 0, got ${ms}`)
      const target = now + ms
      await settle()
      for (let next = nextDue(); next !== undefined && next[1].due <= target; next = nextDue()) {
        runTimer(next)
        await settle()
      }
      now = target
    },
    async runUntil<T>(promise: Promise<T>, runOptions: { limitMs?: number } = {}): Promise<T> {
      const limit = now + (runOptions.limitMs ?? DEFAULT_RUN_LIMIT_MS)
      let settled = false
      const watched = promise.then(
        (value) => {
          settled = true
          return value
        },
        (error: unknown) => {
          settled = true
          throw error
        },
      )
      watched.catch(() => {}) // awaited below; this only keeps it from counting as unhandled meanwhile
      let idleTurns = 0
      for (;;) {
        await settle()
        if (settled) return watched
        const next = nextDue()
        if (next === undefined) {
          if (++idleTurns >= STUCK_SETTLES) {
            throw new Error(
              'clock.runUntil: the promise is still pending and no timer is scheduled on this clock: it waits on something ' +
                'time does not end (a hang() not released, or a loader or service not using this clock)',
            )
          }
          continue
        }
        idleTurns = 0
        if (next[1].due > limit) {
          throw new Error(`clock.runUntil: the promise is still pending after ${runOptions.limitMs ?? DEFAULT_RUN_LIMIT_MS} ms of clock time`)
        }
        runTimer(next)
      }
    },
  }
}
