import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stringify as toYaml } from 'yaml'
import { InvalidSpecError, LiveSyncError, ParseError } from '../src/errors/errors.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { NormalizedDocument } from '../src/model/snapshot.js'
import { mulberry32, shuffleKeys } from './helpers/seeded-random.js'
import { fixture } from './helpers/fixtures.js'
import { rejectionOf } from './helpers/promises.js'

function normalize(text: string, contentType?: string): Promise<NormalizedDocument> {
  return openapiFormat.normalize(text, { sourceId: 'robust', contentType })
}

const DEPTH = 10_000

/** JSON text of `levels` objects nested under `key`, innermost `leaf`. Built as text: no recursion here either. */
function nestedJson(key: string, levels: number, leaf: string): string {
  return `{"${key}":`.repeat(levels) + leaf + '}'.repeat(levels)
}

/** `{"type":"object","properties":{"a": ... }}` nested `levels` deep. */
function nestedSchemaJson(levels: number): string {
  return '{"type":"object","properties":{"a":'.repeat(levels) + '{"type":"string"}' + '}}'.repeat(levels)
}

function openapiJson(body: string): string {
  return `{"openapi":"3.0.3","info":{"title":"T","version":"1"},${body}}`
}

describe('10,000-level nesting', () => {
  it('in a component schema is an InvalidSpecError naming the component', async () => {
    const error = await rejectionOf(normalize(openapiJson(`"paths":{},"components":{"schemas":{"Deep":${nestedSchemaJson(DEPTH)}}}`)))
    expect(error).toBeInstanceOf(InvalidSpecError)
    expect((error as Error).message).toContain('source "robust" is nested too deeply')
    expect((error as Error).message).toContain('#/components/schemas/Deep')
  })

  it('in an inline response schema is an InvalidSpecError naming the operation', async () => {
    const response = `{"200":{"description":"OK","content":{"application/json":{"schema":${nestedSchemaJson(DEPTH)}}}}}`
    const error = await rejectionOf(normalize(openapiJson(`"paths":{"/deep":{"get":{"responses":${response}}}}`)))
    expect(error).toBeInstanceOf(InvalidSpecError)
    expect((error as Error).message).toContain('GET /deep')
  })

  it('in allOf chains and in example values is an InvalidSpecError', async () => {
    const allOf = '{"allOf":['.repeat(DEPTH) + '{}' + ']}'.repeat(DEPTH)
    const viaAllOf = await rejectionOf(normalize(openapiJson(`"paths":{},"components":{"schemas":{"A":${allOf}}}`)))
    expect(viaAllOf).toBeInstanceOf(InvalidSpecError)
    const example = nestedJson('x', DEPTH, '1')
    const viaExample = await rejectionOf(normalize(openapiJson(`"paths":{},"components":{"schemas":{"A":{"type":"object","example":${example}}}}`)))
    expect(viaExample).toBeInstanceOf(InvalidSpecError)
  })

  it('in Swagger 2.0 parameter items is an InvalidSpecError', async () => {
    const items = '{"type":"array","items":'.repeat(DEPTH) + '{"type":"string"}' + '}'.repeat(DEPTH)
    const parameter = `{"name":"q","in":"query",${items.slice(1, -1)}}`
    const text = `{"swagger":"2.0","info":{"title":"T","version":"1"},"paths":{"/a":{"get":{"parameters":[${parameter}],"responses":{}}}}}`
    expect(await rejectionOf(normalize(text))).toBeInstanceOf(InvalidSpecError)
  })

  it('in a part of the document that is not normalized (an extension) does no harm', async () => {
    const { snapshot } = await normalize(openapiJson(`"x-deep":${nestedJson('x', DEPTH, '1')},"paths":{"/a":{"get":{"responses":{}}}}`))
    expect(snapshot.operations.map((operation) => operation.key)).toEqual(['GET /a'])
  })

  it('as YAML is a typed error, not a crash', async () => {
    const yaml = 'openapi: 3.0.3\ninfo: {title: T, version: "1"}\npaths: {}\nx-deep: ' + '['.repeat(DEPTH) + ']'.repeat(DEPTH) + '\n'
    const error = await rejectionOf(normalize(yaml, 'application/yaml'))
    expect(error).toBeInstanceOf(LiveSyncError)
    expect((error as LiveSyncError).code === 'PARSE_ERROR' || (error as LiveSyncError).code === 'INVALID_SPEC').toBe(true)
  })

  it('a schema that contains itself through a YAML alias is refused by the parser at the alias (endless expansion)', async () => {
    const yaml = 'openapi: 3.0.0\ninfo: {title: T, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    A: &a\n      type: object\n      properties:\n        self: *a\n'
    const error = await rejectionOf(normalize(yaml))
    expect(error).toBeInstanceOf(ParseError)
    expect(error).toMatchObject({ format: 'yaml', line: 9, column: 15, sourceId: 'robust' })
    expect((error as Error).message).toBe('The document of source "robust" was refused at line 9, column 15: an alias refers to a node that contains it (a recursive alias)')
  })
})

