import { describe, expect, it } from 'vitest'
import { generateCollection, type Collection, type Folder, type Request } from '../src/collections/index.js'
import { folderId } from '../src/collections/ids.js'
import type { SchemaNode } from '../src/model/snapshot.js'
import { createUser, deepFreeze, listUsers, op, snapshot, userSchema, usersApi, requests } from './helpers/collections-snapshots.js'

function requestFor(collection: Collection, operationKey: string): Request {
  const request = requests(collection).find((candidate) => candidate.operationKey === operationKey)
  if (request === undefined) throw new Error(`no request for ${operationKey}`)
  return request
}

/** The auth a client uses for a request: its own, else (inherit) the collection's. */
function effectiveAuth(collection: Collection, request: Request): unknown {
  return request.auth === undefined || request.auth.type === 'inherit' ? (collection.auth ?? { type: 'inherit' }) : request.auth
}

function bodyOf(schema: SchemaNode, schemas: Record<string, SchemaNode> = {}, mediaType = 'application/json'): string {
  const collection = generateCollection(
    snapshot([op('POST', '/things', { requestBody: { required: true, content: { [mediaType]: { schema } } } })], { schemas }),
  )
  return requestFor(collection, 'POST /things').body!.text
}

describe('generateCollection: structure', () => {
  it('files operations in a folder per first tag, untagged ones at the top level after the folders', () => {
    const collection = generateCollection(
      snapshot([
        op('GET', '/pets', { tags: ['pets', 'animals'] }),
        op('GET', '/stores', { tags: ['stores'] }),
        op('GET', '/health'),
        op('POST', '/pets', { tags: ['pets'] }),
      ]),
    )
    expect(collection.items.map((item) => `${item.type}:${item.name}`)).toEqual(['folder:pets', 'folder:stores', 'request:GET /health'])
    const pets = collection.items[0] as Folder
    expect(pets.id).toBe(folderId(['pets']))
    expect(pets.items.map((item) => (item as Request).operationKey)).toEqual(['GET /pets', 'POST /pets'])
  })

  it('gives each request an id derived from its operation identity, the same on every generation', () => {
    const collection = generateCollection(usersApi())
    const request = requestFor(collection, 'GET /users/{id}')
    expect(request.id).toBe('req-fbb5e170a15e8214')
    const renamedParameter = generateCollection(snapshot([op('GET', '/users/{userId}')]))
    expect(requestFor(renamedParameter, 'GET /users/{userId}').id).toBe(request.id)
  })

  it('is deterministic: the same snapshot gives a deep-equal collection, and never mutates the snapshot', () => {
    const source = deepFreeze(usersApi())
    const first = generateCollection(source)
    const second = generateCollection(structuredClone(source))
    expect(second).toEqual(first)
    expect(JSON.stringify(second)).toBe(JSON.stringify(first))
  })

  it('names requests by summary, else operationId, else the key', () => {
    const collection = generateCollection(
      snapshot([op('GET', '/a', { summary: 'Read A', operationId: 'readA' }), op('GET', '/b', { operationId: 'readB', summary: '  ' }), op('GET', '/c')]),
    )
    expect(requests(collection).map((request) => request.name)).toEqual(['Read A', 'readB', 'GET /c'])
  })

  it('writes the URL as {{baseUrl}} plus the path with path parameters kept as {name}', () => {
    const request = requestFor(generateCollection(usersApi()), 'GET /users/{id}')
    expect(request).toMatchObject({ method: 'GET', url: '{{baseUrl}}/users/{id}', operationKey: 'GET /users/{id}' })
  })

  it('holds the first server in a baseUrl variable (or an empty one), under the name the options give', () => {
    // usersApi is secured by a bearer token, so `token` is declared too (issue 12 item 3).
    expect(generateCollection(usersApi()).variables).toEqual({ baseUrl: 'https://api.example.com/v1', token: '' })
    const collection = generateCollection(snapshot([op('GET', '/x')], { servers: [] }), { name: 'Mine', baseUrlVariable: 'host' })
    expect(collection).toMatchObject({ name: 'Mine', variables: { host: '' } })
    expect(requests(collection)[0]!.url).toBe('{{host}}/x')
  })

  it('keeps description and deprecated', () => {
    const collection = generateCollection(snapshot([op('GET', '/old', { description: 'Use /new.', deprecated: true }), op('GET', '/new')]))
    expect(requestFor(collection, 'GET /old')).toMatchObject({ description: 'Use /new.', deprecated: true })
    expect(requestFor(collection, 'GET /new')).not.toHaveProperty('deprecated')
    expect(requestFor(collection, 'GET /new')).not.toHaveProperty('description')
  })
})

