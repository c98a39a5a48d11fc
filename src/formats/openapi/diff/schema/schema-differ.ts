import type { ApiSnapshot, SchemaNode } from '../../../../model/snapshot.js'
import { compareNode } from './compare-node.js'
import type { ComponentPairGraph, PairComparison, ReachedPair } from './pair-graph.js'
import { reachFindings } from './reach-findings.js'
import { collectRefEdges } from './ref-edges.js'
import { sameJson } from './node.js'
import { SchemaWalk } from './schema-walk.js'
import type { ComparisonScope } from './scope.js'
import type { Direction, LocalComparison, SchemaEdge, SchemaFinding } from './types.js'

type SchemaSource = Pick<ApiSnapshot, 'schemas' | 'schemaHashes'>

/** Counters that show the differ's work, for tests and benchmarks. */
export interface SchemaDiffStats {
  /** Component pairs compared keyword by keyword (each `(before, after, direction)` at most once). */
  componentComparisons: number
  /** Distinct component pairs found unchanged by their Merkle hashes (never compared). */
  unchangedPairs: number
}

/**
 * Compares schemas of two snapshots. Each `(before, after, direction)` component pair is
 * compared at most once and the result memoized; pairs whose Merkle hashes are equal are never
 * compared. For each pair an operation starts from, the pairs with findings it reaches are
 * found once, breadth-first (shortest paths, reference cycles visited once), and memoized too,
 * so each operation only merges a few short lists: a change deep inside a shared schema is
 * found once and attributed to every operation that reaches it without walking anything twice.
 * Pairs are numbered so the walks touch no strings.
 */
export class SchemaDiffer implements ComponentPairGraph {
  readonly stats: SchemaDiffStats = { componentComparisons: 0, unchangedPairs: 0 }
  readonly #pairNumbers = new Map<string, Map<string, number>>()
  readonly #pairs: Array<{ before: string; after: string; unchanged: boolean }> = []
  readonly #memo: Record<Direction, Map<number, PairComparison>> = { request: new Map(), response: new Map() }
  readonly #reachable: Record<Direction, Map<number, ReachedPair[]>> = { request: new Map(), response: new Map() }
  readonly #roots: Record<Direction, WeakMap<object, WeakMap<object, LocalComparison>>> = { request: new WeakMap(), response: new WeakMap() }
  /** Visit marks of the reachability walks, one stamp per walk: cheaper than a Set per walk. */
  #visits = new Int32Array(1024)
  #lastStamp = 0

  constructor(
    private readonly before: SchemaSource,
    private readonly after: SchemaSource,
  ) {}

  /** The walk that compares an operation's schemas and the changed components they reach. */
  readonly walk: SchemaWalk = new SchemaWalk(this)

  /** The number of a `(before, after)` component pair, allocated on first sight. */
  pairNumber(beforePointer: string, afterPointer: string): number {
    // Two map levels: no key string to build for each of the many lookups.
    let byAfter = this.#pairNumbers.get(beforePointer)
    if (byAfter === undefined) {
      byAfter = new Map()
      this.#pairNumbers.set(beforePointer, byAfter)
    }
    let number = byAfter.get(afterPointer)
    if (number === undefined) {
      number = this.#pairs.length
      const beforeHash = this.before.schemaHashes?.[beforePointer]
      // Equal Merkle hashes prove nothing inside or below the two components differs.
      const unchanged = beforeHash !== undefined && beforeHash === this.after.schemaHashes?.[afterPointer]
      if (unchanged) this.stats.unchangedPairs++
      this.#pairs.push({ before: beforePointer, after: afterPointer, unchanged })
      byAfter.set(afterPointer, number)
    }
    return number
  }

  isUnchanged(pair: number): boolean {
    return this.#pairs[pair]!.unchanged
  }

  /** A fresh visit stamp for one walk. */
  newStamp(): number {
    return ++this.#lastStamp
  }

  /** Marks a pair visited under `stamp`; false when it already was. */
  visit(pair: number, stamp: number): boolean {
    if (pair >= this.#visits.length) {
      const grown = new Int32Array(Math.max(this.#visits.length * 2, pair + 1))
      grown.set(this.#visits)
      this.#visits = grown
    }
    if (this.#visits[pair] === stamp) return false
    this.#visits[pair] = stamp
    return true
  }

  /**
   * Compares two schemas of an operation up to the `$ref`s they contain, memoized by the two
   * schema objects: the normalizer shares one object per part wherever a `$ref`'d parameter,
   * response or body is used, so each distinct pair is compared once per diff.
   */
  compareRoot(before: unknown, after: unknown, direction: Direction): LocalComparison {
    if (!isObject(before) || !isObject(after)) return this.compareLocal(before, after, direction, undefined)
    let byAfter = this.#roots[direction].get(before)
    if (byAfter === undefined) {
      byAfter = new WeakMap()
      this.#roots[direction].set(before, byAfter)
    }
    let result = byAfter.get(after)
    if (result === undefined) {
      result = this.compareLocal(before, after, direction, undefined)
      byAfter.set(after, result)
    }
    return result
  }

  /** Compares two schemas up to the `$ref`s they contain. */
  compareLocal(before: unknown, after: unknown, direction: Direction, component: string | undefined): LocalComparison {
    const findings: SchemaFinding[] = []
    const edges: SchemaEdge[] = []
    // Most schemas met here are written the same on both sides and differ only below a `$ref`
    // (that is why their operation or component hash moved): collecting the refs is enough.
    if (sameJson(before, after)) {
      collectRefEdges(after, [], edges)
      return { findings, edges }
    }
    const scope: ComparisonScope = {
      direction,
      component,
      findings,
      edges,
      inlining: new Set(),
      resolve: (side, pointer) => this.#schema(side, pointer),
      compare: (left, right, path) => compareNode(left, right, path, scope),
    }
    compareNode(before, after, [], scope)
    return { findings, edges }
  }

  /** The memoized comparison of one component pair in one direction. */
  componentPair(pair: number, direction: Direction): PairComparison {
    const memo = this.#memo[direction]
    let result = memo.get(pair)
    if (result === undefined) {
      const { before, after } = this.#pairs[pair]!
      this.stats.componentComparisons++
      const local = this.compareLocal(this.#schema('before', before), this.#schema('after', after), direction, after)
      result = { ...local, edgePairs: local.edges.map((edge) => this.pairNumber(edge.before, edge.after)) }
      memo.set(pair, result)
    }
    return result
  }

  /** The pairs with findings reachable from a pair, memoized per direction: one walk per distinct start. */
  reachable(start: number, direction: Direction): ReachedPair[] {
    const memo = this.#reachable[direction]
    let reached = memo.get(start)
    if (reached === undefined) {
      reached = reachFindings(this, start, direction)
      memo.set(start, reached)
    }
    return reached
  }

  #schema(side: 'before' | 'after', pointer: string): SchemaNode | undefined {
    return (side === 'before' ? this.before : this.after).schemas[pointer]
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}
