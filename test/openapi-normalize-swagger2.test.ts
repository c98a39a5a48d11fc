import { describe, expect, it } from 'vitest'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { ApiSnapshot, SnapshotOperation } from '../src/model/snapshot.js'

type Snapshot = Omit<ApiSnapshot, 'fingerprint'>

/** Normalizes a Swagger 2.0 document given as an object (the fields after `swagger`/`info`). */
async function swagger2(fields: Record<string, unknown>): Promise<Snapshot> {
  const document = { swagger: '2.0', info: { title: 'T', version: '1' }, ...fields }
  return (await openapiFormat.normalize(JSON.stringify(document), { sourceId: 'swagger2' })).snapshot
}

function operation(snapshot: Snapshot, key: string): SnapshotOperation {
  const found = snapshot.operations.find((candidate) => candidate.key === key)
  if (found === undefined) throw new Error(`no operation ${key} in ${snapshot.operations.map((entry) => entry.key).join(', ')}`)
  return found
}

const OK = { '200': { description: 'OK' } }

describe('Swagger 2.0 body parameters', () => {
  it('become a request body with one media type per operation `consumes` entry', async () => {
    const snapshot = await swagger2({
      consumes: ['application/json'],
      paths: {
        '/pets': {
          post: {
            consumes: ['application/xml', 'application/json'],
            parameters: [{ name: 'pet', in: 'body', required: true, description: 'The pet', schema: { $ref: '#/definitions/Pet' } }],
            responses: OK,
          },
        },
      },
      definitions: { Pet: { type: 'object' } },
    })
    const post = operation(snapshot, 'POST /pets')
    expect(post.parameters).toEqual([])
    expect(post.requestBody).toEqual({
      required: true,
      description: 'The pet',
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/Pet' } },
        'application/xml': { schema: { $ref: '#/components/schemas/Pet' } },
      },
    })
  })

  it('fall back to the document `consumes`, then to application/json', async () => {
    const body = [{ name: 'b', in: 'body', schema: { type: 'string' } }]
    const withDocument = await swagger2({ consumes: ['text/plain'], paths: { '/a': { put: { parameters: body, responses: OK } } } })
    expect(Object.keys(operation(withDocument, 'PUT /a').requestBody!.content)).toEqual(['text/plain'])
    const withNone = await swagger2({ paths: { '/a': { put: { parameters: body, responses: OK } } } })
    expect(operation(withNone, 'PUT /a').requestBody).toEqual({ required: false, content: { 'application/json': { schema: { type: ['string'] } } } })
  })
})

describe('Swagger 2.0 formData parameters', () => {
  it('become an urlencoded object schema of the fields', async () => {
    const snapshot = await swagger2({
      paths: {
        '/login': {
          post: {
            parameters: [
              { name: 'user', in: 'formData', type: 'string', required: true, description: 'User name' },
              { name: 'remember', in: 'formData', type: 'boolean' },
              { name: 'trace', in: 'header', type: 'string' },
            ],
            responses: OK,
          },
        },
      },
    })
    const post = operation(snapshot, 'POST /login')
    expect(post.parameters.map((parameter) => parameter.name)).toEqual(['trace'])
    expect(post.requestBody).toEqual({
      required: true,
      content: {
        'application/x-www-form-urlencoded': {
          schema: {
            type: ['object'],
            required: ['user'],
            properties: { remember: { type: ['boolean'] }, user: { type: ['string'], description: 'User name' } },
          },
        },
      },
    })
  })

  it('use multipart/form-data when a field is a file, with the file as a binary string', async () => {
    const snapshot = await swagger2({
      consumes: ['application/json'],
      paths: { '/upload': { post: { parameters: [{ name: 'file', in: 'formData', type: 'file' }], responses: OK } } },
    })
    expect(operation(snapshot, 'POST /upload').requestBody).toEqual({
      required: false,
      content: { 'multipart/form-data': { schema: { type: ['object'], properties: { file: { type: ['string'], format: 'binary' } } } } },
    })
  })

  it('use the form media types `consumes` lists', async () => {
    const snapshot = await swagger2({
      paths: {
        '/form': {
          post: {
            consumes: ['multipart/form-data', 'application/x-www-form-urlencoded'],
            parameters: [{ name: 'note', in: 'formData', type: 'string' }],
            responses: OK,
          },
        },
      },
    })
    expect(Object.keys(operation(snapshot, 'POST /form').requestBody!.content)).toEqual(['application/x-www-form-urlencoded', 'multipart/form-data'])
  })
})

