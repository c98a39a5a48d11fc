import { describe, expect, it, vi } from 'vitest'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { ApiSnapshot, SnapshotOperation } from '../src/model/snapshot.js'

type Snapshot = Omit<ApiSnapshot, 'fingerprint'>

/** Normalizes an OpenAPI 3 document given as an object. */
async function openapi(fields: Record<string, unknown>, version = '3.0.3'): Promise<Snapshot> {
  const document = { openapi: version, info: { title: 'T', version: '1' }, ...fields }
  return (await openapiFormat.normalize(JSON.stringify(document), { sourceId: 'schemas' })).snapshot
}

function operation(snapshot: Snapshot, key: string): SnapshotOperation {
  const found = snapshot.operations.find((candidate) => candidate.key === key)
  if (found === undefined) throw new Error(`no operation ${key}`)
  return found
}

function jsonResponse(schema: unknown): Record<string, unknown> {
  return { '200': { description: 'OK', content: { 'application/json': { schema } } } }
}

const schemaPointer = (name: string) => `#/components/schemas/${name}`

describe('schema shape', () => {
  it('type is always a sorted array; 3.0 nullable folds into it and is dropped', async () => {
    const snapshot = await openapi({
      paths: {},
      components: {
        schemas: {
          Name: { type: 'string', nullable: true, maxLength: 10 },
          Count: { type: 'integer', nullable: false },
          Any: { nullable: true, oneOf: [{ $ref: '#/components/schemas/Name' }] },
          Obj: { type: 'object', required: ['b', 'a', 'c'], properties: { b: { type: 'string' } }, additionalProperties: { type: 'number' } },
        },
      },
    })
    expect(snapshot.schemas[schemaPointer('Name')]).toEqual({ type: ['null', 'string'], maxLength: 10 })
    expect(snapshot.schemas[schemaPointer('Count')]).toEqual({ type: ['integer'] })
    // Without a `type` there is nothing to fold into: the flag stays so nullability is not lost.
    expect(snapshot.schemas[schemaPointer('Any')]).toEqual({ nullable: true, oneOf: [{ $ref: schemaPointer('Name') }] })
    expect(snapshot.schemas[schemaPointer('Obj')]).toEqual({
      type: ['object'],
      required: ['a', 'b', 'c'],
      properties: { b: { type: ['string'] } },
      additionalProperties: { type: ['number'] },
    })
  })

  it('3.1 type arrays are sorted, `nullable` is no keyword there, and $ref keeps its siblings', async () => {
    const snapshot = await openapi(
      {
        paths: {},
        components: {
          schemas: {
            Id: { type: ['string', 'null', 'integer'], examples: ['a', 1] },
            Legacy: { type: 'string', nullable: true },
            Described: { $ref: '#/components/schemas/Id', description: 'The id' },
            Flag: true,
          },
        },
      },
      '3.1.0',
    )
    expect(snapshot.schemas[schemaPointer('Id')]).toEqual({ type: ['integer', 'null', 'string'], examples: ['a', 1] })
    expect(snapshot.schemas[schemaPointer('Legacy')]).toEqual({ type: ['string'], nullable: true })
    expect(snapshot.schemas[schemaPointer('Described')]).toEqual({ $ref: schemaPointer('Id'), description: 'The id' })
    expect(snapshot.schemas[schemaPointer('Flag')]).toEqual({})
  })

  it('3.0 ignores keywords next to $ref, as its specification says', async () => {
    const snapshot = await openapi({ paths: {}, components: { schemas: { A: { type: 'string' }, B: { $ref: '#/components/schemas/A', description: 'ignored' } } } })
    expect(snapshot.schemas[schemaPointer('B')]).toEqual({ $ref: schemaPointer('A') })
  })

  it('keeps other keywords as written, with object keys sorted (enum order kept)', async () => {
    const snapshot = await openapi({
      paths: {},
      components: {
        schemas: {
          E: { type: 'string', enum: ['b', 'a'], default: 'b', example: { z: 1, a: [{ y: 2, b: 3 }] }, 'x-vendor': { k: 'v' }, format: 'slug', pattern: '^[a-z]+$' },
        },
      },
    })
    const schema = snapshot.schemas[schemaPointer('E')]!
    expect(schema).toEqual({ type: ['string'], enum: ['b', 'a'], default: 'b', example: { a: [{ b: 3, y: 2 }], z: 1 }, 'x-vendor': { k: 'v' }, format: 'slug', pattern: '^[a-z]+$' })
    expect(JSON.stringify(schema['example'])).toBe('{"a":[{"b":3,"y":2}],"z":1}')
    expect(Object.keys(schema)).toEqual(['default', 'enum', 'example', 'format', 'pattern', 'type', 'x-vendor'])
  })
})

