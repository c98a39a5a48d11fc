/** Opaque handle returned by `Clock.setTimeout`. */
export type TimerHandle = unknown

/** The one timer seam of the library: inject a fake in tests or hosts with their own scheduling. */
export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}
