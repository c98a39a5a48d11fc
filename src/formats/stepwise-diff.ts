import type { ChangeSet, DiffOptions } from '../model/change.js'
import type { ApiSnapshot } from '../model/snapshot.js'
import { runSteps, runStepsInSlices, type Steps } from '../runtime/steps.js'
import type { TimeSlice } from '../runtime/yield.js'
import type { SpecFormat } from './types.js'

/** A diff written in steps: a generator that yields between them and returns the change set. */
export type DiffSteps = (before: ApiSnapshot, after: ApiSnapshot, options?: DiffOptions) => Steps<ChangeSet>

/** The steps behind each `diff` made by `stepwiseDiff`, found by the function itself. */
const stepsOfDiff = new WeakMap<SpecFormat['diff'], DiffSteps>()

/**
 * A format's `diff` that runs `steps` at once; `diffInSlices` runs the same steps in time slices.
 * The steps are found through the `diff` function itself, so a host's copy of a format with its
 * own `diff` (`{ ...openapiFormat, diff }`) is still diffed by that `diff`.
 */
export function stepwiseDiff(steps: DiffSteps): SpecFormat['diff'] {
  const diff: SpecFormat['diff'] = (before, after, options) => runSteps(steps(before, after, options))
  stepsOfDiff.set(diff, steps)
  return diff
}

/**
 * Diffs two snapshots with `format`, letting the event loop turn between the diff's steps whenever
 * `slice`'s budget is used up (issue 11, item 9: a diff of two large documents must not block the
 * host in one piece). A `diff` not made by `stepwiseDiff` runs in one piece.
 */
export async function diffInSlices(format: SpecFormat, before: ApiSnapshot, after: ApiSnapshot, slice: TimeSlice, options?: DiffOptions): Promise<ChangeSet> {
  const steps = stepsOfDiff.get(format.diff)
  if (steps === undefined) return format.diff(before, after, options)
  return runStepsInSlices(steps(before, after, options), slice)
}
