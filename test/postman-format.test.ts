import { describe, expect, it } from 'vitest'
import { InvalidSpecError, ParseError } from '../src/errors/errors.js'
import { canonicalJson, canonicalSummary, sha256Hex } from '../src/formats/hash.js'
import { postmanFormat } from '../src/formats/postman/index.js'
import { MAX_FOLDER_DEPTH } from '../src/formats/postman/flatten-items.js'
import type { NormalizedDocument, SnapshotOperation } from '../src/model/snapshot.js'
import { collection, collectionText, folder, objectUrl, reExport, request, SCHEMA_V20 } from './fixtures/postman-collection-builder.js'
import { fixture } from './helpers/fixtures.js'
import { rejectionOf } from './helpers/promises.js'

const NESTED_V20 = fixture('postman.nested-v2.0.json')

function normalize(text: string, sourceId = 'postman-test'): Promise<NormalizedDocument> {
  return postmanFormat.normalize(text, { sourceId })
}

async function operationsOf(items: unknown[], extra: Record<string, unknown> = {}): Promise<SnapshotOperation[]> {
  return (await normalize(collectionText(items, extra))).snapshot.operations
}

async function onlyOperation(fields: Record<string, unknown>, item: Record<string, unknown> = {}): Promise<SnapshotOperation> {
  const operations = await operationsOf([request('The request', fields, item)])
  expect(operations).toHaveLength(1)
  return operations[0]!
}

describe('postmanFormat.normalize: collection v2.0 with nested folders', () => {
  it('keeps all six requests that share GET /get as six operations with their folder paths', async () => {
    const { snapshot } = await normalize(NESTED_V20)
    expect(snapshot.type).toBe('postman')
    expect(snapshot.specVersion).toBe('2.0.0')
    expect(snapshot.title).toBe('multi-level-folders-v2')
    expect(snapshot.servers).toEqual(['https://postman-echo.com'])
    expect(snapshot.operations.map((operation) => operation.key)).toEqual(Array(6).fill('GET /get'))
    const byName = Object.fromEntries(snapshot.operations.map((operation) => [operation.summary, operation]))
    expect(Object.keys(byName).sort()).toEqual(['F1.R1', 'F1.R2', 'F1.R3', 'F2.F3.R1', 'F2.R1', 'R1'])
    expect(byName['F2.F3.R1']!.folder).toEqual(['F2', 'F2.F3'])
    expect(byName['F2.F3.R1']!.identity).toBe('GET /get#F2/F2.F3/F2.F3.R1')
    expect(byName['R1']!.folder).toEqual([])
    expect(byName['R1']!.identity).toBe('GET /get#R1')
    expect(byName['F1.R2']!.extra).toEqual({ folder: ['F1'], server: 'https://postman-echo.com' })
    expect(new Set(snapshot.operations.map((operation) => operation.identity)).size).toBe(6)
    // An empty folder (F4) contributes nothing and is not a problem.
    expect(snapshot.warnings).toEqual([])
  })

  it('gives a request alone on its method and path the plain identity', async () => {
    const operations = await operationsOf([
      request('Get one', { url: '{{baseUrl}}/v1/customers/:customer' }),
      request('List', { url: '{{baseUrl}}/v1/customers' }),
    ])
    expect(operations.map((operation) => operation.identity)).toEqual(['GET /v1/customers', 'GET /v1/customers/{}'])
  })

  it('falls back to a counter only for requests that share method, path, folder and name', async () => {
    const operations = await operationsOf([
      folder('Pets', [request('List', { url: '{{baseUrl}}/pets' }), request('List', { url: '{{baseUrl}}/pets?page=2' })]),
    ])
    expect(operations.map((operation) => operation.identity).sort()).toEqual(['GET /pets#Pets/List', 'GET /pets#Pets/List#2'])
  })
})