describe('maps keyed by numbers (status codes, numeric property names)', () => {
  it('keep every entry, including the largest array index, in canonical order', async () => {
    const snapshot = await openapi({
      paths: { '/a': { get: { responses: { default: { description: 'D' }, '404': { description: 'N' }, '200': { description: 'OK' }, '2XX': { description: 'S' } } } } },
      components: { schemas: { Numbers: { type: 'object', properties: { '10': { type: 'string' }, '4294967294': { type: 'string' }, '5': { type: 'integer' }, name: { type: 'string' } } } } },
    })
    expect(Object.keys(operation(snapshot, 'GET /a').responses)).toEqual(['200', '404', '2XX', 'default'])
    const properties = snapshot.schemas[schemaPointer('Numbers')]!['properties'] as Record<string, unknown>
    expect(Object.keys(properties)).toEqual(['5', '10', '4294967294', 'name'])
    expect(properties['4294967294']).toEqual({ type: ['string'] })
  })

  it('give the same canonical text whatever their order in the document', async () => {
    const text = (properties: string) =>
      `{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{},"components":{"schemas":{"N":{"properties":{${properties}}}}}}`
    const first = await openapiFormat.normalize(text('"name":{},"10":{},"5":{"example":{"2":1,"b":2,"1":3}}'), { sourceId: 'n' })
    const second = await openapiFormat.normalize(text('"5":{"example":{"b":2,"1":3,"2":1}},"10":{},"name":{}'), { sourceId: 'n' })
    expect(second.canonical).toBe(first.canonical)
    expect(second.snapshot.schemaHashes).toEqual(first.snapshot.schemaHashes)
    expect(JSON.stringify(first.snapshot.schemas[schemaPointer('N')])).toBe('{"properties":{"5":{"example":{"1":3,"2":1,"b":2}},"10":{},"name":{}}}')
  })
})

