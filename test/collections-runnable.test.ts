import { describe, expect, it } from 'vitest'
import {
  fromPostmanCollection,
  generateCollection,
  mergeCollection,
  toPostmanCollection,
  type Collection,
  type PostmanRequestItem,
  type Request,
} from '../src/collections/index.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { deepFreeze, op, snapshot, requests } from './helpers/collections-snapshots.js'

// Issue 12 items 1-7 and 9, field by field: what makes a generated request run as it is.

function only(collection: Collection): Request {
  const [request] = requests(collection)
  if (request === undefined) throw new Error('no request')
  return request
}

function postmanItem(collection: Collection): PostmanRequestItem {
  const walk = (items: unknown[]): PostmanRequestItem | undefined => {
    for (const item of items as Array<Record<string, unknown>>) {
      if (Array.isArray(item.item)) return walk(item.item)
      return item as unknown as PostmanRequestItem
    }
    return undefined
  }
  return walk(JSON.parse(JSON.stringify(toPostmanCollection(collection))).item)!
}

describe('path variables (item 1)', () => {
  it("gives each one the spec's example, else its first named example, default or enum, else a value fitting its schema, and its description", () => {
    const collection = generateCollection(
      snapshot([
        op('GET', '/a/{a}/b/{b}/c/{c}/d/{d}/e/{e}/f/{f}', {
          parameters: [
            { name: 'a', in: 'path', required: true, example: 'ex', description: 'The a' },
            { name: 'b', in: 'path', required: true, examples: { first: { value: 'named' } } },
            { name: 'c', in: 'path', required: true, schema: { type: ['string'], default: 'dflt' } },
            { name: 'd', in: 'path', required: true, schema: { type: ['string'], enum: ['on', 'off'] } },
            { name: 'e', in: 'path', required: true, schema: { type: ['string'], format: 'uuid' } },
            { name: 'f', in: 'path', required: true, schema: { type: ['integer'], minimum: 1 } },
          ],
        }),
      ]),
    )
    expect(only(collection).pathVariables).toEqual([
      { key: 'a', value: 'ex', enabled: true, description: 'The a' },
      { key: 'b', value: 'named', enabled: true },
      { key: 'c', value: 'dflt', enabled: true },
      { key: 'd', value: 'on', enabled: true },
      { key: 'e', value: '00000000-0000-4000-8000-000000000000', enabled: true },
      { key: 'f', value: '1', enabled: true },
    ])
    expect(postmanItem(collection).request.url.variable).toEqual([
      { key: 'a', value: 'ex', description: 'The a' },
      { key: 'b', value: 'named' },
      { key: 'c', value: 'dflt' },
      { key: 'd', value: 'on' },
      { key: 'e', value: '00000000-0000-4000-8000-000000000000' },
      { key: 'f', value: '1' },
    ])
  })

  it('sends a parameter inside a segment through a declared variable, and reads it back as {name}', () => {
    const collection = generateCollection(
      snapshot([
        op('GET', '/files/{file_id}/thumbnail.{extension}', {
          parameters: [
            { name: 'file_id', in: 'path', required: true, example: 'f1' },
            { name: 'extension', in: 'path', required: true, schema: { type: ['string'], enum: ['png', 'jpg'] } },
          ],
        }),
      ]),
    )
    expect(only(collection).url).toBe('{{baseUrl}}/files/{file_id}/thumbnail.{extension}')
    expect(collection.variables).toMatchObject({ extension: 'png' })
    const postman = JSON.parse(JSON.stringify(toPostmanCollection(collection)))
    expect(postmanItem(collection).request.url).toMatchObject({ raw: '{{baseUrl}}/files/:file_id/thumbnail.{{extension}}', variable: [{ key: 'file_id', value: 'f1' }, { key: 'extension', value: 'png' }] })
    expect(fromPostmanCollection(postman)).toEqual(collection)
  })

  it('keeps a value the user set in Postman through a sync that renames the parameter', () => {
    const before = snapshot([op('GET', '/users/{id}', { operationId: 'getUser', parameters: [{ name: 'id', in: 'path', required: true, example: '1' }] })])
    const after = snapshot([op('GET', '/users/{userId}', { operationId: 'getUser', parameters: [{ name: 'userId', in: 'path', required: true, example: '1' }] })])
    const base = deepFreeze(generateCollection(before))
    const postman = JSON.parse(JSON.stringify(toPostmanCollection(base)))
    postman.item[0].item[0].request.url.variable[0].value = '42'
    const current = fromPostmanCollection(postman)
    const { collection, report } = mergeCollection({ base, current, incoming: generateCollection(after), renames: [{ from: 'GET /users/{id}', to: 'GET /users/{userId}' }] })
    expect(only(collection)).toMatchObject({ url: '{{baseUrl}}/users/{userId}', pathVariables: [{ key: 'userId', value: '42', enabled: true }] })
    expect(report.conflicts).toEqual([])
  })
})

