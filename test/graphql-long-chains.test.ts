import { afterEach, describe, expect, it, vi } from 'vitest'
import { diffGraphqlWithStats } from '../src/formats/graphql/diff/diff-graphql.js'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { TimeSlice, YIELD_BUDGET_MS } from '../src/runtime/yield.js'

/**
 * Issue 11, item 9: a changed sync of 20,000 chained types blocked the event loop for 74 s, the
 * path to each reached type being a fresh copy of the path before it (n²/2 segments). The work
 * is counted, not timed.
 */

const TYPES = 5000
/** One type in `STEP` gains a field: the types before it are changed through what they reach. */
const STEP = 1000

/** `type Query { first: T0 }`, `T0.next: T1`, ..., the last ending in a scalar; `changed` adds a field to every STEP-th type. */
function chainSdl(count: number, changed: boolean, roots = 'first: T0'): string {
  const lines = [`type Query { ${roots} }`]
  for (let index = 0; index < count; index++) {
    const next = index + 1 < count ? `next: T${index + 1}` : 'end: String'
    lines.push(`type T${index} { id: ID! ${next}${changed && index % STEP === 0 ? ' extra: Int' : ''} }`)
  }
  return lines.join('\n')
}

async function snapshotOf(sdl: string): Promise<ApiSnapshot> {
  const { snapshot, canonical } = await graphqlFormat.normalize(sdl, { sourceId: 'gql-linear' })
  return { ...snapshot, fingerprint: canonical }
}

/** Location of the field added to `T<index>`, reached from `Query.first`. */
function expectedLocation(index: number): string[] {
  return ['returnType', ...Array.from({ length: index }, (_, hop) => `T${hop}.next`), `T${index}`, 'fields', 'extra']
}

describe('GraphQL diff of a long chain of types', () => {
  it('walks each changed type once and spells out paths only for types with changes', async () => {
    const { changeSet, stats } = diffGraphqlWithStats(await snapshotOf(chainSdl(TYPES, false)), await snapshotOf(chainSdl(TYPES, true)))

    const added = changeSet.changes.filter((change) => change.kind === 'field-added')
    expect(added.map((change) => change.component)).toEqual(Array.from({ length: TYPES / STEP }, (_, step) => `#/types/T${step * STEP}`))
    const deepest = added.at(-1)!
    expect(deepest.operations).toEqual([{ operation: 'QUERY first', location: expectedLocation(TYPES - STEP) }])

    // Every type up to the last changed one is changed through its closure: each is entered once.
    expect(stats.typeVisits).toBe(TYPES - STEP + 1)
    expect(stats.edgeSteps).toBeLessThanOrEqual(2 * TYPES)
    // The reported locations themselves (about TYPES²/(2·STEP) segments); copying a path per reached type was TYPES²/2.
    expect(stats.pathSegments).toBeLessThanOrEqual(3 * TYPES)
  })

  it('keeps the per-operation reporting located through the same paths', async () => {
    const before = await snapshotOf(chainSdl(TYPES, false, 'first: T0 second(limit: Int): T0'))
    const after = await snapshotOf(chainSdl(TYPES, true, 'first: T0 second(limit: Int): T0'))
    const { changeSet, stats } = diffGraphqlWithStats(before, after, { sharedTypeChanges: 'per-operation' })

    const deepest = changeSet.changes.filter((change) => change.kind === 'field-added' && change.component === `#/types/T${TYPES - STEP}`)
    expect(deepest.map(({ operation, location }) => ({ operation, location }))).toEqual([
      { operation: 'QUERY first', location: expectedLocation(TYPES - STEP) },
      { operation: 'QUERY second', location: expectedLocation(TYPES - STEP) },
    ])
    // Both root fields start from T0 (the argument is a scalar): the chain is walked once for both.
    expect(stats.typeVisits).toBe(TYPES - STEP + 1)
    expect(stats.pathSegments).toBeLessThanOrEqual(2 * 3 * TYPES)
  })
})

describe('GraphQL normalization of many types', () => {
  afterEach(() => vi.restoreAllMocks())

  it('lets the event loop turn inside its loops over types, not only between phases', async () => {
    await graphqlFormat.normalize('type Query { warm: Int }', { sourceId: 'warm' }) // `graphql` imported: no turn from that
    const count = 50
    // Every read of the clock looks a budget late: each check in a loop is due.
    let now = 0
    vi.spyOn(performance, 'now').mockImplementation(() => (now += YIELD_BUDGET_MS))
    const yields = vi.spyOn(TimeSlice.prototype, 'yield')
    const { snapshot } = await graphqlFormat.normalize(chainSdl(count, false), { sourceId: 'chain' })
    expect(Object.keys(snapshot.schemas)).toHaveLength(count + 2) // the types, Query and the schema roots
    // Building the model, hashing each type, hashing each component and storing each type: several turns per type.
    expect(yields.mock.calls.length).toBeGreaterThan(3 * count)
  })
})
