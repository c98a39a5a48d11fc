import type { SchemaDiffer } from './schema-differ.js'
import type { Direction, SchemaFinding } from './types.js'

/**
 * The schema comparisons of one operation. Each component pair's findings are reported once
 * per operation and direction, at the shortest path from the schemas compared first.
 */
export class SchemaWalk {
  readonly #reported: Record<Direction, Set<number>> = { request: new Set(), response: new Set() }

  constructor(private readonly differ: SchemaDiffer) {}

  /**
   * Compares two schemas of the operation and every changed component they reach. Paths in the
   * findings are relative to the two schemas given.
   */
  compare(before: unknown, after: unknown, direction: Direction): SchemaFinding[] {
    const root = this.differ.compareLocal(before, after, direction, undefined)
    const findings = [...root.findings]
    const reported = this.#reported[direction]
    const best = new Map<number, { hops: number; prefix: string[]; path: string[] }>()
    for (const edge of root.edges) {
      const start = this.differ.pairNumber(edge.before, edge.after)
      if (this.differ.isUnchanged(start)) continue
      for (const reached of this.differ.reachable(start, direction)) {
        if (reported.has(reached.pair)) continue
        const current = best.get(reached.pair)
        if (current === undefined || reached.hops < current.hops) best.set(reached.pair, { hops: reached.hops, prefix: edge.path, path: reached.path })
      }
    }
    for (const [pair, { prefix, path }] of best) {
      reported.add(pair)
      for (const finding of this.differ.componentPair(pair, direction).findings) {
        findings.push({ ...finding, path: [...prefix, ...path, ...finding.path] })
      }
    }
    return findings
  }
}