describe('base URLs (item 2)', () => {
  it('never ends a server URL in / (no //v1 paths)', () => {
    const collection = generateCollection(snapshot([op('GET', '/v1/charges')], { servers: ['https://api.stripe.com/'] }))
    expect(collection.variables).toMatchObject({ baseUrl: 'https://api.stripe.com' })
    expect(postmanItem(collection).request.url.raw).toBe('{{baseUrl}}/v1/charges')
  })

  it('gives an operation served from its own server a variable of its own, named after the host', () => {
    const upload = op('POST', '/repos/{owner}/{repo}/releases/{id}/assets', {
      extra: { servers: [{ url: '{origin}', variables: { origin: { default: 'https://uploads.github.com' } } }] },
    })
    const collection = generateCollection(snapshot([upload, op('GET', '/repos/{owner}/{repo}')], { servers: ['https://api.github.com'] }))
    expect(collection.variables).toMatchObject({ baseUrl: 'https://api.github.com', uploadsBaseUrl: 'https://uploads.github.com' })
    expect(requests(collection).map((request) => request.url)).toEqual(['{{baseUrl}}/repos/{owner}/{repo}', '{{uploadsBaseUrl}}/repos/{owner}/{repo}/releases/{id}/assets'])
  })

  it('takes the host most requests of a Postman source use as baseUrl, others get their own variable', () => {
    const postman = snapshot(
      [
        op('GET', '/v1/charges', { extra: { server: 'https://api.stripe.com' } }),
        op('GET', '/v1/customers', { extra: { server: 'https://api.stripe.com' } }),
        op('POST', '/v1/files', { extra: { server: 'https://files.stripe.com' } }),
      ],
      { type: 'postman', specVersion: '2.1.0', servers: ['https://api.stripe.com', 'https://files.stripe.com'] },
    )
    const collection = generateCollection(postman)
    expect(collection.variables).toMatchObject({ baseUrl: 'https://api.stripe.com', filesBaseUrl: 'https://files.stripe.com' })
    expect(requests(collection).map((request) => request.url)).toEqual(['{{baseUrl}}/v1/charges', '{{baseUrl}}/v1/customers', '{{filesBaseUrl}}/v1/files'])
  })
})

describe('auth and variables (item 3)', () => {
  const schemes = { bearer: { type: 'http', scheme: 'bearer' }, key: { type: 'apiKey', in: 'header', name: 'X-Key' } }
  const collection = generateCollection(
    snapshot(
      [
        op('GET', '/a', { security: [{ bearer: [] }] }),
        op('GET', '/b', { security: [{ bearer: [] }] }),
        op('GET', '/c', { security: [{ key: [] }] }),
        op('GET', '/d', { security: [] }),
        op('GET', '/e'),
      ],
      { securitySchemes: schemes },
    ),
  )

  it('puts the auth most requests share on the collection once; requests whose security differs keep their own', () => {
    expect(collection.auth).toEqual({ type: 'bearer', token: '{{token}}' })
    expect(requests(collection).map((request) => request.auth)).toEqual([
      { type: 'inherit' },
      { type: 'inherit' },
      { type: 'apikey', key: 'X-Key', value: '{{apiKey}}', in: 'header' },
      { type: 'none' },
      // Declared no security: must not start sending the shared token.
      { type: 'none' },
    ])
  })

  it('declares every variable the collection uses, empty, with what to put there', () => {
    expect(collection.variables).toEqual({ baseUrl: 'https://api.example.com/v1', token: '', apiKey: '' })
    expect(collection.variableDescriptions).toMatchObject({ token: expect.stringContaining('Bearer'), apiKey: expect.stringContaining('API key') })
    const postman = JSON.parse(JSON.stringify(toPostmanCollection(collection)))
    expect(postman.variable.map((variable: { key: string; description?: string }) => [variable.key, typeof variable.description])).toEqual([
      ['baseUrl', 'string'],
      ['token', 'string'],
      ['apiKey', 'string'],
    ])
    expect(fromPostmanCollection(postman)).toEqual(collection)
  })
})

