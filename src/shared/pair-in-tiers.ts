/**
 * The one pairing algorithm for operations across two versions (issue 10, move 2): the diff pairs
 * snapshot operations with it (OpenAPI, GraphQL, Postman) and the collection merge pairs generated
 * requests with it. Tiers run strongest first; each pairs only what the tiers before it left, so
 * a weaker signal never overrides a stronger one. Callers choose tiers from the same few kinds
 * (`diff/match-operations.ts` and `collections/match-requests.ts`).
 */

/** How a pair was found. */
export type PairedBy =
  /** The same canonical identity (`shared/operation-identity.ts`). */
  | 'identity'
  /** The same full URL, the path now written under another base path. */
  | 'rebased'
  /** The same unique operationId at another path or method: the operation moved. */
  | 'operationId'
  /** A move the caller was told of (the diff's `ChangeSet.renamed`, handed to the merge). */
  | 'renamed'
  /** The same method and path shape, told apart among twins by the tier's `same` rules. */
  | 'shape'
  /** The same generated name in the same folder, unique on each side: only the key changed. */
  | 'signature'

export interface PairingTier<T> {
  by: PairedBy
  /** What an item is found by in this tier; `undefined` keeps it out of the tier. */
  key: (item: T, side: 'before' | 'after') => string | undefined
  /**
   * `unique`: a key pairs only when it names exactly one item on each side (counted among the
   * unpaired items, or among all of them with `scope: 'all'`, so a duplicate never pairs).
   * `group`: items sharing a key pair by the `same` rules, strongest first, then by `rest`.
   */
  match: 'unique' | 'group'
  scope?: 'unpaired' | 'all'
  same?: ReadonlyArray<(before: T, after: T) => boolean>
  /** `in-order` (default): what the rules left pairs in document order; `last-one`: only when one is left on each side. */
  rest?: 'in-order' | 'last-one'
}

export interface TieredPair<T> {
  before: T
  after: T
  by: PairedBy
}

export interface TieredPairing<T> {
  /** Tier by tier; inside a tier, in the order of `before`. */
  pairs: Array<TieredPair<T>>
  /** Unpaired items of `after`, in their order. */
  added: T[]
  /** Unpaired items of `before`, in their order. */
  removed: T[]
}

export function pairInTiers<T>(before: readonly T[], after: readonly T[], tiers: ReadonlyArray<PairingTier<T>>): TieredPairing<T> {
  const pairs: Array<TieredPair<T>> = []
  const pairedBefore = new Set<T>()
  const pairedAfter = new Set<T>()
  for (const tier of tiers) {
    const left = pairedBefore.size === 0 ? before : before.filter((item) => !pairedBefore.has(item))
    const right = pairedAfter.size === 0 ? after : after.filter((item) => !pairedAfter.has(item))
    if (left.length === 0 || right.length === 0) break
    const found = tier.match === 'unique' ? pairUnique(left, right, tier, { before, after }) : pairGroups(left, right, tier)
    for (const [old, current] of found) {
      pairs.push({ before: old, after: current, by: tier.by })
      pairedBefore.add(old)
      pairedAfter.add(current)
    }
  }
  return {
    pairs,
    added: after.filter((item) => !pairedAfter.has(item)),
    removed: before.filter((item) => !pairedBefore.has(item)),
  }
}

/**
 * Pairs two lists that already belong together (one key): by each `same` rule in turn, then the
 * rest in document order, or only a last one on each side (`last-one`).
 */
export function pairWithin<T>(
  left: readonly T[],
  right: readonly T[],
  same: ReadonlyArray<(before: T, after: T) => boolean> = [],
  rest: 'in-order' | 'last-one' = 'in-order',
): Array<[T, T]> {
  if (left.length === 1 && right.length === 1 && same.length === 0) return [[left[0]!, right[0]!]]
  const pairs: Array<[T, T]> = []
  let remainingLeft = [...left]
  let remainingRight = [...right]
  for (const rule of same) {
    const unmatched: T[] = []
    for (const old of remainingLeft) {
      const index = remainingRight.findIndex((current) => rule(old, current))
      if (index === -1) unmatched.push(old)
      else pairs.push([old, remainingRight.splice(index, 1)[0]!])
    }
    remainingLeft = unmatched
  }
  if (rest === 'last-one') {
    if (remainingLeft.length === 1 && remainingRight.length === 1) pairs.push([remainingLeft[0]!, remainingRight[0]!])
    return pairs
  }
  for (const [index, old] of remainingLeft.entries()) {
    const current = remainingRight[index]
    if (current === undefined) break
    pairs.push([old, current])
  }
  return pairs
}

function pairGroups<T>(left: readonly T[], right: readonly T[], tier: PairingTier<T>): Array<[T, T]> {
  const rightGroups = groupBy(right, (item) => tier.key(item, 'after'))
  const pairs: Array<[T, T]> = []
  for (const [key, group] of groupBy(left, (item) => tier.key(item, 'before'))) {
    const candidates = rightGroups.get(key)
    if (candidates !== undefined) pairs.push(...pairWithin(group, candidates, tier.same, tier.rest))
  }
  return pairs
}

function pairUnique<T>(left: readonly T[], right: readonly T[], tier: PairingTier<T>, all: { before: readonly T[]; after: readonly T[] }): Array<[T, T]> {
  const beforeCounts = tier.scope === 'all' ? keyCounts(all.before, tier, 'before') : undefined
  const afterCounts = tier.scope === 'all' ? keyCounts(all.after, tier, 'after') : undefined
  const rightByKey = uniqueByKey(right, (item) => tier.key(item, 'after'), afterCounts)
  const leftByKey = uniqueByKey(left, (item) => tier.key(item, 'before'), beforeCounts)
  const pairs: Array<[T, T]> = []
  for (const [key, old] of leftByKey) {
    const current = rightByKey.get(key)
    if (current !== undefined) pairs.push([old, current])
  }
  return pairs
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    if (key === undefined) continue
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [item])
    else group.push(item)
  }
  return groups
}

/** Items whose key is unique (among `items`, or per `counts` when given), by key, in order. */
function uniqueByKey<T>(items: readonly T[], keyOf: (item: T) => string | undefined, counts: ReadonlyMap<string, number> | undefined): Map<string, T> {
  const byKey = new Map<string, T | null>()
  for (const item of items) {
    const key = keyOf(item)
    if (key === undefined || (counts !== undefined && counts.get(key) !== 1)) continue
    byKey.set(key, byKey.has(key) ? null : item)
  }
  const unique = new Map<string, T>()
  for (const [key, item] of byKey) if (item !== null) unique.set(key, item)
  return unique
}

function keyCounts<T>(items: readonly T[], tier: PairingTier<T>, side: 'before' | 'after'): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) {
    const key = tier.key(item, side)
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}