describe('generateCollection: parameters and headers', () => {
  const collection = generateCollection(
    snapshot([
      op('GET', '/search', {
        parameters: [
          { name: 'q', in: 'query', required: true, example: 'shoes' },
          { name: 'sort', in: 'query', required: false, schema: { type: ['string'], enum: ['asc', 'desc'] } },
          { name: 'page', in: 'query', required: false, schema: { type: ['integer'], default: 1 } },
          { name: 'ids', in: 'query', required: false, schema: { type: ['array'], example: [1, 2] } },
          { name: 'cursor', in: 'query', required: false, description: 'Opaque cursor' },
          { name: 'X-Tenant', in: 'header', required: true, schema: { type: ['string'], example: 'acme' } },
          { name: 'X-Debug', in: 'header', required: false },
          { name: 'Accept', in: 'header', required: true },
          { name: 'session', in: 'cookie', required: true },
          { name: 'id', in: 'path', required: true },
        ],
      }),
    ]),
  )
  const request = requestFor(collection, 'GET /search')

  it('lists query parameters: required enabled, optional disabled, value from example, default, enum or empty', () => {
    expect(request.params).toEqual([
      { key: 'q', value: 'shoes', enabled: true },
      { key: 'sort', value: 'asc', enabled: false },
      { key: 'page', value: '1', enabled: false },
      // OpenAPI's default query style is form, exploded: an array repeats the key (issue 12 item 4).
      { key: 'ids', value: '1', enabled: false },
      { key: 'ids', value: '2', enabled: false },
      { key: 'cursor', value: '', enabled: false, description: 'Opaque cursor' },
    ])
  })

  it('lists header parameters likewise, leaving out the ones OpenAPI reserves (Accept, Content-Type, Authorization)', () => {
    expect(request.headers).toEqual([
      { key: 'X-Tenant', value: 'acme', enabled: true },
      { key: 'X-Debug', value: '', enabled: false },
    ])
  })

  it('adds a Content-Type header for the body', () => {
    const created = requestFor(generateCollection(usersApi()), 'POST /users')
    expect(created.headers).toEqual([{ key: 'Content-Type', value: 'application/json', enabled: true }])
  })
})

