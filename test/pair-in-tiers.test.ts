import { describe, expect, it } from 'vitest'
import { pairInTiers, pairWithin } from '../src/shared/pair-in-tiers.js'

interface Item {
  name: string
  key: string
  id?: string
  alias?: string
}

const item = (name: string, key: string, extra: Partial<Item> = {}): Item => ({ name, key, ...extra })
const names = (pairs: Array<{ before: Item; after: Item; by?: string }>) => pairs.map((pair) => `${pair.by ?? ''}:${pair.before.name}->${pair.after.name}`)

describe('pairInTiers: the one pairing algorithm', () => {
  it('runs tiers strongest first; a later tier only sees what the earlier ones left', () => {
    const before = [item('a', 'k1', { alias: 'x' }), item('b', 'k2', { alias: 'y' })]
    const after = [item('A', 'k1', { alias: 'y' }), item('B', 'k3', { alias: 'y' })]
    const { pairs, added, removed } = pairInTiers(before, after, [
      { by: 'identity', key: (entry) => entry.key, match: 'unique' },
      { by: 'operationId', key: (entry) => entry.alias, match: 'unique' },
    ])
    // `a` pairs with `A` by key although `A`'s alias would have matched `b`.
    expect(names(pairs)).toEqual(['identity:a->A', 'operationId:b->B'])
    expect(added).toEqual([])
    expect(removed).toEqual([])
  })

  it('a unique tier never pairs a key that names two items (among all of them with scope "all")', () => {
    const before = [item('a', 'k1', { alias: 'dup' }), item('b', 'k2', { alias: 'dup' })]
    const after = [item('A', 'k1'), item('C', 'k3', { alias: 'dup' })]
    const tiers = [
      { by: 'identity' as const, key: (entry: Item) => entry.key, match: 'unique' as const },
      { by: 'operationId' as const, key: (entry: Item) => entry.alias, match: 'unique' as const, scope: 'all' as const },
    ]
    expect(names(pairInTiers(before, after, tiers).pairs)).toEqual(['identity:a->A'])
    // Counted among the unpaired only, `b` would have paired with `C`.
    expect(names(pairInTiers(before, after, [tiers[0]!, { ...tiers[1]!, scope: 'unpaired' as const }]).pairs)).toEqual(['identity:a->A', 'operationId:b->C'])
  })

  it('a group tier pairs by its rules first, then in order or only a last one each', () => {
    const left = [item('a', 'k', { id: '1' }), item('b', 'k', { id: '2' }), item('c', 'k', { id: '3' })]
    const right = [item('C', 'k', { id: '3' }), item('X', 'k', { id: '9' }), item('Y', 'k', { id: '8' })]
    const sameId = (x: Item, y: Item) => x.id === y.id
    expect(names(pairWithin(left, right, [sameId]).map(([before, after]) => ({ before, after })))).toEqual([':c->C', ':a->X', ':b->Y'])
    // Two left on each side after the rules: `last-one` leaves them unpaired.
    expect(names(pairWithin(left, right, [sameId], 'last-one').map(([before, after]) => ({ before, after })))).toEqual([':c->C'])
  })
})
