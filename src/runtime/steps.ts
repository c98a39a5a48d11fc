import type { TimeSlice } from './yield.js'

/**
 * Long synchronous work written as a generator that yields between its steps (one operation pair
 * of a diff, ...) and returns its result. The same code then runs at once (`runSteps`) or spread
 * over turns of the event loop (`runStepsInSlices`): a diff of two large documents need not block
 * a host's timers, requests and UI in one piece (issue 11, item 9).
 */
export type Steps<T> = Generator<void, T, undefined>

/** Runs every step at once and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next()
    if (step.done === true) return step.value
  }
}

/** Runs the steps, letting the event loop turn whenever `slice`'s budget is used up. */
export async function runStepsInSlices<T>(steps: Steps<T>, slice: TimeSlice): Promise<T> {
  for (;;) {
    const step = steps.next()
    if (step.done === true) return step.value
    if (slice.due()) await slice.yield()
  }
}
