import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson, fastHash } from '../src/formats/hash.js'

/** A deep copy with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).reverse().map((key) => [key, reversedKeys((value as Record<string, unknown>)[key])]))
  }
  return value
}

describe('canonicalJson', () => {
  it('is valid JSON of the same value, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value)
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)))
        expect(canonicalJson(reversedKeys(value))).toBe(text)
      }),
    )
  })

  it('sorts keys by code unit order, integer-like keys included', () => {
    expect(canonicalJson({ b: 1, '10': 2, '9': 3, '': 4 })).toBe('{"":4,"10":2,"9":3,"b":1}')
  })

  it('ignores key order and drops undefined like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: [1, undefined, { d: undefined, c: 'x' }] })).toBe('{"a":[1,null,{"c":"x"}],"b":1}')
    expect(canonicalJson({ b: 2, a: 1 })).toBe(canonicalJson({ a: 1, b: 2 }))
    expect(canonicalJson(Number.NaN)).toBe('null')
    expect(canonicalJson(undefined)).toBe('null')
  })

  it('writes a "__proto__" key as data, never touching prototypes', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"a":1}')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('fastHash', () => {
  it('is deterministic, 16 hex digits, and tells close strings apart', () => {
    expect(fastHash('abc')).toMatch(/^[0-9a-f]{16}$/)
    expect(fastHash('abc')).toBe(fastHash('abc'))
    const seen = new Set<string>()
    for (let index = 0; index < 20_000; index++) seen.add(fastHash(`operation-${index}`))
    expect(seen.size).toBe(20_000)
  })
})