describe('form bodies and query serialization (item 4)', () => {
  it("follows a form's encoding: deepObject gives address[city]=..., exploded arrays repeat the key", () => {
    const schema = {
      type: ['object'],
      properties: {
        address: { type: ['object'], properties: { city: { type: ['string'], example: 'Paris' }, line1: { type: ['string'], example: '1 rue' } } },
        expand: { type: ['array'], items: { type: ['string'] }, example: ['customer', 'invoice'] },
        tags: { type: ['array'], items: { type: ['string'] }, example: ['a', 'b'] },
        name: { type: ['string'], example: 'Ada' },
      },
    }
    const collection = generateCollection(
      snapshot([
        op('POST', '/v1/customers', {
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema,
                encoding: { address: { style: 'deepObject', explode: true }, expand: { style: 'deepObject', explode: true } },
              },
            },
          },
        }),
      ]),
    )
    expect(postmanItem(collection).request.body).toEqual({
      mode: 'urlencoded',
      urlencoded: [
        { key: 'address[city]', value: 'Paris' },
        { key: 'address[line1]', value: '1 rue' },
        { key: 'expand[]', value: 'customer' },
        { key: 'expand[]', value: 'invoice' },
        { key: 'tags', value: 'a' },
        { key: 'tags', value: 'b' },
        { key: 'name', value: 'Ada' },
      ],
    })
  })

  it('writes a deepObject query parameter as a row per property, and exploded arrays as repeated rows', () => {
    const collection = generateCollection(
      snapshot([
        op('GET', '/items', {
          parameters: [
            { name: 'filter', in: 'query', required: false, style: 'deepObject', explode: true, schema: { type: ['object'], properties: { status: { type: ['string'], enum: ['open'] }, max: { type: ['integer'] } } } },
            { name: 'ids', in: 'query', required: true, schema: { type: ['array'], items: { type: ['integer'] } }, example: [1, 2] },
            { name: 'csv', in: 'query', required: true, explode: false, example: [1, 2] },
          ],
        }),
      ]),
    )
    expect(only(collection).params).toEqual([
      { key: 'filter[status]', value: 'open', enabled: false },
      { key: 'filter[max]', value: '0', enabled: false },
      { key: 'ids', value: '1', enabled: true },
      { key: 'ids', value: '2', enabled: true },
      { key: 'csv', value: '1,2', enabled: true },
    ])
  })
})

describe('binary bodies (item 5)', () => {
  it('sends application/octet-stream, */* and images as a file the user picks, with a usable Content-Type', () => {
    const bodyOf = (mediaType: string) => {
      const collection = generateCollection(snapshot([op('POST', '/upload', { requestBody: { required: true, content: { [mediaType]: { schema: { type: ['string'], format: 'binary' } } } } })]))
      return { model: only(collection).body, postman: postmanItem(collection).request.body, header: postmanItem(collection).request.header }
    }
    expect(bodyOf('application/octet-stream')).toEqual({
      model: { mediaType: 'application/octet-stream', text: '' },
      postman: { mode: 'file', file: {} },
      header: [{ key: 'Content-Type', value: 'application/octet-stream' }],
    })
    expect(bodyOf('*/*')).toMatchObject({ model: { mediaType: 'application/octet-stream', text: '' }, postman: { mode: 'file' } })
    expect(bodyOf('image/png')).toMatchObject({ postman: { mode: 'file' }, header: [{ key: 'Content-Type', value: 'image/png' }] })
  })
})

