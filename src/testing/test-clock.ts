import type { Clock, TimerHandle } from '../model/clock.js'
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
   * starts settle (a few event-loop turns and milliseconds without a call into the clock) before the
   * next one. Work on other threads (the service hashes documents with Web Crypto) may outlast that
   * short wait on a busy machine: to wait for an outcome, use {@link TestClock.runUntil} with the
   * sync's promise or `nextEvent(...)`, which waits as long as the outcome takes.
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

/**
 * How long the event loop must stay quiet (no call into the clock) before the work a timer started
 * counts as settled: some turns, and some real time, because work such as a Web Crypto digest runs
 * on another thread and comes back after an unknown number of turns.
 */
const QUIET_TURNS = 10
const QUIET_MS = 5
/** Quiet spells (of {@link QUIET_TURNS} turns each) a `runUntil` waits, with no timer left, before it calls the promise stuck. */
const STUCK_SETTLES = 100
const DEFAULT_START = Date.UTC(2025, 0, 1)

/** Real elapsed ms (vitest's fake timers leave `performance` alone; jest's may freeze it). */
function realNow(): number {
  return globalThis.performance?.now() ?? 0
}
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

  /** Yields until the event loop has been quiet (no clock call) for {@link QUIET_TURNS} turns and {@link QUIET_MS}. */
  const settle = async (): Promise<void> => {
    let quietTurns = 0
    let quietSince = realNow()
    while (quietTurns < QUIET_TURNS || realNow() - quietSince < QUIET_MS) {
      const before = activity
      await nextTurn()
      if (activity === before) {
        quietTurns++
      } else {
        quietTurns = 0
        quietSince = realNow()
      }
      // Fake timers that also fake `performance` freeze it: fall back to counting turns.
      if (quietTurns >= QUIET_TURNS * 20) break
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