describe('Swagger 2.0 responses, definitions and inline parameter schemas', () => {
  it('response schemas go under each `produces` media type (operation, else document), with per-type examples', async () => {
    const snapshot = await swagger2({
      produces: ['application/json'],
      paths: {
        '/a': {
          get: {
            produces: ['application/xml', 'application/json'],
            responses: {
              '200': { description: 'OK', schema: { $ref: '#/definitions/A' }, examples: { 'application/json': { id: 1 } } },
              '204': { description: 'Nothing' },
            },
          },
        },
        '/b': { get: { responses: { default: { description: 'Error', schema: { type: 'string' } } } } },
      },
      definitions: { A: { type: 'object', properties: { id: { type: 'integer' } } } },
    })
    expect(operation(snapshot, 'GET /a').responses).toEqual({
      '200': {
        description: 'OK',
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/A' }, example: { id: 1 } },
          'application/xml': { schema: { $ref: '#/components/schemas/A' } },
        },
      },
      '204': { description: 'Nothing', content: {} },
    })
    expect(operation(snapshot, 'GET /b').responses['default']!.content).toEqual({ 'application/json': { schema: { type: ['string'] } } })
  })

  it('definitions become #/components/schemas pointers, nested #/definitions refs included', async () => {
    const snapshot = await swagger2({
      paths: {},
      definitions: {
        Node: { type: 'object', properties: { next: { $ref: '#/definitions/Node' }, owner: { $ref: '#/definitions/Owner/properties/name' } } },
        Owner: { type: 'object', properties: { name: { type: 'string', 'x-nullable': true } } },
      },
    })
    expect(snapshot.schemas).toEqual({
      '#/components/schemas/Node': {
        type: ['object'],
        properties: { next: { $ref: '#/components/schemas/Node' }, owner: { $ref: '#/components/schemas/Owner/properties/name' } },
      },
      '#/components/schemas/Owner': { type: ['object'], properties: { name: { type: ['null', 'string'] } } },
      '#/components/schemas/Owner/properties/name': { type: ['null', 'string'] },
    })
  })

  it('non-body parameters keep their inline type keywords as a schema; $refs to #/parameters and #/responses are resolved', async () => {
    const snapshot = await swagger2({
      parameters: { limit: { name: 'limit', in: 'query', type: 'integer', minimum: 1, maximum: 100, default: 20, collectionFormat: 'csv' } },
      responses: { NotFound: { description: 'Not found', schema: { $ref: '#/definitions/Error' } } },
      paths: {
        '/items': {
          parameters: [{ $ref: '#/parameters/limit' }],
          get: {
            parameters: [{ name: 'ids', in: 'query', type: 'array', items: { type: 'integer', format: 'int64' }, collectionFormat: 'multi' }],
            responses: { '404': { $ref: '#/responses/NotFound' } },
          },
        },
      },
      definitions: { Error: { type: 'string' } },
    })
    const get = operation(snapshot, 'GET /items')
    expect(get.parameters).toEqual([
      { name: 'ids', in: 'query', required: false, schema: { type: ['array'], items: { type: ['integer'], format: 'int64' } }, style: 'form', explode: true },
      // collectionFormat only applies to arrays.
      { name: 'limit', in: 'query', required: false, schema: { type: ['integer'], minimum: 1, maximum: 100, default: 20 } },
    ])
    expect(get.responses['404']).toEqual({ description: 'Not found', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } })
  })
})