describe('generateCollection: bodies', () => {
  it('prefers application/json, then other JSON, then a form, then anything', () => {
    const pick = (types: string[]): string => {
      const content = Object.fromEntries(types.map((type) => [type, { example: { a: 1 } }]))
      return requestFor(generateCollection(snapshot([op('POST', '/x', { requestBody: { required: true, content } })])), 'POST /x').body!.mediaType
    }
    expect(pick(['text/plain', 'application/xml', 'application/json'])).toBe('application/json')
    expect(pick(['text/plain', 'application/vnd.api+json', 'multipart/form-data'])).toBe('application/vnd.api+json')
    expect(pick(['text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded'])).toBe('application/x-www-form-urlencoded')
    expect(pick(['text/plain', 'multipart/form-data'])).toBe('multipart/form-data')
    expect(pick(['text/plain', 'application/octet-stream'])).toBe('application/octet-stream')
  })

  it("uses the spec's example when there is one", () => {
    const collection = generateCollection(
      snapshot([op('POST', '/x', { requestBody: { required: true, content: { 'application/json': { example: { name: 'from spec' }, schema: userSchema } } } })]),
    )
    expect(JSON.parse(requestFor(collection, 'POST /x').body!.text)).toEqual({ name: 'from spec' })
  })

  it('builds an example from the schema, following $refs and skipping readOnly properties', () => {
    const text = requestFor(generateCollection(usersApi()), 'POST /users').body!.text
    expect(JSON.parse(text)).toEqual({
      name: 'Ada',
      email: 'user@example.com',
      createdAt: '2024-01-01T00:00:00Z',
      role: 'admin',
      age: 18,
      tags: ['string'],
    })
  })

  it('handles formats, defaults, nullable types, allOf, oneOf and anyOf', () => {
    const schema: SchemaNode = {
      allOf: [
        { $ref: '#/components/schemas/Base' },
        {
          type: ['object'],
          properties: {
            uuid: { type: ['string'], format: 'uuid' },
            date: { type: ['string'], format: 'date' },
            uri: { type: ['string'], format: 'uri' },
            count: { type: ['integer'], default: 5 },
            ratio: { type: ['number'] },
            flag: { type: ['boolean'] },
            nothing: { type: ['null'] },
            maybe: { type: ['null', 'string'] },
            choice: { oneOf: [{ type: ['null'] }, { type: ['integer'], minimum: 3 }] },
            either: { anyOf: [{ type: ['string'], const: 'first' }, { type: ['integer'] }] },
          },
        },
      ],
    }
    const text = bodyOf(schema, { '#/components/schemas/Base': { type: ['object'], properties: { kind: { type: ['string'], example: 'base' } } } })
    expect(JSON.parse(text)).toEqual({
      kind: 'base',
      uuid: '00000000-0000-4000-8000-000000000000',
      date: '2024-01-01',
      uri: 'https://example.com',
      count: 5,
      ratio: 0,
      flag: true,
      nothing: null,
      maybe: 'string',
      choice: 3,
      either: 'first',
    })
  })

  it('stops at reference cycles and keeps going elsewhere', () => {
    const schemas = {
      '#/components/schemas/Node': {
        type: ['object'],
        properties: { name: { type: ['string'] }, parent: { $ref: '#/components/schemas/Node' }, children: { type: ['array'], items: { $ref: '#/components/schemas/Node' } } },
      },
    }
    expect(JSON.parse(bodyOf({ $ref: '#/components/schemas/Node' }, schemas))).toEqual({ name: 'string', children: [] })
  })

  it('writes forms as key=value pairs and XML as elements named after the schema', () => {
    const form = bodyOf({ type: ['object'], properties: { name: { type: ['string'], example: 'A b' }, age: { type: ['integer'] } } }, {}, 'application/x-www-form-urlencoded')
    expect(form).toBe('name=A%20b&age=0')
    const xml = bodyOf({ $ref: '#/components/schemas/Pet' }, { '#/components/schemas/Pet': { type: ['object'], properties: { name: { type: ['string'], example: 'Rex' } } } }, 'application/xml')
    expect(xml).toBe('<Pet>\n  <name>Rex</name>\n</Pet>')
  })

  it('writes an empty JSON object when the body has no schema and no example', () => {
    const collection = generateCollection(snapshot([op('POST', '/x', { requestBody: { required: true, content: { 'application/json': {} } } })]))
    expect(requestFor(collection, 'POST /x').body).toEqual({ mediaType: 'application/json', text: '{}' })
  })
})

describe('generateCollection: auth', () => {
  const schemes = {
    bearer: { type: 'http', scheme: 'bearer' },
    basic: { type: 'http', scheme: 'basic' },
    key: { type: 'apiKey', in: 'query', name: 'api_key' },
    oauth: { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: 'https://auth/authorize', tokenUrl: 'https://auth/token', scopes: {} } } },
    tls: { type: 'mutualTLS' },
  }
  // The auth the client uses: the request's own, else (inherit) the collection's, where shared auth lives.
  const authOf = (security: Array<Record<string, string[]>> | undefined): unknown => {
    const operation = security === undefined ? op('GET', '/x') : op('GET', '/x', { security })
    const collection = generateCollection(snapshot([operation], { securitySchemes: schemes }))
    return effectiveAuth(collection, requestFor(collection, 'GET /x'))
  }

  it('maps security schemes to request auth with placeholder values', () => {
    expect(authOf([{ bearer: [] }])).toEqual({ type: 'bearer', token: '{{token}}' })
    expect(authOf([{ basic: [] }])).toEqual({ type: 'basic', username: '{{username}}', password: '{{password}}' })
    expect(authOf([{ key: [] }])).toEqual({ type: 'apikey', key: 'api_key', in: 'query', value: '{{apiKey}}' })
    expect(authOf([{ oauth: ['read', 'write'] }])).toEqual({
      type: 'oauth2',
      grant_type: 'authorization_code',
      authUrl: 'https://auth/authorize',
      accessTokenUrl: 'https://auth/token',
      scope: 'read write',
      clientId: '{{clientId}}',
      clientSecret: '{{clientSecret}}',
      addTokenTo: 'header',
    })
  })

  it("is 'inherit' without declared security and 'none' when security is explicitly empty", () => {
    expect(authOf(undefined)).toEqual({ type: 'inherit' })
    expect(authOf([])).toEqual({ type: 'none' })
    expect(authOf([{}])).toEqual({ type: 'none' })
    expect(authOf([{}, { bearer: [] }])).toEqual({ type: 'bearer', token: '{{token}}' })
  })

  it("is 'inherit' for schemes a request cannot carry (mutual TLS) or that are not declared", () => {
    expect(authOf([{ tls: [] }])).toEqual({ type: 'inherit' })
    expect(authOf([{ missing: [] }])).toEqual({ type: 'inherit' })
  })
})

