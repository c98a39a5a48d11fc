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

/**
 * Finds, for one operation, every changed type it reaches through elements present in both
 * versions. A type whose closure hash did not change is never entered (nothing below it changed),
 * and each type's outgoing steps are computed once per diff, shared by all operations.
 */
export function createTypeWalker(before: GraphqlSnapshotView, after: GraphqlSnapshotView, stats?: GraphqlDiffStats) {
  const edgeCache = new Map<string, Edge[]>()

  const changed = (name: string): boolean => {
    const old = before.typeHashes.get(name)
    const current = after.typeHashes.get(name)
    return old !== undefined && current !== undefined && old !== current
  }

  const edgesOf = (name: string): Edge[] => {
    let edges = edgeCache.get(name)
    if (edges === undefined) {
      edges = sharedEdges(name, before.types.get(name)!, after.types.get(name)!, before, after).filter((edge) => changed(edge.target))
      edgeCache.set(name, edges)
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
    const reached = new Map<string, ReachedType>()
    const queue: ReachedType[] = []
    const visit = (name: string, reach: Reach, parent: ReachPath | undefined, segments: readonly string[]) => {
      const seen = reached.get(name)
      if (seen) {
        seen.reach |= reach
        return
      }
      const entry = { name, reach, path: reachPath(parent, segments) }
      reached.set(name, entry)
      queue.push(entry)
    }
    // Edges lead only to changed types (see edgesOf); the starts were filtered by the caller.
    for (const start of starts) visit(start.name, start.reach, start.path.parent, start.path.segments)
    for (let index = 0; index < queue.length; index++) {
      const current = queue[index]!
      const edges = edgesOf(current.name)
      if (stats) stats.edgeSteps += edges.length
      for (const edge of edges) visit(edge.target, edge.reach, current.path, edge.hop)
    }
    if (stats) stats.typeVisits += queue.length
    return queue
  }

  return { changed, reachedTypes }
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
