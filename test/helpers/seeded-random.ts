/** A source of numbers in [0, 1), like `Math.random`, but reproducible from a seed. */
export type Random = () => number

/**
 * mulberry32: a tiny 32-bit PRNG, good enough to drive tests and reproducible from its seed, so a
 * failing soak or property run can be replayed exactly.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A seed for one stream of a run (one source, one worker), mixed from the run's seed so streams do not
 * step in lock-step: each stream's sequence then depends only on its own requests, never on how
 * concurrent requests of other streams interleave.
 */
export function streamSeed(seed: number, stream: number): number {
  return Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35)
}

/** An integer in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

/** One of `choices`, picked with probability proportional to its weight (weights need not sum to 1). */
export function weightedPick<T extends string>(random: Random, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as Array<[T, number]>
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = random() * total
  for (const [choice, weight] of entries) {
    roll -= weight
    if (roll < 0) return choice
  }
  return entries[entries.length - 1]![0]
}

/** A copy of `value` with every object's keys in a random order; arrays keep their order (it is meaningful). */
export function shuffleKeys(value: unknown, random: Random): unknown {
  if (Array.isArray(value)) return value.map((entry) => shuffleKeys(entry, random))
  if (typeof value !== 'object' || value === null) return value
  const keys = Object.keys(value)
  for (let index = keys.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[keys[index], keys[other]] = [keys[other]!, keys[index]!]
  }
  const copy: Record<string, unknown> = {}
  for (const key of keys) {
    // defineProperty, not assignment: a "__proto__" key must stay a key, never replace the prototype.
    const entry = shuffleKeys((value as Record<string, unknown>)[key], random)
    Object.defineProperty(copy, key, { value: entry, enumerable: true, writable: true, configurable: true })
  }
  return copy
}