describe('generateCollection: GraphQL and Postman snapshots', () => {
  it('turns a GraphQL root field into a POST to {{baseUrl}} with a { query, variables } JSON body', () => {
    const graphql = snapshot(
      [
        op('QUERY', 'user', { parameters: [{ name: 'id', in: 'argument', required: true }], tags: ['Query'] }),
        op('MUTATION', 'renameUser', { parameters: [] }),
      ],
      {
        type: 'graphql',
        specVersion: 'graphql',
        schemas: {
          '#/types/Query': { kind: 'OBJECT', interfaces: [], fields: [{ name: 'user', type: 'User', args: [{ name: 'id', type: 'ID!' }, { name: 'locale', type: 'String' }] }] },
          '#/types/Mutation': {
            kind: 'OBJECT',
            interfaces: [],
            fields: [{ name: 'renameUser', type: 'Boolean!', args: [{ name: 'input', type: 'RenameInput!' }, { name: 'dryRun', type: 'Boolean!', default: 'false' }] }],
          },
          '#/types/User': {
            kind: 'OBJECT',
            interfaces: [],
            fields: [
              { name: 'id', type: 'ID!', args: [] },
              { name: 'name', type: 'String', args: [] },
              { name: 'role', type: 'Role', args: [] },
              { name: 'friends', type: '[User!]!', args: [] },
              { name: 'avatar', type: 'String', args: [{ name: 'size', type: 'Int!' }] },
            ],
          },
          '#/types/Role': { kind: 'ENUM', values: [{ name: 'ADMIN' }] },
          '#/types/RenameInput': { kind: 'INPUT_OBJECT', fields: [] },
        },
        servers: ['https://example.com/graphql'],
      },
    )
    const collection = generateCollection(graphql)
    const user = requestFor(collection, 'QUERY user')
    expect(user).toMatchObject({ method: 'POST', url: '{{baseUrl}}', headers: [{ key: 'Content-Type', value: 'application/json', enabled: true }] })
    expect(JSON.parse(user.body!.text)).toEqual({
      query: 'query User($id: ID!, $locale: String) { user(id: $id, locale: $locale) { id name role } }',
      variables: { id: '' },
    })
    const rename = requestFor(collection, 'MUTATION renameUser')
    expect(JSON.parse(rename.body!.text)).toEqual({
      query: 'mutation RenameUser($input: RenameInput!, $dryRun: Boolean!) { renameUser(input: $input, dryRun: $dryRun) }',
      variables: { input: {} },
    })
  })

  it('files Postman requests by their folder path and keeps their enabled rows and auth scheme', () => {
    const postman = snapshot(
      [
        op('GET', '/v1/customers/{customer}', {
          summary: 'Retrieve a customer',
          folder: ['Core', 'Customers'],
          parameters: [
            { name: 'customer', in: 'path', required: true },
            { name: 'expand', in: 'query', required: false, example: 'sources' },
            { name: 'limit', in: 'query', required: false, disabled: true },
          ],
          extra: { folder: ['Core', 'Customers'], auth: { type: 'bearer', keys: ['token'] } },
        }),
      ],
      { type: 'postman', specVersion: '2.1.0' },
    )
    const collection = generateCollection(postman)
    const core = collection.items[0] as Folder
    const customers = core.items[0] as Folder
    expect([core.name, customers.name, customers.id]).toEqual(['Core', 'Customers', folderId(['Core', 'Customers'])])
    expect(customers.items[0]).toMatchObject({
      url: '{{baseUrl}}/v1/customers/{customer}',
      params: [
        { key: 'expand', value: 'sources', enabled: true },
        { key: 'limit', value: '', enabled: false },
      ],
    })
    expect(effectiveAuth(collection, customers.items[0] as Request)).toEqual({ type: 'bearer', token: '{{token}}' })
  })

  it('reads the create and list operations of the users API', () => {
    const collection = generateCollection(usersApi({ operations: [createUser(), listUsers()] }))
    expect(requests(collection).map((request) => request.operationKey)).toEqual(['GET /users', 'POST /users'])
  })
})