describe('Swagger 2.0 parameter serialization', () => {
  it('collectionFormat of array parameters maps to style and explode; allowEmptyValue is kept', async () => {
    const array = (name: string, location: string, collectionFormat?: string) => ({
      name,
      in: location,
      type: 'array',
      items: { type: 'string' },
      ...(location === 'path' ? { required: true } : {}),
      ...(collectionFormat === undefined ? {} : { collectionFormat }),
    })
    const snapshot = await swagger2({
      paths: {
        '/items/{ids}': {
          get: {
            parameters: [
              array('ids', 'path'),
              array('csv', 'query'),
              array('ssv', 'query', 'ssv'),
              array('tsv', 'query', 'tsv'),
              array('pipes', 'query', 'pipes'),
              array('multi', 'query', 'multi'),
              array('X-List', 'header', 'csv'),
              { name: 'empty', in: 'query', type: 'string', allowEmptyValue: true },
            ],
            responses: {},
          },
        },
      },
    })
    const settings = Object.fromEntries(
      operation(snapshot, 'GET /items/{ids}').parameters.map(({ name, style, explode, allowEmptyValue }) => [name, { style, explode, allowEmptyValue }]),
    )
    expect(settings).toEqual({
      ids: { style: 'simple', explode: false, allowEmptyValue: undefined },
      csv: { style: 'form', explode: false, allowEmptyValue: undefined },
      ssv: { style: 'spaceDelimited', explode: false, allowEmptyValue: undefined },
      tsv: { style: 'tabDelimited', explode: false, allowEmptyValue: undefined },
      pipes: { style: 'pipeDelimited', explode: false, allowEmptyValue: undefined },
      multi: { style: 'form', explode: true, allowEmptyValue: undefined },
      'X-List': { style: 'simple', explode: false, allowEmptyValue: undefined },
      empty: { style: undefined, explode: undefined, allowEmptyValue: true },
    })
  })
})

describe('Swagger 2.0 security and servers', () => {
  it('securityDefinitions map to OpenAPI 3 security schemes', async () => {
    const snapshot = await swagger2({
      paths: {},
      securityDefinitions: {
        basic: { type: 'basic', description: 'Basic auth' },
        key: { type: 'apiKey', in: 'header', name: 'X-Key' },
        oauth: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://a/auth', tokenUrl: 'https://a/token', scopes: { read: 'Read' } },
        app: { type: 'oauth2', flow: 'application', tokenUrl: 'https://a/token', scopes: {} },
      },
    })
    expect(snapshot.securitySchemes).toEqual({
      app: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://a/token', scopes: {} } } },
      basic: { type: 'http', scheme: 'basic', description: 'Basic auth' },
      key: { type: 'apiKey', in: 'header', name: 'X-Key' },
      oauth: {
        type: 'oauth2',
        flows: { authorizationCode: { authorizationUrl: 'https://a/auth', tokenUrl: 'https://a/token', scopes: { read: 'Read' } } },
      },
    })
  })

  it('servers come from schemes, host and basePath', async () => {
    expect((await swagger2({ host: 'api.example.com', basePath: '/v2', schemes: ['https', 'http'], paths: {} })).servers).toEqual([
      'https://api.example.com/v2',
      'http://api.example.com/v2',
    ])
    expect((await swagger2({ host: 'api.example.com', paths: {} })).servers).toEqual(['https://api.example.com'])
    expect((await swagger2({ basePath: '/v1', paths: {} })).servers).toEqual(['/v1'])
    expect((await swagger2({ paths: {} })).servers).toEqual([])
  })

  it('operation security wins over document security; [] switches it off', async () => {
    const snapshot = await swagger2({
      security: [{ key: [] }],
      paths: { '/a': { get: { responses: OK }, delete: { security: [], responses: OK }, put: { security: [{ oauth: ['write', 'read'] }], responses: OK } } },
    })
    expect(operation(snapshot, 'GET /a').security).toEqual([{ key: [] }])
    expect(operation(snapshot, 'DELETE /a').security).toEqual([])
    expect(operation(snapshot, 'PUT /a').security).toEqual([{ oauth: ['read', 'write'] }])
  })
})
