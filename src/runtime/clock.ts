/** Opaque handle returned by `Clock.setTimeout`. */
export type TimerHandle = unknown

/** The one timer seam of the library: inject a fake in tests or hosts with their own scheduling. */
export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

/** Reads the globals at call time so vitest fake timers (installed after import) still drive it. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}