describe('$ref resolution', () => {
  it('resolves parameters, request bodies, responses, headers and examples in place; schema refs stay refs', async () => {
    const snapshot = await openapi({
      paths: {
        '/pets/{id}': {
          parameters: [{ $ref: '#/components/parameters/Id' }],
          patch: {
            parameters: [{ $ref: '#/components/parameters/Trace' }],
            requestBody: { $ref: '#/components/requestBodies/PetBody' },
            responses: { '200': { $ref: '#/components/responses/PetResponse' } },
          },
        },
      },
      components: {
        parameters: {
          Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          Trace: { $ref: '#/components/parameters/TraceTarget' },
          TraceTarget: { name: 'X-Trace', in: 'header', deprecated: true, schema: { type: 'string' } },
        },
        requestBodies: { PetBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
        responses: {
          PetResponse: {
            description: 'The pet',
            headers: { 'X-Rate': { $ref: '#/components/headers/Rate' } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' }, examples: { one: { $ref: '#/components/examples/OnePet' } } } },
          },
        },
        headers: { Rate: { description: 'Remaining', required: true, schema: { type: 'integer' } } },
        examples: { OnePet: { summary: 'A pet', value: { name: 'Rex' } } },
        schemas: { Pet: { type: 'object' } },
      },
    })
    const patch = operation(snapshot, 'PATCH /pets/{id}')
    expect(patch.parameters).toEqual([
      { name: 'X-Trace', in: 'header', required: false, deprecated: true, schema: { type: ['string'] } },
      { name: 'id', in: 'path', required: true, schema: { type: ['string'] } },
    ])
    expect(patch.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: schemaPointer('Pet') } } } })
    expect(patch.responses['200']).toEqual({
      description: 'The pet',
      headers: { 'X-Rate': { description: 'Remaining', required: true, schema: { type: ['integer'] } } },
      content: { 'application/json': { schema: { $ref: schemaPointer('Pet') }, examples: { one: { summary: 'A pet', value: { name: 'Rex' } } } } },
    })
    expect(snapshot.warnings).toEqual([])
  })

  it('merges path-level parameters with operation-level ones; the operation wins on the same name and location', async () => {
    const snapshot = await openapi({
      paths: {
        '/a/{id}': {
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'limit', in: 'query', description: 'path level', schema: { type: 'integer' } },
            { name: 'limit', in: 'header', schema: { type: 'string' } },
          ],
          get: { parameters: [{ name: 'limit', in: 'query', required: true, description: 'operation level', schema: { type: 'integer' } }], responses: {} },
          put: { responses: {} },
        },
      },
    })
    expect(operation(snapshot, 'GET /a/{id}').parameters).toEqual([
      { name: 'limit', in: 'header', required: false, schema: { type: ['string'] } },
      { name: 'id', in: 'path', required: true, schema: { type: ['string'] } },
      { name: 'limit', in: 'query', required: true, description: 'operation level', schema: { type: ['integer'] } },
    ])
    expect(operation(snapshot, 'PUT /a/{id}').parameters.find((parameter) => parameter.in === 'query')).toMatchObject({ description: 'path level' })
  })

  it('a parameter described by `content` takes that media type schema', async () => {
    const snapshot = await openapi({
      paths: { '/s': { get: { parameters: [{ name: 'filter', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } }], responses: {} } } },
    })
    expect(operation(snapshot, 'GET /s').parameters).toEqual([{ name: 'filter', in: 'query', required: false, schema: { type: ['object'] } }])
  })

  it('a schema $ref into another schema or into paths adds that target under its own pointer', async () => {
    const snapshot = await openapi({
      paths: {
        '/a': { get: { responses: jsonResponse({ type: 'object', properties: { id: { type: 'integer' } } }) } },
        '/b': { get: { responses: jsonResponse({ $ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/id' }) } },
        '/c': { get: { responses: jsonResponse({ $ref: '#/components/schemas/A/properties/name' }) } },
      },
      components: { schemas: { A: { type: 'object', properties: { name: { type: 'string' } } } } },
    })
    expect(snapshot.schemas['#/paths/~1a/get/responses/200/content/application~1json/schema/properties/id']).toEqual({ type: ['integer'] })
    expect(snapshot.schemas['#/components/schemas/A/properties/name']).toEqual({ type: ['string'] })
    expect(operation(snapshot, 'GET /c').responses['200']!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/A/properties/name' })
  })

  it('percent-encoded and ~-escaped pointers are re-spelled canonically', async () => {
    const snapshot = await openapi({
      paths: { '/a': { get: { responses: jsonResponse({ $ref: '#/components/schemas/Pet%20Food' }) } } },
      components: { schemas: { 'Pet Food': { type: 'string' }, 'a/b': { $ref: '#/components/schemas/a~1b' } } },
    })
    expect(operation(snapshot, 'GET /a').responses['200']!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Pet Food' })
    expect(snapshot.schemas['#/components/schemas/a~1b']).toEqual({ $ref: '#/components/schemas/a~1b' })
  })

  it('dangling refs and reference cycles between non-schema components give warnings, not crashes', async () => {
    const snapshot = await openapi({
      paths: {
        '/a': {
          get: {
            parameters: [{ $ref: '#/components/parameters/Loop' }, { $ref: '#/components/parameters/Missing' }],
            responses: { '200': { $ref: '#/components/responses/Gone' } },
          },
        },
        '/b': { get: { responses: jsonResponse({ $ref: '#/components/schemas/Nope' }) } },
      },
      components: { parameters: { Loop: { $ref: '#/components/parameters/Loop2' }, Loop2: { $ref: '#/components/parameters/Loop' } } },
    })
    const get = operation(snapshot, 'GET /a')
    expect(get.parameters).toEqual([])
    expect(get.responses['200']).toEqual({ content: {} })
    expect(snapshot.warnings).toEqual([
      '$ref "#/components/parameters/Loop" is part of a reference cycle',
      '$ref "#/components/parameters/Missing" does not resolve inside the document',
      '$ref "#/components/responses/Gone" does not resolve inside the document',
      '$ref "#/components/schemas/Nope" does not resolve inside the document',
    ])
  })
})

describe('external references', () => {
  it('are kept as { $ref }, reported once per distinct target, and never fetched', async () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('no network in this test')))
    vi.stubGlobal('fetch', fetchSpy)
    try {
      const snapshot = await openapi({
        paths: {
          '/a': { get: { responses: jsonResponse({ $ref: 'common.yaml#/Pet' }) } },
          '/b': { get: { responses: jsonResponse({ $ref: 'common.yaml#/Pet' }) }, parameters: [{ $ref: 'https://example.com/params.json#/Id' }] },
        },
        components: { schemas: { Owner: { properties: { pet: { $ref: 'common.yaml#/Pet' }, tag: { $ref: 'https://example.com/tag.json' } } } } },
      })
      expect(operation(snapshot, 'GET /a').responses['200']!.content['application/json']!.schema).toEqual({ $ref: 'common.yaml#/Pet' })
      expect(snapshot.schemas[schemaPointer('Owner')]).toEqual({ properties: { pet: { $ref: 'common.yaml#/Pet' }, tag: { $ref: 'https://example.com/tag.json' } } })
      expect(snapshot.warnings).toEqual([
        '$ref "common.yaml#/Pet" points outside the document and is not followed',
        '$ref "https://example.com/params.json#/Id" points outside the document and is not followed',
        '$ref "https://example.com/tag.json" points outside the document and is not followed',
      ])
      expect(fetchSpy).not.toHaveBeenCalled()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

describe('recursive schemas', () => {
  it('self and mutual references stay references and hash without looping', async () => {
    const snapshot = await openapi({
      paths: { '/tree': { get: { responses: jsonResponse({ $ref: '#/components/schemas/Tree' }) } } },
      components: {
        schemas: {
          Tree: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } }, owner: { $ref: '#/components/schemas/Person' } } },
          Person: { type: 'object', properties: { company: { $ref: '#/components/schemas/Company' } } },
          Company: { type: 'object', properties: { ceo: { $ref: '#/components/schemas/Person' } } },
        },
      },
    })
    expect(snapshot.schemas[schemaPointer('Tree')]).toEqual({
      type: ['object'],
      properties: { children: { type: ['array'], items: { $ref: schemaPointer('Tree') } }, owner: { $ref: schemaPointer('Person') } },
    })
    const hashes = snapshot.schemaHashes!
    expect(Object.keys(hashes).sort()).toEqual([schemaPointer('Company'), schemaPointer('Person'), schemaPointer('Tree')])
    expect(new Set(Object.values(hashes)).size).toBe(3)
    for (const hash of Object.values(hashes)) expect(hash).toMatch(/^[0-9a-f]{16}$/)
  })
})

describe('schemaHashes and operation hashes', () => {
  const components = (companyNameType: string) => ({
    schemas: {
      Company: { type: 'object', properties: { name: { type: companyNameType } } },
      Person: { type: 'object', properties: { employer: { $ref: '#/components/schemas/Company' }, friend: { $ref: '#/components/schemas/Person' } } },
      Team: { type: 'array', items: { $ref: '#/components/schemas/Person' } },
      Unrelated: { type: 'string' },
    },
  })
  const paths = {
    '/team': { get: { responses: jsonResponse({ $ref: '#/components/schemas/Team' }) } },
    '/people': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Person' } } } }, responses: {} } },
    '/status': { get: { responses: jsonResponse({ $ref: '#/components/schemas/Unrelated' }) } },
  }

  it('are stable for the same document', async () => {
    const first = await openapi({ paths, components: components('string') })
    const second = await openapi({ paths, components: components('string') })
    expect(second.schemaHashes).toEqual(first.schemaHashes)
    expect(second.operations.map((entry) => entry.hash)).toEqual(first.operations.map((entry) => entry.hash))
  })

  it('a change inside a component changes its hash, the hash of every component and operation reaching it, and nothing else', async () => {
    const before = await openapi({ paths, components: components('string') })
    const after = await openapi({ paths, components: components('integer') })
    const changedSchemas = Object.keys(after.schemaHashes!).filter((pointer) => after.schemaHashes![pointer] !== before.schemaHashes![pointer])
    expect(changedSchemas.sort()).toEqual([schemaPointer('Company'), schemaPointer('Person'), schemaPointer('Team')])
    const changedOperations = after.operations.filter((entry, index) => entry.hash !== before.operations[index]!.hash).map((entry) => entry.key)
    expect(changedOperations).toEqual(['GET /team', 'POST /people'])
  })

  it('a 10,000-schema reference chain is hashed without recursion, and its last link reaches the first', async () => {
    const chain = (lastType: string) => {
      const schemas: Record<string, unknown> = {}
      for (let index = 0; index < 10_000; index++) {
        schemas[`S${index}`] = index === 9_999 ? { type: lastType } : { type: 'object', properties: { next: { $ref: `#/components/schemas/S${index + 1}` } } }
      }
      return schemas
    }
    const before = await openapi({ paths: {}, components: { schemas: chain('string') } })
    const after = await openapi({ paths: {}, components: { schemas: chain('integer') } })
    expect(Object.keys(after.schemaHashes!)).toHaveLength(10_000)
    expect(after.schemaHashes![schemaPointer('S0')]).not.toBe(before.schemaHashes![schemaPointer('S0')])
  })
})
