import type { GraphqlTypeNode } from '../nodes.js'
import { namedTypeOf } from '../type-ref.js'
import { REACHED_AS_INPUT, REACHED_AS_OUTPUT, type Reach } from './reach.js'
import type { GraphqlSnapshotView } from './snapshot-view.js'

/**
 * The path a type was reached through, as a chain of steps back to the operation: each step
 * points at the one before, so reaching a type n steps deep costs one step, not a copy of the n
 * before it (a chain of 20,000 types otherwise copies 200 million segments). Spelled out with
 * `pathSegments` only for types that have changes to locate.
 */
export interface ReachPath {
  readonly parent: ReachPath | undefined
  /** Location segments this step adds: `['returnType']`, `['arguments', 'filter']`, `['User.posts']`. */
  readonly segments: readonly string[]
  /** Number of segments from the operation up to and including this step. */
  readonly length: number
}

/** A type an operation reaches, how, and the first path it was found through. */
export interface ReachedType {
  name: string
  reach: Reach
  path: ReachPath
}

/** The path's steps after `parent`. */
export function reachPath(parent: ReachPath | undefined, segments: readonly string[]): ReachPath {
  return { parent, segments, length: (parent?.length ?? 0) + segments.length }
}

/** Location segments up to the type: `['returnType', 'User.posts']`, `['arguments', 'filter']`. */
export function pathSegments(path: ReachPath, stats?: GraphqlDiffStats): string[] {
  const segments = new Array<string>(path.length)
  let end = path.length
  for (let step: ReachPath | undefined = path; step !== undefined; step = step.parent) {
    end -= step.segments.length
    for (let index = 0; index < step.segments.length; index++) segments[end + index] = step.segments[index]!
  }
  if (stats) stats.pathSegments += segments.length
  return segments
}

/** Counters that show the diff's work, for tests and benchmarks (issue 11, item 9: linear in the types reached). */
export interface GraphqlDiffStats {
  /** Changed types entered by the walks, summed over operations. */
  typeVisits: number
  /** Edges followed by the walks (each can enter a type or find it entered), summed over operations. */
  edgeSteps: number
  /** Location segments spelled out for types with changes. */
  pathSegments: number
}

interface Edge {
  /** How the step reads in a location: `User.posts`, `User.posts(first)`, `... on Issue`. */
  hop: readonly [string]
  target: string
  reach: Reach
}

/** A type's edges to changed types, as parallel arrays: the walks' inner loop reads nothing else. */
interface OutEdges {
  targets: Int32Array
  reaches: Uint8Array
  hops: ReadonlyArray<readonly [string]>
}

/** Type names numbered on first sight, so the walks index arrays instead of string-keyed maps. */
class TypeNumbers {
  readonly #numbers = new Map<string, number>()
  readonly names: string[] = []

  /** The name's number, if it has one. */
  find(name: string): number | undefined {
    return this.#numbers.get(name)
  }

  /** The name's number, given on first sight. */
  of(name: string): number {
    let number = this.#numbers.get(name)
    if (number === undefined) {
      number = this.names.length
      this.#numbers.set(name, number)
      this.names.push(name)
    }
    return number
  }
}

/**
 * Finds, for one operation, every changed type it reaches through elements present in both
 * versions. A type whose closure hash did not change is never entered (nothing below it changed),
 * and each type's outgoing steps are computed once per diff, shared by all operations. Types are
 * numbered and each walk marks the ones it entered with its own stamp: GitHub's schema makes a
 * modified operation reach ~600 changed types through ~2,700 edges, for each of ~250 operations.
 */
