import type { ComponentPairGraph, ReachedPair } from './pair-graph.js'
import type { Direction } from './types.js'

/** A component pair waiting in the breadth-first walk; its full path is rebuilt only when it has findings. */
interface QueuedPair {
  pair: number
  hops: number
  /** Path from the parent's schema to the `$ref` that led here (shared, never copied). */
  step: string[]
  parent: QueuedPair | undefined
}

/** The steps from the start to `queued`, in one array filled from its end (no intermediate lists). */
function fullPath(queued: QueuedPair): string[] {
  let length = 0
  for (let current: QueuedPair | undefined = queued; current !== undefined; current = current.parent) length += current.step.length
  const path = new Array<string>(length)
  for (let current: QueuedPair | undefined = queued; current !== undefined; current = current.parent) {
    for (let index = current.step.length - 1; index >= 0; index--) path[--length] = current.step[index]!
  }
  return path
}

/**
 * Every pair with findings reachable from `start` (itself included), breadth-first so each is
 * found at its shortest path. Unchanged pairs are not entered.
 */
export function reachFindings(differ: ComponentPairGraph, start: number, direction: Direction): ReachedPair[] {
  const reached: ReachedPair[] = []
  const stamp = differ.newStamp()
  differ.visit(start, stamp)
  const queue: QueuedPair[] = [{ pair: start, hops: 0, step: [], parent: undefined }]
  for (let index = 0; index < queue.length; index++) {
    const queued = queue[index]!
    const local = differ.componentPair(queued.pair, direction)
    if (local.findings.length > 0) reached.push({ pair: queued.pair, hops: queued.hops, path: fullPath(queued) })
    for (let edge = 0; edge < local.edges.length; edge++) {
      const pair = local.edgePairs[edge]!
      // Marked when queued: breadth-first order makes the first path the shortest.
      if (differ.visit(pair, stamp) && !differ.isUnchanged(pair)) {
        queue.push({ pair, hops: queued.hops + 1, step: local.edges[edge]!.path, parent: queued })
      }
    }
  }
  return reached
}
