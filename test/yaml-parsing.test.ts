// YAML parsing (src/formats/parse-document.ts, src/formats/yaml/): values as YAML 1.2 core resolves
// them, no output on the host's streams, and every hostile document refused with a typed error.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parse as parseWithYamlPackage } from 'yaml'
import { ParseError } from '../src/errors/errors.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { load as loadYaml } from 'js-yaml'
import fc from 'fast-check'
import { mayHaveAnchor, parseDocument, parseYamlText } from '../src/formats/parse-document.js'
import { EXPANSION_FACTOR, MIN_BUDGET } from '../src/formats/yaml/alias-budget.js'

function refusal(text: string, sourceId = 'hostile'): ParseError {
  try {
    parseYamlText(text, sourceId)
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError)
    return error as ParseError
  }
  return expect.unreachable('the document should have been refused')
}

/** 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length
}

const KIB = 1024

describe('YAML values', () => {
  // What the `yaml` package (the parser before js-yaml) gave, with the options it was called with.
  const previousParser = (text: string) => parseWithYamlPackage(text, { uniqueKeys: false, logLevel: 'silent' }) as unknown

  it.each([
    ['YAML 1.1 booleans stay strings', 'a: yes\nb: on\nc: No\nd: off\ne: y', { a: 'yes', b: 'on', c: 'No', d: 'off', e: 'y' }],
    ['core booleans and nulls', 'a: true\nb: False\nc: TRUE\nd: ~\ne: Null\nf:\ng: tRue', { a: true, b: false, c: true, d: null, e: null, f: null, g: 'tRue' }],
    ['leading zeros are decimal, 0o/0x are octal/hex, 0b and underscores are strings', 'a: 0755\nb: 0o17\nc: 0x1F\nd: 0b11\ne: 1_000\nf: +12', { a: 755, b: 15, c: 31, d: '0b11', e: '1_000', f: 12 }],
    ['floats', 'a: 1e3\nb: 1.50\nc: .5\nd: -.Inf\ne: 1.\nf: 1e', { a: 1000, b: 1.5, c: 0.5, d: Number.NEGATIVE_INFINITY, e: 1, f: '1e' }],
    ['timestamps stay strings', 'a: 2024-01-01\nb: 2024-01-01T10:00:00Z', { a: '2024-01-01', b: '2024-01-01T10:00:00Z' }],
    ['numeric keys become their decimal text', '200: ok\n1.0: one\n0x10: hex', { 200: 'ok', 1: 'one', 16: 'hex' }],
    ['`<<` is an ordinary key (no YAML 1.1 merge)', 'base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2', { base: { x: 1 }, use: { '<<': { x: 1 }, y: 2 } }],
    ['unknown tags leave the node as written', 'a: !Ref 12\nb: !foo [1, 2]\nc: !foo {d: 1}\ne: !foo\nf: !<tag:x> y\ng: ! 12', { a: '12', b: [1, 2], c: { d: 1 }, e: '', f: 'y', g: '12' }],
    ['known core tags apply', 'a: !!str 12\nb: !!int "12"\nc: !!float "1.5"\nd: !!null ""', { a: '12', b: 12, c: 1.5, d: null }],
    ['block scalars', 'a: |\n  x\n  y\nb: >-\n  x\n  y\n', { a: 'x\ny\n', b: 'x y' }],
  ])('%s, as before the switch to js-yaml', (_name, text, expected) => {
    expect(parseYamlText(text)).toEqual(expected)
    expect(parseYamlText(text)).toEqual(previousParser(text))
  })

  it('a %YAML 1.1 directive is accepted, and the document still reads as 1.2 core (OpenAPI asks for YAML 1.2)', () => {
    // The yaml package switched to 1.1 here (yes -> true, 0755 -> 493, `<<` merged): a known difference.
    expect(parseYamlText('%YAML 1.1\n---\na: yes\nb: 0755\nc: &x {k: 1}\nd:\n  <<: *x\n')).toEqual({ a: 'yes', b: 755, c: { k: 1 }, d: { '<<': { k: 1 } } })
  })

  it('a `__proto__` key is an own property, not the prototype', () => {
    const parsed = parseYamlText('__proto__: {polluted: true}') as Record<string, unknown>
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('YAML-only types the old parser turned into non-JSON values (!!binary, !!set, !!timestamp) stay plain', () => {
    expect(parseYamlText('a: !!binary aGVsbG8=\nb: !!set {x, y}\nc: !!timestamp 2024-01-01')).toEqual({ a: 'aGVsbG8=', b: { x: null, y: null }, c: '2024-01-01' })
  })
})

describe('YAML syntax errors', () => {
  it('a duplicate key is a ParseError at the second occurrence', () => {
    const error = refusal('openapi: 3.0.0\npaths: {}\ninfo: {title: T}\npaths: {}\n')
    expect(error).toMatchObject({ code: 'PARSE_ERROR', format: 'yaml', line: 4, column: 1, sourceId: 'hostile' })
    expect(error.message).toBe('The document of source "hostile" is not valid YAML at line 4, column 1: duplicated mapping key')
  })

  it('a duplicate key inside a flow mapping too', () => {
    expect(refusal('a: {b: 1, b: 2}').message).toMatch(/line 1, .*duplicated mapping key$/)
  })

  it('an explicit !!merge key is refused rather than copying keys', () => {
    expect(refusal('a: &a {x: 1}\nb:\n  !!merge <<: *a\n').message).toMatch(/merge keys \(!!merge\) are not supported$/)
  })

  it('999 levels of nesting parse; 1,000 are "nested too deeply", at the line where it happens', () => {
    const nested = (levels: number) => 'a: ' + '['.repeat(levels) + ']'.repeat(levels)
    expect(() => parseYamlText(nested(999))).not.toThrow()
    expect(refusal(nested(1000)).message).toMatch(/^The document of source "hostile" is not valid YAML at line 1, column \d+: it is nested too deeply$/)
    let block = 'a:\n'
    for (let level = 1; level < 5000; level++) block += `${' '.repeat(level)}b:\n`
    expect(refusal(block).line).toBe(1000)
  })
})

describe('YAML parsing writes nothing to the host', () => {
  const emitWarning = vi.spyOn(process, 'emitWarning')
  const stderr = vi.spyOn(process.stderr, 'write')
  const stdout = vi.spyOn(process.stdout, 'write')
  const consoleWarn = vi.spyOn(console, 'warn')
  afterEach(() => vi.clearAllMocks())

  it.each([
    ['unknown tags', 'openapi: 3.0.0\ninfo: !Info {title: T, version: "1"}\npaths: !Paths {}\nx-a: !Ref a\nx-b: !!binary aGVsbG8=\n'],
    ['tags on keys and a %TAG directive', '%TAG !e! tag:example.com,2000:\n---\n!e!key openapi: 3.0.0\ninfo: {title: !e!t T, version: "1"}\npaths: {}\n'],
    ['an unknown directive (a parser warning)', '%FOO bar\n---\nopenapi: 3.0.0\ninfo: {title: T, version: "1"}\npaths: {}\n'],
    ['keys that are collections', 'openapi: 3.0.0\ninfo: {title: T, version: "1"}\npaths: {}\nx-a:\n  ? [a, b]\n  : 1\n  ? {c: d}\n  : 2\n'],
  ])('%s: no process.emitWarning, console or stream output', async (_name, text) => {
    await openapiFormat.normalize(text, { sourceId: 'quiet', contentType: 'application/yaml' })
    expect(emitWarning).not.toHaveBeenCalled()
    expect(stderr).not.toHaveBeenCalled()
    expect(stdout).not.toHaveBeenCalled()
    expect(consoleWarn).not.toHaveBeenCalled()
  })
})

describe('YAML aliases: one budget for the whole document', () => {
  it('uses no budget without aliases, and allows ordinary reuse', () => {
    const shared = 'responses: &std\n  "200": {description: OK, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}\n'
    const text = `x-shared:\n  ${shared.replace('\n  ', '\n    ')}paths:\n${Array.from({ length: 200 }, (_, index) => `  /p${index}: {get: {responses: *std}}\n`).join('')}`
    expect(Object.keys((parseYamlText(text) as { paths: object }).paths)).toHaveLength(200)
  })

  it('a billion laughs is refused at the alias that overdraws, long before the last line', () => {
    const lines = ['openapi: 3.0.0', 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for (let level = 1; level <= 30; level++) lines.push(`a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`)
    const text = lines.join('\n') + '\n'
    const error = refusal(text)
    expect(error.message).toMatch(/^The document of source "hostile" was refused at line \d+, column \d+: its alias expansion exceeds 1,000,000 characters/)
    // Level 5 stands for 9^5 x 9 "lol"s (about 2 million characters): the parse never reaches level 6.
    expect(error.line).toBe(lineOf(text, 'a5:'))
  })

  it('many aliases of one big anchor (a 330 KiB document) are refused', () => {
    const big = `{${Array.from({ length: 3000 }, (_, index) => `k${index}: "${'v'.repeat(100)}"`).join(', ')}}`
    const text = `openapi: 3.0.0\nbig: &big ${big}\nuses:\n${'  - *big\n'.repeat(200)}`
    expect(text.length).toBeGreaterThan(300 * KIB)
    expect(text.length).toBeLessThan(600 * KIB)
    const error = refusal(text)
    expect(error.message).toContain(`its alias expansion exceeds ${(EXPANSION_FACTOR * text.length).toLocaleString('en-US')} characters`)
    // The tenth or so alias overdraws, not the last one.
    expect(error.line).toBeLessThan(lineOf(text, 'uses:') + 20)
  })

  it('many anchors, each aliased a few dozen times, are refused in total (no single anchor is abused)', () => {
    const anchors = Array.from({ length: 300 }, (_, index) => `a${index}: &a${index} "${'x'.repeat(1000)}"`).join('\n')
    const uses = Array.from({ length: 300 }, (_, index) => `u${index}: [${Array(40).fill(`*a${index}`).join(', ')}]`).join('\n')
    const text = `openapi: 3.0.0\n${anchors}\n${uses}\n`
    expect(text.length).toBeGreaterThan(300 * KIB)
    expect(text.length).toBeLessThan(600 * KIB)
    expect(refusal(text).message).toContain('its alias expansion exceeds')
    // The same anchors used a few times each are fine.
    const few = `openapi: 3.0.0\n${anchors}\n${Array.from({ length: 300 }, (_, index) => `u${index}: [*a${index}, *a${index}, *a${index}]`).join('\n')}\n`
    expect(() => parseYamlText(few)).not.toThrow()
  })

  it('aliases joined into a mapping key count too (js-yaml writes a list key out as text)', () => {
    const text = `s: &s "${'x'.repeat(100 * KIB)}"\nkeys:\n${`  - {[${Array(20).fill('*s').join(', ')}]: 1}\n`.repeat(200)}`
    expect(refusal(text).message).toContain('its alias expansion exceeds')
  })

  it('small documents get at least the minimum budget', () => {
    const ok = `s: &s "${'x'.repeat(1000)}"\nuses: [${Array(Math.floor(MIN_BUDGET / 1002) - 10).fill('*s').join(', ')}]`
    expect(() => parseYamlText(ok)).not.toThrow()
    const tooMany = `s: &s "${'x'.repeat(1000)}"\nuses: [${Array(Math.floor(MIN_BUDGET / 1002) + 10).fill('*s').join(', ')}]`
    expect(refusal(tooMany).message).toContain(`exceeds ${MIN_BUDGET.toLocaleString('en-US')} characters`)
  })

  it('an alias inside its own anchor (a node that contains itself) is refused at that alias', () => {
    const text = 'openapi: 3.0.0\nx-a: &loop\n  items:\n    # a comment with *stars*\n    - *loop\n'
    const error = refusal(text)
    expect(error).toMatchObject({ line: 5, column: 7 })
    expect(error.message).toBe('The document of source "hostile" was refused at line 5, column 7: an alias refers to a node that contains it (a recursive alias)')
  })

  // Documents without an anchor skip the budget's listener (it costs 10-20% of a large parse):
  // the check that decides it must never miss an anchor js-yaml would read.
  it.each([
    ['block mapping value', 'a: &x [1]\nb: *x\n'],
    ['block sequence entry', '- &x 1\n- *x\n'],
    ['root at the first column', '&x [1, *x]\n'],
    ['after the document marker', '--- &x\na: 1\n'],
    ['flow sequence, first and later entries', '[&x 1, &y 2, *x, *y]\n'],
    ['flow mapping after a JSON-like key', '{"a":&x 1, "b": *x}\n'],
    ['after a tag', 'a: !!str &x v\nb: *x\n'],
    ['an explicit key', '? &x k\n: 1\nc: *x\n'],
    ['after a tab', 'a:\t&x 1\nb: *x\n'],
  ])('an anchor is seen wherever a node can start: %s', (_name, text) => {
    expect(() => loadYaml(text)).not.toThrow()
    expect(mayHaveAnchor(text)).toBe(true)
  })

  it('prose with an ampersand does not count as an anchor', () => {
    for (const text of ['description: Terms & Conditions\n', 'x: R&D\n', 'url: https://example.com/?a=1&b=2\n', 'a: "&"\n']) expect(mayHaveAnchor(text)).toBe(false)
  })

  it('every anchor js-yaml reads in random YAML-like text is seen by the check (property)', () => {
    const alphabet = [' ', ' ', '\n', '\t', '&', '&', '*', 'a', 'b', '1', '[', ']', '{', '}', ',', ':', ': ', '? ', '- ', '!', '!!str ', '"', "'", '#', '|', '>', '---\n']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 14 }), (parts) => {
        const text = parts.join('')
        let anchored = false
        try {
          loadYaml(text, { listener: (event: string, state: { anchor?: string | null }) => void (event === 'close' && state.anchor != null && (anchored = true)) } as never)
        } catch {
          return // not YAML: nothing to budget
        }
        if (anchored) expect(mayHaveAnchor(text)).toBe(true)
      }),
      { numRuns: 20_000, seed: 20261207 },
    )
  })

  it('a flow-style billion laughs is refused too', () => {
    const levels = ['[&a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for (let level = 1; level <= 20; level++) levels.push(`,&a${level} [${Array(9).fill(`*a${level - 1}`).join(',')}]`)
    expect(refusal(`${levels.join('')}]\n`).message).toContain('its alias expansion exceeds')
  })

  it('through parseDocument and the OpenAPI format, the refusal names the source', async () => {
    const text = `openapi: 3.0.3\ninfo: {title: T, version: "1"}\npaths: {}\ns: &s "${'x'.repeat(KIB)}"\nx: [${Array(2000).fill('*s').join(',')}]\n`
    expect(() => parseDocument(text, { sourceId: 'via-document' })).toThrow(/source "via-document" was refused .*alias expansion/)
    await expect(openapiFormat.normalize(text, { sourceId: 'via-format' })).rejects.toMatchObject({ code: 'PARSE_ERROR', format: 'yaml', sourceId: 'via-format' })
  })
})