describe('postmanFormat.normalize: URLs and keys', () => {
  it('reads an object URL without raw, turning :var and {{var}} segments into {var}', async () => {
    const operation = await onlyOperation({
      method: 'post',
      url: objectUrl('v1/customers/:customer/sources/{{source}}', {
        variable: [{ key: 'customer', value: '<string>', description: { content: '(Required) The customer', type: 'text/plain' } }],
      }),
    })
    expect(operation.key).toBe('POST /v1/customers/{customer}/sources/{source}')
    expect(operation.method).toBe('POST')
    expect(operation.path).toBe('/v1/customers/{customer}/sources/{source}')
    expect(operation.identity).toBe('POST /v1/customers/{}/sources/{}')
    expect(operation.parameters.filter((parameter) => parameter.in === 'path')).toEqual([
      { name: 'customer', in: 'path', required: true, description: '(Required) The customer', example: '<string>' },
      { name: 'source', in: 'path', required: true },
    ])
    expect(operation.extra?.server).toBe('{{baseUrl}}')
  })

  it('reads a string URL: drops protocol and host (or a leading {{baseUrl}}) and keeps the query', async () => {
    const withVariable = await onlyOperation({ url: '{{baseUrl}}/v1/things/{{thingId}}?limit=10&expand' })
    expect(withVariable.key).toBe('GET /v1/things/{thingId}')
    expect(withVariable.parameters.filter((parameter) => parameter.in === 'query')).toEqual([
      { name: 'expand', in: 'query', required: false },
      { name: 'limit', in: 'query', required: false, example: '10' },
    ])
    const withHost = await onlyOperation({ url: 'https://api.example.com:8443/v2/orders/:orderId#fragment' })
    expect(withHost.key).toBe('GET /v2/orders/{orderId}')
    expect(withHost.extra?.server).toBe('https://api.example.com:8443')
    const glued = await onlyOperation({ url: '{{baseUrl}}v1/balance' })
    expect(glued.key).toBe('GET /v1/balance')
    const root = await onlyOperation({ url: 'https://example.com' })
    expect(root.key).toBe('GET /')
  })

  it('reads an object URL that only has raw, and a request given as a bare URL string', async () => {
    const rawOnly = await onlyOperation({ url: { raw: '{{baseUrl}}/users/:id?active=true' } })
    expect(rawOnly.key).toBe('GET /users/{id}')
    expect(rawOnly.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(['path:id', 'query:active'])
    const operations = await operationsOf([{ name: 'Bare', request: 'https://example.com/health' }])
    expect(operations.map((operation) => [operation.key, operation.summary])).toEqual([['GET /health', 'Bare']])
  })

  it('drops empty segments, so a leading or doubled slash is the same path', async () => {
    const operation = await onlyOperation({ url: { protocol: 'https', host: ['files', 'stripe', 'com'], path: ['', 'v1', 'files'] } })
    expect(operation.key).toBe('GET /v1/files')
    expect(operation.extra?.server).toBe('https://files.stripe.com')
  })

  it('lists a request without a URL as "/" with a warning', async () => {
    const { snapshot } = await normalize(collectionText([{ name: 'Broken', request: { method: 'GET' } }]))
    expect(snapshot.operations.map((operation) => operation.key)).toEqual(['GET /'])
    expect(snapshot.warnings).toEqual(['item[0] ("Broken") has no URL; it is listed as GET /'])
  })
})

describe('postmanFormat.normalize: operation fields', () => {
  it('takes summary from the name and description from a string or a {content} object', async () => {
    const operations = await operationsOf([
      request('Object description', { url: '{{baseUrl}}/a', description: { content: 'Lists **a**.', type: 'text/markdown' } }),
      request('String description', { url: '{{baseUrl}}/b', description: 'Lists b.' }),
      request('Empty description', { url: '{{baseUrl}}/c', description: '' }),
    ])
    expect(operations.map((operation) => [operation.summary, operation.description])).toEqual([
      ['Object description', 'Lists **a**.'],
      ['String description', 'Lists b.'],
      ['Empty description', undefined],
    ])
  })

  it('keeps disabled query rows with a flag, headers as optional header parameters, and drops secret values', async () => {
    const operation = await onlyOperation({
      url: objectUrl('v1/charges', {
        query: [
          { key: 'limit', value: '<integer>', disabled: true, description: { content: 'Page size', type: 'text/plain' } },
          { key: 'customer', value: 'cus_123' },
          { key: 'access_token', value: 'tok_live_secret' },
        ],
      }),
      header: [
        { key: 'Accept', value: 'application/json' },
        { key: 'Authorization', value: 'Bearer sk_live_secret' },
        { key: 'X-Debug', value: '1', disabled: true },
      ],
    })
    expect(operation.parameters).toEqual([
      { name: 'access_token', in: 'query', required: false },
      { name: 'customer', in: 'query', required: false, example: 'cus_123' },
      { name: 'limit', in: 'query', required: false, description: 'Page size', example: '<integer>', disabled: true },
      { name: 'Accept', in: 'header', required: false, example: 'application/json' },
      { name: 'Authorization', in: 'header', required: false },
      { name: 'X-Debug', in: 'header', required: false, example: '1', disabled: true },
    ])
  })

  it('reads collection v2.0 headers written as one string of lines', async () => {
    const { snapshot } = await normalize(
      collectionText([request('Lines', { url: 'https://example.com/x', header: 'Accept: text/csv\n// X-Off: 1\n' })], {}, SCHEMA_V20),
    )
    expect(snapshot.operations[0]!.parameters).toEqual([
      { name: 'Accept', in: 'header', required: false, example: 'text/csv' },
      { name: 'X-Off', in: 'header', required: false, example: '1', disabled: true },
    ])
  })

  it('maps each body mode to a media type with its example', async () => {
    const raw = (body: Record<string, unknown>, header: unknown[] = []) =>
      onlyOperation({ method: 'POST', url: '{{baseUrl}}/x', header, body })
    const json = await raw({ mode: 'raw', raw: '{"name": "Rex"}', options: { raw: { language: 'json' } } })
    expect(json.requestBody).toEqual({ required: true, content: { 'application/json': { example: '{"name": "Rex"}' } } })
    expect(json.extra?.bodyMode).toBe('raw')
    const plain = await raw({ mode: 'raw', raw: 'hello' })
    expect(Object.keys(plain.requestBody!.content)).toEqual(['text/plain'])
    const declared = await raw({ mode: 'raw', raw: '<a/>' }, [{ key: 'content-type', value: 'application/vnd.api+xml; charset=utf-8' }])
    expect(Object.keys(declared.requestBody!.content)).toEqual(['application/vnd.api+xml'])
    const form = await raw({
      mode: 'urlencoded',
      urlencoded: [
        { key: 'name', value: '<string>', description: { content: '(Required) Name', type: 'text/plain' } },
        { key: 'email', value: '<string>', disabled: true },
      ],
    })
    expect(form.requestBody?.content).toEqual({
      'application/x-www-form-urlencoded': {
        example: [
          { key: 'email', value: '<string>', disabled: true },
          { key: 'name', value: '<string>', description: '(Required) Name' },
        ],
      },
    })
    const multipart = await raw({
      mode: 'formdata',
      formdata: [
        { key: 'file', type: 'file', src: '/Users/someone/Desktop/logo.png' },
        { key: 'purpose', type: 'text', value: 'logo' },
      ],
    })
    expect(multipart.requestBody?.content).toEqual({
      'multipart/form-data': { example: [{ key: 'file', type: 'file' }, { key: 'purpose', value: 'logo' }] },
    })
    expect(multipart.extra?.bodyMode).toBe('formdata')
    const graphql = await raw({ mode: 'graphql', graphql: { query: '{ me { id } }', variables: '{}' } })
    expect(graphql.requestBody?.content).toEqual({ 'application/json': { example: { query: '{ me { id } }', variables: '{}' } } })
    const file = await raw({ mode: 'file', file: { src: '/tmp/upload.bin' } })
    expect(file.requestBody?.content).toEqual({ 'application/octet-stream': {} })
    expect(file.extra?.bodyMode).toBe('file')
  })

  it('keeps form field names but not the values of secret-looking fields', async () => {
    const operation = await onlyOperation({
      method: 'POST',
      url: '{{baseUrl}}/oauth/token',
      body: { mode: 'urlencoded', urlencoded: [{ key: 'client_secret', value: 'SECRET_VALUE' }, { key: 'grant_type', value: 'client_credentials' }] },
    })
    expect(operation.requestBody?.content['application/x-www-form-urlencoded']?.example).toEqual([
      { key: 'client_secret' },
      { key: 'grant_type', value: 'client_credentials' },
    ])
  })

  it('sees no body in an empty raw body, a disabled body, an empty object or a file mode without a file', async () => {
    const operations = await operationsOf([
      request('Empty raw', { url: '{{baseUrl}}/a', body: { mode: 'raw', raw: '' } }),
      request('Disabled', { url: '{{baseUrl}}/b', body: { mode: 'raw', raw: 'x', disabled: true } }),
      request('Nothing', { url: '{{baseUrl}}/c', body: {} }),
      request('No file', { url: '{{baseUrl}}/d', body: { mode: 'file', file: {} } }),
    ])
    expect(operations).toHaveLength(4)
    for (const operation of operations) {
      expect(operation.requestBody).toBeUndefined()
      expect(operation.extra?.bodyMode).toBeUndefined()
    }
  })

  it('turns saved examples into responses keyed by status code', async () => {
    const operation = await onlyOperation(
      { url: '{{baseUrl}}/pets/:id' },
      {
        response: [
          { name: 'Found', code: 200, status: 'OK', header: [{ key: 'Content-Type', value: 'application/json' }], body: '{"id":1}' },
          { name: 'Missing', code: 404, status: 'Not Found', _postman_previewlanguage: 'json', body: '{"error":"nope"}' },
          { name: 'Found again', code: 200, header: [{ key: 'Content-Type', value: 'application/json' }], body: '{"id":2}' },
        ],
      },
    )
    expect(operation.responses).toEqual({
      '200': { description: 'Found', content: { 'application/json': { example: '{"id":1}' } } },
      '404': { description: 'Missing', content: { 'application/json': { example: '{"error":"nope"}' } } },
    })
  })

  it('keeps auth type and setting names, never their values, and resolves inheritance', async () => {
    const text = collectionText(
      [
        folder(
          'Admin',
          [
            request('Inherits folder', { url: '{{baseUrl}}/admin' }),
            request('Own', {
              url: '{{baseUrl}}/own',
              auth: {
                type: 'apikey',
                apikey: [
                  { key: 'value', value: 'sk_live_SECRET_1' },
                  { key: 'key', value: 'X-Api-Key' },
                  { key: 'in', value: 'header' },
                ],
              },
            }),
            request('No auth', { url: '{{baseUrl}}/public', auth: { type: 'noauth' } }),
          ],
          { auth: { type: 'basic', basic: [{ key: 'username', value: 'admin' }, { key: 'password', value: 'SECRET_2' }] } },
        ),
        request('Inherits collection', { url: '{{baseUrl}}/me' }),
      ],
      { auth: { type: 'bearer', bearer: [{ key: 'token', value: 'SECRET_3', type: 'string' }] } },
    )
    const { snapshot, canonical } = await normalize(text)
    const auth = Object.fromEntries(snapshot.operations.map((operation) => [operation.summary, operation.extra?.auth]))
    expect(auth).toEqual({
      'Inherits folder': { type: 'basic', keys: ['password', 'username'] },
      Own: { type: 'apikey', keys: ['in', 'key', 'value'] },
      'No auth': { type: 'noauth', keys: [] },
      'Inherits collection': { type: 'bearer', keys: ['token'] },
    })
    expect(canonical).not.toContain('SECRET')
  })

  it('reads collection v2.0 auth written as a map of settings', async () => {
    const { snapshot } = await normalize(
      collectionText([request('Map', { url: 'https://example.com/x', auth: { type: 'bearer', bearer: { token: 'SECRET' } } })], {}, SCHEMA_V20),
    )
    expect(snapshot.operations[0]!.extra?.auth).toEqual({ type: 'bearer', keys: ['token'] })
  })

  it('sorts operations by key and hashes each one', async () => {
    const operations = await operationsOf([
      request('Z', { url: '{{baseUrl}}/z' }),
      request('A', { method: 'POST', url: '{{baseUrl}}/a' }),
      request('A get', { url: '{{baseUrl}}/a' }),
    ])
    expect(operations.map((operation) => operation.key)).toEqual(['GET /a', 'GET /z', 'POST /a'])
    expect(operations.every((operation) => /^[0-9a-f]{16}$/.test(operation.hash))).toBe(true)
  })
})

describe('postmanFormat.normalize: fingerprint', () => {
  it('is unchanged by key reordering and regenerated item ids (v2.0 nested fixture)', async () => {
    const original = await normalize(NESTED_V20)
    const reExported = reExport(JSON.parse(NESTED_V20), { reverseKeys: true, idPrefix: 'fresh' })
    expect(JSON.stringify(reExported)).not.toContain('F1.R1-id')
    const again = await normalize(JSON.stringify(reExported))
    expect(again.canonical).toBe(original.canonical)
    expect(await sha256Hex(again.canonical)).toBe(await sha256Hex(original.canonical))
  })

  it('is unchanged by reordering query rows, headers and form fields, and changed by a real edit', async () => {
    const build = (query: unknown[], fields: unknown[], name = 'Create') =>
      collectionText([
        request(name, {
          method: 'POST',
          url: objectUrl('v1/things', { query }),
          header: [],
          body: { mode: 'urlencoded', urlencoded: fields },
        }),
      ])
    const a = { key: 'a', value: '1' }
    const b = { key: 'b', value: '2', disabled: true }
    const first = await normalize(build([a, b], [a, b]))
    const reordered = await normalize(build([b, a], [b, a]))
    const renamed = await normalize(build([a, b], [a, b], 'Create a thing'))
    expect(reordered.canonical).toBe(first.canonical)
    expect(renamed.canonical).not.toBe(first.canonical)
    expect(renamed.snapshot.operations[0]!.hash).not.toBe(first.snapshot.operations[0]!.hash)
  })

  it('does not depend on how the JSON text is formatted', async () => {
    const document = collection([request('One', { url: '{{baseUrl}}/one' })])
    const compact = await normalize(JSON.stringify(document))
    const pretty = await normalize(JSON.stringify(document, null, 4))
    expect(pretty.canonical).toBe(compact.canonical)
  })

  it('is the Merkle summary of the snapshot: document fields and [key, identity, hash] of each request', async () => {
    const { snapshot, canonical } = await normalize(NESTED_V20)
    expect(canonical).toBe(canonicalSummary(snapshot))
    expect(canonical).toContain(JSON.stringify([snapshot.operations[0]!.key, snapshot.operations[0]!.identity, snapshot.operations[0]!.hash]))
  })

  it('builds every request with its keys in canonical order, so hashing it is one native JSON.stringify', async () => {
    const { snapshot } = await normalize(NESTED_V20)
    for (const { identity: _identity, hash: _hash, ...operation } of snapshot.operations) {
      expect(JSON.stringify(operation)).toBe(canonicalJson(operation))
    }
  })
})

describe('postmanFormat.normalize: which documents are collections', () => {
  it('accepts v2.1 and the Postman API wrapper {"collection": {...}}', async () => {
    const wrapped = await normalize(JSON.stringify({ collection: collection([request('One', { url: '{{baseUrl}}/one' })]) }))
    expect(wrapped.snapshot.specVersion).toBe('2.1.0')
    expect(wrapped.snapshot.operations.map((operation) => operation.key)).toEqual(['GET /one'])
  })

  it('accepts a collection version given as a v2.0 object', async () => {
    const text = JSON.stringify(collection([], {}, SCHEMA_V20)).replace('"name":"Test API"', '"name":"Test API","version":{"major":1,"minor":2,"patch":3}')
    expect((await normalize(text)).snapshot.version).toBe('1.2.3')
  })

  it.each([
    ['an OpenAPI document', JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: {} }), /OpenAPI 3\.0\.3/],
    ['a Swagger document', JSON.stringify({ swagger: '2.0', info: {}, paths: {} }), /Swagger 2\.0/],
    ['a GraphQL SDL schema', 'type Query {\n  me: User\n}\n\ntype User {\n  id: ID!\n}\n', /not a Postman collection/],
    ['a GraphQL introspection result', JSON.stringify({ data: { __schema: { types: [] } } }), /GraphQL introspection/],
    ['random JSON', JSON.stringify({ hello: 'world' }), /no "info" object/],
    ['a JSON array', '[1, 2, 3]', /got an array/],
    ['a JSON string', '"collection"', /got a string/],
    ['a v1 collection', JSON.stringify({ id: 'x', name: 'Old', order: [], requests: [] }), /v1/],
    ['an unknown schema', JSON.stringify(collection([], {}, 'https://schema.getpostman.com/json/collection/v3.0.0/collection.json')), /v3\.0\.0/],
    ['a collection without schema', JSON.stringify({ info: { name: 'x' }, item: [] }), /info\.schema" is missing/],
    ['a collection whose item is not an array', JSON.stringify({ ...collection([]), item: {} }), /"item" must be an array, got an object/],
  ])('rejects %s with INVALID_SPEC naming the source', async (_label, text, reason) => {
    const error = await rejectionOf(normalize(text, 'my-source'))
    expect(error).toBeInstanceOf(InvalidSpecError)
    expect((error as InvalidSpecError).code).toBe('INVALID_SPEC')
    expect((error as InvalidSpecError).sourceId).toBe('my-source')
    expect((error as Error).message).toContain('"my-source"')
    expect((error as Error).message).toMatch(reason)
  })

  it('rejects an item that is not an object, naming where it is', async () => {
    const error = await rejectionOf(normalize(collectionText([folder('F', [request('ok', { url: '{{baseUrl}}/' }), 42])]), 'my-source'))
    expect(error).toBeInstanceOf(InvalidSpecError)
    expect((error as Error).message).toBe('Postman collection of source "my-source": item[0].item[1] is not an object')
  })

  it('skips an item that is neither a request nor a folder, with a warning', async () => {
    const { snapshot } = await normalize(collectionText([{ name: 'Stray' }, request('Kept', { url: '{{baseUrl}}/k' })]))
    expect(snapshot.operations.map((operation) => operation.summary)).toEqual(['Kept'])
    expect(snapshot.warnings).toEqual(['item[0] ("Stray") is neither a request nor a folder and was skipped'])
  })

  it('reports JSON syntax errors as PARSE_ERROR with line and column', async () => {
    const error = await rejectionOf(normalize('{\n  "info": {\n    "name": "x",\n  }\n}', 'my-source'))
    expect(error).toBeInstanceOf(ParseError)
    expect((error as ParseError).code).toBe('PARSE_ERROR')
    expect((error as ParseError).line).toBe(4)
    expect((error as Error).message).toContain('"my-source"')
  })
})

describe('postmanFormat: hostile nesting', () => {
  it('refuses folders nested deeper than MAX_FOLDER_DEPTH quickly, with a typed error', async () => {
    const nest = (depth: number) =>
      '{"info":{"name":"C","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[' +
      '{"name":"f","item":['.repeat(depth) +
      '{"name":"r","request":{"method":"GET","url":"https://x/a"}}' +
      ']}'.repeat(depth) +
      ']}'
    await expect(postmanFormat.normalize(nest(100_000), { sourceId: 'deep' })).rejects.toMatchObject({
      code: 'INVALID_SPEC',
      message: expect.stringContaining('nested too deeply'),
    })
    const ok = await postmanFormat.normalize(nest(MAX_FOLDER_DEPTH), { sourceId: 'deep-ok' })
    expect(ok.snapshot.operations).toHaveLength(1)
  })
})