describe("what Postman's converter gives (items 6 and 7)", () => {
  it('adds an Accept header from the success response media types', () => {
    const collection = generateCollection(
      snapshot([op('GET', '/x', { responses: { '200': { description: 'ok', content: { 'application/xml': {}, 'application/json': {} } }, '404': { description: 'no', content: { 'text/plain': {} } } } })]),
    )
    expect(only(collection).headers).toEqual([{ key: 'Accept', value: 'application/json', enabled: true }])
  })

  it("writes GraphQL requests in Postman's GraphQL body mode, and reads them back", () => {
    const graphql = snapshot([op('QUERY', 'user', { parameters: [{ name: 'id', in: 'argument', required: true, schema: { type: ['string'] } }] })], { type: 'graphql', specVersion: 'graphql' })
    const collection = generateCollection(graphql)
    const body = postmanItem(collection).request.body
    expect(body).toMatchObject({ mode: 'graphql', graphql: { query: expect.stringMatching(/^query User\(\$id: String!\)/) } })
    expect(JSON.parse(body!.graphql!.variables)).toEqual({ id: '' })
    expect(fromPostmanCollection(JSON.parse(JSON.stringify(toPostmanCollection(collection))))).toEqual(collection)
  })
})

describe('GraphQL generation (item 10)', () => {
  it('looks each root field up once through an index, not by scanning every field per operation', () => {
    const count = 2_000
    const fields = Array.from({ length: count }, (_, index) => ({ name: `field${index}`, type: 'String', args: [] }))
    let reads = 0
    // Counts element reads of the root type's field list: a scan per operation reads it count² / 2 times.
    const counted = new Proxy(fields, {
      get(target, property, receiver) {
        if (typeof property === 'string' && /^\d+$/.test(property)) reads++
        return Reflect.get(target, property, receiver)
      },
    })
    const operations = fields.map((field) => op('QUERY', field.name))
    const graphql = snapshot(operations, { type: 'graphql', specVersion: 'graphql', schemas: { '#/types/Query': { kind: 'OBJECT', name: 'Query', fields: counted } } })
    expect(requests(generateCollection(graphql))).toHaveLength(count)
    expect(reads).toBeLessThanOrEqual(2 * count)
  })
})

describe('folders for specs without tags (item 6)', () => {
  it('groups by the first path segment that names a resource; a spec with tags keeps tag folders', () => {
    const untagged = generateCollection(snapshot([op('GET', '/v1/customers'), op('GET', '/v1/customers/{id}'), op('POST', '/v1/charges'), op('GET', '/')]))
    expect(untagged.items.map((item) => (item.type === 'folder' ? `${item.name}:${item.items.length}` : item.name))).toEqual(['charges:1', 'customers:2', 'GET /'])
    const tagged = generateCollection(snapshot([op('GET', '/v1/customers', { tags: ['Customers'] }), op('GET', '/v1/charges')]))
    expect(tagged.items.map((item) => item.name)).toEqual(['Customers', 'GET /v1/charges'])
  })
})

describe('saved response examples (item 6)', () => {
  it("saves each response example the spec declares as a Postman example, and none from a bare schema", () => {
    const collection = generateCollection(
      snapshot([
        op('GET', '/pets/{id}', {
          responses: {
            '200': { description: 'A pet', content: { 'application/json': { example: { id: 1, name: 'Rex' } } } },
            '404': { description: 'Not found', content: { 'application/json': { examples: { missing: { value: { error: 'no pet' } } } } } },
            '500': { description: 'Oops', content: { 'application/json': { schema: { type: ['object'] } } } },
          },
        }),
      ]),
    )
    expect(postmanItem(collection).response).toEqual([
      { name: 'A pet', status: 'OK', code: 200, header: [{ key: 'Content-Type', value: 'application/json' }], body: '{\n  "id": 1,\n  "name": "Rex"\n}', _postman_previewlanguage: 'json' },
      { name: 'Not found', status: 'Not Found', code: 404, header: [{ key: 'Content-Type', value: 'application/json' }], body: '{\n  "error": "no pet"\n}', _postman_previewlanguage: 'json' },
    ])
  })
})

