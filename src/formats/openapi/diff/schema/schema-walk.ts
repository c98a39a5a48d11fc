import type { ComponentPairGraph, ReachedPair } from './pair-graph.js'
import type { Direction, SchemaEdge, SchemaFinding } from './types.js'

/**
 * Findings of one comparison that share where they sit: each finding's path, relative to the
 * two schemas compared, is `prefix + path + finding.path`. Groups keep the findings they come
 * from as they are (memoized per component pair): reaching a shared component from one more
 * operation copies nothing.
 */
export interface FindingGroup {
  /** Component pair the findings were made in; undefined for the findings of the schemas compared themselves. */
  pair: number | undefined
  /** Path from the compared schema to the `$ref` the walk went through. */
  prefix: readonly string[]
  /** Path from that `$ref`'s component to the component the findings were made in. */
  path: readonly string[]
  findings: readonly SchemaFinding[]
}

/**
 * The schema comparisons of one operation: the findings of the schemas compared, and those of
 * each changed component pair they reach, at the shortest path from them.
 */
export class SchemaWalk {
  /**
   * Groups of schemas that are one `$ref` and nothing else to compare (the common case: most
   * bodies and responses), by direction, pair and path to the `$ref`: shared by every operation
   * that reaches the same component there.
   */
  readonly #loneRefGroups: Record<Direction, Map<number, Map<string, FindingGroup[]>>> = { request: new Map(), response: new Map() }

  constructor(private readonly differ: ComponentPairGraph) {}

  /**
   * Compares two schemas of the operation and every changed component they reach: the findings
   * of the two schemas first, then those of each component reached, in the order first reached.
   * The result is read-only (it may be shared).
   */
  compare(before: unknown, after: unknown, direction: Direction): readonly FindingGroup[] {
    const root = this.differ.compareRoot(before, after, direction)
    if (root.findings.length === 0 && root.edges.length === 1) return this.#loneRef(root.edges[0]!, direction)
    const groups: FindingGroup[] = root.findings.length > 0 ? [{ pair: undefined, prefix: [], path: [], findings: root.findings }] : []
    const best = new Map<number, { prefix: string[]; step: ReachedPair }>()
    for (const edge of root.edges) {
      const start = this.differ.pairNumber(edge.before, edge.after)
      if (this.differ.isUnchanged(start)) continue
      for (const reached of this.differ.reachable(start, direction)) {
        const current = best.get(reached.pair)
        if (current === undefined || reached.hops < current.step.hops) best.set(reached.pair, { prefix: edge.path, step: reached })
      }
    }
    for (const [pair, { prefix, step }] of best) {
      const { findings } = this.differ.componentPair(pair, direction)
      if (findings.length > 0) groups.push({ pair, prefix, path: step.path, findings })
    }
    return groups
  }

  /** The groups of a schema whose only difference can be below its one `$ref` (memoized). */
  #loneRef(edge: SchemaEdge, direction: Direction): readonly FindingGroup[] {
    const start = this.differ.pairNumber(edge.before, edge.after)
    if (this.differ.isUnchanged(start)) return []
    let byPath = this.#loneRefGroups[direction].get(start)
    if (byPath === undefined) {
      byPath = new Map()
      this.#loneRefGroups[direction].set(start, byPath)
    }
    const pathKey = edge.path.join('\u0000')
    let groups = byPath.get(pathKey)
    if (groups === undefined) {
      groups = []
      for (const reached of this.differ.reachable(start, direction)) {
        const { findings } = this.differ.componentPair(reached.pair, direction)
        if (findings.length > 0) groups.push({ pair: reached.pair, prefix: edge.path, path: reached.path, findings })
      }
      byPath.set(pathKey, groups)
    }
    return groups
  }
}
