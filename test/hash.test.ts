import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { requestId } from '../src/collections/ids.js'
import { canonicalJson, canonicalSummary, fastHash } from '../src/formats/hash.js'
import type { SnapshotOperation } from '../src/model/snapshot.js'

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

  it('writes exactly what a sorting writer writes, whether or not keys are already in order (native fast path)', () => {
    /** The definition: keys sorted by code unit, JSON.stringify for everything else. */
    const reference = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map((entry) => (entry === undefined ? 'null' : reference(entry))).join(',')}]`
      if (value === null || typeof value !== 'object') return JSON.stringify(value)
      const record = value as Record<string, unknown>
      const entries = Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`)
      return `{${entries.join(',')}}`
    }
    const sortedDeep = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sortedDeep)
      if (value === null || typeof value !== 'object') return value
      const copy: Record<string, unknown> = {}
      for (const key of Object.keys(value).sort()) {
        Object.defineProperty(copy, key, { value: sortedDeep((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true })
      }
      return copy
    }
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value))
        expect(canonicalJson(sortedDeep(value))).toBe(reference(value))
      }),
    )
    // Integer-like keys enumerate first whatever the insertion order: such objects are never stringified natively.
    expect(canonicalJson({ '': 1, '10': 2, '9': 3 })).toBe('{"":1,"10":2,"9":3}')
    expect(canonicalJson({ a: { '2': 0, '10': 1 } })).toBe('{"a":{"10":1,"2":0}}')
    // toJSON and boxed values go through the writer, as before.
    expect(canonicalJson({ a: { toJSON: () => ({ z: 1, y: 2 }) } })).toBe('{"a":{"y":2,"z":1}}')
    expect(canonicalJson({ a: new Date(0) })).toBe('{"a":"1970-01-01T00:00:00.000Z"}')
    expect(() => canonicalJson({ a: [1n] })).toThrow('canonicalJson cannot serialize a BigInt')
  })

  it('writes a "__proto__" key as data, never touching prototypes', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"a":1}')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('generated ids', () => {
  it('keep the values they always had, whatever hash the formats use (hosts key their data by them)', () => {
    expect(requestId('')).toBe('req-22656fb001000193')
    expect(requestId('abc')).toBe('req-6d24f4e0b688348a')
    expect(requestId('é😀\u0000')).toBe('req-edf65b1c14b671ec')
    expect(requestId('GET /users/{}')).toBe('req-fbb5e170a15e8214')
  })
})

describe('fastHash', () => {
  it('is deterministic, 16 hex digits, and tells close strings apart', () => {
    expect(fastHash('abc')).toMatch(/^[0-9a-f]{16}$/)
    expect(fastHash('abc')).toBe(fastHash('abc'))
    const seen = new Set<string>()
    for (let index = 0; index < 100_000; index++) seen.add(fastHash(`operation-${index}`))
    expect(seen.size).toBe(100_000)
  })

  it('gives the same values on every platform (saved snapshots of this model rely on them)', () => {
    expect(fastHash('')).toBe('ebb6c228981a078c')
    expect(fastHash('abc')).toBe('f1d553f8a69eeac2')
    expect(fastHash('é😀\u0000')).toBe('075800901ada12c1')
  })

  it('tells apart texts that differ only in trailing NULs, length or one non-ASCII character', () => {
    const texts = ['', '\u0000', '\u0000\u0000', '\u0000\u0000\u0000', '\u0000\u0000\u0000\u0000', 'é', 'e\u0301', '😀', 'a', 'a\u0000']
    expect(new Set(texts.map(fastHash)).size).toBe(texts.length)
  })

  it('tells every prefix of a long text apart, and hashes texts beyond its reusable buffer', () => {
    let text = ''
    const seen = new Set<string>()
    for (let index = 0; index < 2_000; index++) {
      text += String.fromCharCode(index % 5 === 0 ? 0x20ac : 97 + (index % 26))
      seen.add(fastHash(text))
    }
    expect(seen.size).toBe(2_000)
    const long = 'x'.repeat(3_000_000)
    expect(fastHash(long)).toBe(fastHash('x'.repeat(3_000_000)))
    expect(fastHash(long)).not.toBe(fastHash(`${long}x`))
    // A short text after a long one is not affected by what the long one left behind.
    expect(fastHash('abc')).toBe(fastHash('abc'))
  })

  it('property: equal texts hash equally, different texts (almost surely) differently', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(fastHash(a) === fastHash(b)).toBe(a === b)
      }),
    )
  })
})

describe('canonicalSummary', () => {
  const operation = (key: string, hash: string): SnapshotOperation =>
    ({ key, identity: key, hash, method: 'GET', path: '/', deprecated: false, parameters: [], responses: {} }) as SnapshotOperation
  const summarized = {
    type: 'openapi' as const,
    specVersion: '3.0.3',
    title: 'T',
    version: '1',
    servers: ['https://a'],
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X' } },
    operations: [operation('GET /a', '1111'), operation('GET /b', '2222')],
    schemaHashes: { '#/components/schemas/B': 'bb', '#/components/schemas/A': 'aa' },
  }

  it('is the canonical JSON of the document fields, [key, identity, hash] rows and schema hashes', () => {
    expect(canonicalSummary(summarized)).toBe(
      '{"operations":[["GET /a","GET /a","1111"],["GET /b","GET /b","2222"]],' +
        '"schemaHashes":{"#/components/schemas/A":"aa","#/components/schemas/B":"bb"},' +
        '"securitySchemes":{"key":{"in":"header","name":"X","type":"apiKey"}},"servers":["https://a"],"specVersion":"3.0.3","title":"T","type":"openapi","version":"1"}',
    )
  })

  it('changes with any operation hash or schema hash, not with key order', () => {
    const text = canonicalSummary(summarized)
    expect(canonicalSummary({ ...summarized, operations: [operation('GET /a', '1111'), operation('GET /b', '2223')] })).not.toBe(text)
    expect(canonicalSummary({ ...summarized, schemaHashes: { '#/components/schemas/A': 'aa', '#/components/schemas/B': 'bc' } })).not.toBe(text)
    expect(canonicalSummary(reversedKeys(summarized) as typeof summarized)).toBe(text)
  })
})