describe('YAML alias bombs', () => {
  it('are stopped by the parser alias limit with a typed ParseError', async () => {
    const lines = ['openapi: 3.0.0', 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for (let level = 1; level <= 9; level++) lines.push(`a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`)
    const error = await rejectionOf(normalize(lines.join('\n') + '\n'))
    expect(error).toBeInstanceOf(ParseError)
    expect((error as ParseError).format).toBe('yaml')
    expect((error as Error).message).toContain('alias')
  })
})

describe('prototype pollution', () => {
  // Written as JSON text: an object literal with __proto__ would set the prototype instead of a key.
  const hostile = `{
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "paths": {
      "/__proto__": {
        "parameters": [{"name": "__proto__", "in": "query", "schema": {"type": "string"}}],
        "get": {
          "responses": {
            "__proto__": {"description": "polluted?"},
            "200": {
              "description": "OK",
              "headers": {"__proto__": {"schema": {"type": "string"}}},
              "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/__proto__"},
                "examples": {"__proto__": {"value": {"__proto__": {"polluted": true}}}}
              }}
            }
          }
        }
      },
      "/b": {"get": {"responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/constructor"}}}}}}}
    },
    "components": {
      "schemas": {
        "__proto__": {"type": "object", "properties": {"__proto__": {"type": "string"}, "constructor": {"type": "string"}, "prototype": {"type": "string"}}, "example": {"__proto__": {"polluted": true}}},
        "Safe": {"type": "object"}
      },
      "securitySchemes": {"__proto__": {"type": "http", "scheme": "bearer"}}
    },
    "security": [{"__proto__": [], "constructor": []}]
  }`

  it('keys named __proto__, constructor and prototype stay data and never reach Object.prototype', async () => {
    const { snapshot, canonical } = await normalize(hostile)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')

    const schema = snapshot.schemas['#/components/schemas/__proto__']!
    expect(Object.getPrototypeOf(snapshot.schemas)).toBe(Object.prototype)
    const properties = schema['properties'] as Record<string, unknown>
    expect(Object.keys(properties)).toEqual(['__proto__', 'constructor', 'prototype'])
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value).toEqual({ type: ['string'] })

    const get = snapshot.operations.find((operation) => operation.key === 'GET /__proto__')!
    expect(get.parameters.map((parameter) => parameter.name)).toEqual(['__proto__'])
    expect(Object.keys(get.responses).sort()).toEqual(['200', '__proto__'])
    expect(Object.keys(get.responses['200']!.headers!)).toEqual(['__proto__'])
    expect(get.security).toEqual([JSON.parse('{"__proto__": [], "constructor": []}')])
    expect(Object.keys(snapshot.securitySchemes)).toEqual(['__proto__'])
    expect(canonical).toContain('"__proto__"')
  })

  it('a $ref to an inherited name (constructor, toString) is dangling, not Object.prototype', async () => {
    const { snapshot } = await normalize(hostile)
    expect(snapshot.warnings).toContain('$ref "#/components/schemas/constructor" does not resolve inside the document')
    expect(snapshot.schemas).not.toHaveProperty('#/components/schemas/constructor')
    const missing = await normalize(
      openapiJson('"paths":{"/a":{"get":{"parameters":[{"$ref":"#/components/parameters/toString"}],"responses":{"200":{"$ref":"#/components/responses/hasOwnProperty"}}}}}'),
    )
    expect(missing.snapshot.operations[0]!.parameters).toEqual([])
    expect(missing.snapshot.warnings).toEqual([
      '$ref "#/components/parameters/toString" does not resolve inside the document',
      '$ref "#/components/responses/hasOwnProperty" does not resolve inside the document',
    ])
  })

  it('the same holds for YAML input', async () => {
    const yaml = 'openapi: 3.0.3\ninfo: {title: T, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    __proto__:\n      type: object\n      example:\n        __proto__: {polluted: true}\n'
    const { snapshot } = await normalize(yaml)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.keys(snapshot.schemas)).toEqual(['#/components/schemas/__proto__'])
  })
})

describe('canonical text under key reordering (property)', () => {
  const fixtures = ['petstore-2.0.json', 'petstore-expanded-2.0.yaml', 'museum-3.1.2024-11.yaml', 'tictactoe-3.1.yaml']

  it.each(fixtures)('%s: any key order, as JSON or YAML, gives the same canonical text and hashes', async (name) => {
    const original = await normalize(fixture(name))
    const { parse } = await import('yaml')
    const document = parse(fixture(name)) as unknown
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.boolean(), async (seed, asYaml) => {
        const shuffled = shuffleKeys(document, mulberry32(seed))
        const text = asYaml ? toYaml(shuffled) : JSON.stringify(shuffled)
        const again = await normalize(text, asYaml ? 'application/yaml' : 'application/json')
        expect(again.canonical).toBe(original.canonical)
        expect(again.snapshot.schemaHashes).toEqual(original.snapshot.schemaHashes)
        expect(again.snapshot.operations.map((operation) => operation.hash)).toEqual(original.snapshot.operations.map((operation) => operation.hash))
      }),
      { numRuns: 25 },
    )
  })

  it('reordering parameters or security alternatives is not a change either', async () => {
    const document = (parameters: unknown[], security: unknown[]) =>
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'T', version: '1' },
        paths: { '/a': { get: { parameters, security, responses: {} } } },
      })
    const a = { name: 'a', in: 'query', schema: { type: 'string' } }
    const b = { name: 'b', in: 'header', schema: { type: 'string' } }
    const first = await normalize(document([a, b], [{ key: [] }, { oauth: ['w', 'r'] }]))
    const second = await normalize(document([b, a], [{ oauth: ['r', 'w'] }, { key: [] }]))
    expect(second.canonical).toBe(first.canonical)
  })
})
