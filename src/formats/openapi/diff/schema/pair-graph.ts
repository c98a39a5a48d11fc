import type { Direction, LocalComparison } from './types.js'

/** A component pair comparison plus the pair numbers of its edges, computed once. */
export interface PairComparison extends LocalComparison {
  edgePairs: number[]
}

/** A component pair with findings, reachable from another pair, at the shortest path from it. */
export interface ReachedPair {
  pair: number
  hops: number
  path: string[]
}

/**
 * The graph of numbered `(before, after)` component pairs, as the walks over it see it
 * (`reachFindings`, `SchemaWalk`). `SchemaDiffer` implements it; the walks depend on this
 * interface only, so the differ can build them without the modules importing each other.
 */
export interface ComponentPairGraph {
  /** The number of a `(before, after)` component pair, allocated on first sight. */
  pairNumber(beforePointer: string, afterPointer: string): number
  /** Whether the pair's Merkle hashes prove it unchanged. */
  isUnchanged(pair: number): boolean
  /** A fresh visit stamp for one walk. */
  newStamp(): number
  /** Marks a pair visited under `stamp`; false when it already was. */
  visit(pair: number, stamp: number): boolean
  /** Two schemas of an operation compared up to the `$ref`s they contain (memoized). */
  compareRoot(before: unknown, after: unknown, direction: Direction): LocalComparison
  /** The memoized comparison of one component pair in one direction. */
  componentPair(pair: number, direction: Direction): PairComparison
  /** The pairs with findings reachable from a pair (memoized). */
  reachable(start: number, direction: Direction): ReachedPair[]
}