describe("the spec's own order (item 6)", () => {
  it('lists folders in the order of the document tags and requests in the order of its paths', async () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 'Order', version: '1' },
      tags: [{ name: 'zoo' }, { name: 'alpha' }],
      paths: {
        '/zebras': { post: { tags: ['zoo'], responses: { '200': { description: 'ok' } } }, get: { tags: ['zoo'], responses: { '200': { description: 'ok' } } } },
        '/apples': { get: { tags: ['alpha'], responses: { '200': { description: 'ok' } } } },
        '/bees': { get: { tags: ['zoo'], responses: { '200': { description: 'ok' } } } },
        '/misc': { get: { tags: ['undeclared'], responses: { '200': { description: 'ok' } } } },
      },
    }
    const { snapshot: normalized } = await openapiFormat.normalize(JSON.stringify(document), { sourceId: 'order' })
    const collection = generateCollection({ ...normalized, fingerprint: 'order' })
    const tree = collection.items.map((item) => (item.type === 'folder' ? [item.name, item.items.map((request) => request.name)] : item.name))
    expect(tree).toEqual([
      ['zoo', ['POST /zebras', 'GET /zebras', 'GET /bees']],
      ['alpha', ['GET /apples']],
      ['undeclared', ['GET /misc']],
    ])
  })
})

describe('wildcard media types (item 5)', () => {
  it('sends */* with a structured schema as JSON (Kubernetes PUT), and */* with a string or no schema as a file', () => {
    const bodyOf = (schema: Record<string, unknown> | undefined) =>
      only(generateCollection(snapshot([op('PUT', '/x', { requestBody: { required: true, content: { '*/*': schema === undefined ? {} : { schema } } } })]))).body
    expect(bodyOf({ $ref: '#/components/schemas/Pod' })).toEqual({ mediaType: 'application/json', text: 'null' })
    expect(bodyOf({ type: ['object'], properties: { kind: { type: ['string'], example: 'Pod' } } })).toEqual({ mediaType: 'application/json', text: '{\n  "kind": "Pod"\n}' })
    expect(bodyOf({ type: ['string'] })).toEqual({ mediaType: 'application/octet-stream', text: '' })
    expect(bodyOf(undefined)).toEqual({ mediaType: 'application/octet-stream', text: '' })
  })
})

describe('collections saved before issue 12 still merge', () => {
  it('converges without duplicates when the saved base has the old shape (no path values, per-request auth, no path folders)', () => {
    const schemes = { bearer: { type: 'http', scheme: 'bearer' } }
    const spec = snapshot(
      [op('GET', '/v1/items/{id}', { security: [{ bearer: [] }], parameters: [{ name: 'id', in: 'path', required: true, example: '7' }] }), op('POST', '/v1/items', { security: [{ bearer: [] }] })],
      { securitySchemes: schemes, servers: ['https://api.example.com/'] },
    )
    const incoming = generateCollection(spec)
    // What the old generator wrote: requests at the top level, empty path values, auth copied per request.
    const old: Collection = {
      name: incoming.name,
      variables: { baseUrl: 'https://api.example.com/' },
      items: requests(incoming).map(({ pathVariables: _values, ...request }) => ({ ...request, auth: { type: 'bearer', token: '{{token}}' } })),
    }
    const base = deepFreeze(old)
    const first = mergeCollection({ base, current: structuredClone(old), incoming })
    const keys = requests(first.collection).map((request) => request.operationKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.sort()).toEqual(['GET /v1/items/{id}', 'POST /v1/items'])
    expect(first.report.conflicts).toEqual([])
    expect(only({ ...first.collection, items: first.collection.items.filter((item) => item.type === 'request' && item.method === 'GET') })).toMatchObject({
      pathVariables: [{ key: 'id', value: '7' }],
      auth: { type: 'inherit' },
    })
    expect(first.collection.auth).toEqual({ type: 'bearer', token: '{{token}}' })
    expect(first.collection.variables).toMatchObject({ baseUrl: 'https://api.example.com', token: '' })
    // The next sync of the same spec changes nothing.
    const second = mergeCollection({ base: incoming, current: first.collection, incoming })
    expect(second.collection).toEqual(first.collection)
    expect(second.report).toMatchObject({ added: [], updated: [], removed: [], conflicts: [] })
  })
})