export function createTypeWalker(before: GraphqlSnapshotView, after: GraphqlSnapshotView, stats?: GraphqlDiffStats) {
  const numbers = new TypeNumbers()
  /** Per type number: the stamp of the walk that last entered it, its entry in that walk, its edges. */
  let stamps = new Int32Array(256)
  // Filled, never sparse: an array written at scattered indexes would fall back to a dictionary.
  let entries = new Array<ReachedType | undefined>(256).fill(undefined)
  let edgeCache = new Array<OutEdges | undefined>(256).fill(undefined)
  let lastStamp = 0
  /** Per type number: the ways any operation reached it (the union over the diff's walks). */
  let reachedEver = new Uint8Array(256)

  const changed = (name: string): boolean => {
    const old = before.typeHashes.get(name)
    const current = after.typeHashes.get(name)
    return old !== undefined && current !== undefined && old !== current
  }

  /** Room for type numbers below `count` in the per-type arrays. */
  const grow = (count: number): void => {
    if (count <= stamps.length) return
    const size = Math.max(stamps.length * 2, count)
    const grownStamps = new Int32Array(size)
    grownStamps.set(stamps)
    stamps = grownStamps
    entries = entries.concat(new Array<ReachedType | undefined>(size - entries.length).fill(undefined))
    edgeCache = edgeCache.concat(new Array<OutEdges | undefined>(size - edgeCache.length).fill(undefined))
    const grownReached = new Uint8Array(size)
    grownReached.set(reachedEver)
    reachedEver = grownReached
  }

  const edgesOf = (number: number): OutEdges => {
    let edges = edgeCache[number]
    if (edges === undefined) {
      const name = numbers.names[number]!
      const kept = sharedEdges(name, before.types.get(name)!, after.types.get(name)!, before, after).filter((edge) => changed(edge.target))
      edges = {
        targets: Int32Array.from(kept, (edge) => numbers.of(edge.target)),
        reaches: Uint8Array.from(kept, (edge) => edge.reach),
        hops: kept.map((edge) => edge.hop),
      }
      grow(numbers.names.length)
      edgeCache[number] = edges
    }
    return edges
  }

  /** Walks from one start, by the start's type, way of reaching and path: many root fields return the same type. */
  const walksFromOneStart = new Map<string, ReachedType[]>()

  /**
   * Every changed type the operation reaches, breadth-first from its return type and arguments,
   * so each path is a shortest one. The result is shared (read-only): an operation with a single
   * changed start reuses the walk of an earlier one with the same start.
   */
  function reachedTypes(starts: readonly ReachedType[]): readonly ReachedType[] {
    const live = starts.filter((start) => changed(start.name))
    if (live.length !== 1) return walk(live)
    const start = live[0]!
    const key = JSON.stringify([start.name, start.reach, pathSegments(start.path)])
    let reached = walksFromOneStart.get(key)
    if (reached === undefined) {
      reached = walk(live)
      walksFromOneStart.set(key, reached)
    }
    return reached
  }

  function walk(starts: readonly ReachedType[]): ReachedType[] {
    const stamp = ++lastStamp
    const queue: ReachedType[] = []
    const queued: number[] = []
    // Edges lead only to changed types (see edgesOf); the starts were filtered by the caller.
    for (const start of starts) {
      const number = numbers.of(start.name)
      grow(number + 1)
      if (stamps[number] === stamp) {
        entries[number]!.reach |= start.reach
        continue
      }
      stamps[number] = stamp
      const entry: ReachedType = { name: start.name, reach: start.reach, path: start.path }
      entries[number] = entry
      queue.push(entry)
      queued.push(number)
    }
    for (let index = 0; index < queue.length; index++) {
      const current = queue[index]!
      const { targets, reaches, hops } = edgesOf(queued[index]!)
      if (stats) stats.edgeSteps += targets.length
      for (let edge = 0; edge < targets.length; edge++) {
        const target = targets[edge]!
        if (stamps[target] === stamp) {
          entries[target]!.reach |= reaches[edge]!
          continue
        }
        stamps[target] = stamp
        const entry: ReachedType = { name: numbers.names[target]!, reach: reaches[edge]!, path: reachPath(current.path, hops[edge]!) }
        entries[target] = entry
        queue.push(entry)
        queued.push(target)
      }
    }
    for (let index = 0; index < queue.length; index++) reachedEver[queued[index]!]! |= queue[index]!.reach
    if (stats) stats.typeVisits += queue.length
    return queue
  }

  /** Whether some walk reached the type. */
  const reachedByAnyOperation = (name: string): boolean => {
    const number = numbers.find(name)
    return number !== undefined && reachedEver[number] !== 0
  }

  return { changed, reachedTypes, reachedByAnyOperation }
}

/** Steps out of a type through fields, arguments, members and interfaces that both versions share unchanged in name. */
function sharedEdges(name: string, before: GraphqlTypeNode, after: GraphqlTypeNode, beforeView: GraphqlSnapshotView, afterView: GraphqlSnapshotView): Edge[] {
  const edges: Edge[] = []
  if (before.kind !== after.kind) return edges
  const possibleTypes = (members: readonly string[], previous: readonly string[]) => {
    const kept = new Set(previous)
    for (const member of members) if (kept.has(member)) edges.push({ hop: [`... on ${member}`], target: member, reach: REACHED_AS_OUTPUT })
  }
  if ((after.kind === 'OBJECT' || after.kind === 'INTERFACE') && (before.kind === 'OBJECT' || before.kind === 'INTERFACE')) {
    const oldFields = new Map(before.fields.map((field) => [field.name, field]))
    for (const field of after.fields) {
      const old = oldFields.get(field.name)
      if (old === undefined) continue
      const target = namedTypeOf(field.type)
      if (target === namedTypeOf(old.type)) edges.push({ hop: [`${name}.${field.name}`], target, reach: REACHED_AS_OUTPUT })
      const oldArgs = new Map(old.args.map((arg) => [arg.name, arg]))
      for (const arg of field.args) {
        const oldArg = oldArgs.get(arg.name)
        const argTarget = namedTypeOf(arg.type)
        if (oldArg !== undefined && argTarget === namedTypeOf(oldArg.type)) {
          edges.push({ hop: [`${name}.${field.name}(${arg.name})`], target: argTarget, reach: REACHED_AS_INPUT })
        }
      }
    }
    possibleTypes(after.interfaces, before.interfaces)
    if (after.kind === 'INTERFACE') possibleTypes(afterView.implementations.get(name) ?? [], beforeView.implementations.get(name) ?? [])
  } else if (after.kind === 'UNION' && before.kind === 'UNION') {
    possibleTypes(after.members, before.members)
  } else if (after.kind === 'INPUT_OBJECT' && before.kind === 'INPUT_OBJECT') {
    const oldFields = new Map(before.fields.map((field) => [field.name, field]))
    for (const field of after.fields) {
      const old = oldFields.get(field.name)
      const target = namedTypeOf(field.type)
      if (old !== undefined && target === namedTypeOf(old.type)) edges.push({ hop: [`${name}.${field.name}`], target, reach: REACHED_AS_INPUT })
    }
  }
  return edges
}
