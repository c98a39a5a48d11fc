import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  fromPostmanCollection,
  generateCollection,
  mergeCollection,
  toPostmanCollection,
  type Collection,
  type PostmanRequestItem,
  type PostmanUrl,
  type Request,
} from '../src/collections/index.js'
import { isInvalidSpecError } from '../src/errors/errors.js'
import { collectionArbitrary } from './helpers/collections-arbitraries.js'
import { deepFreeze, getUser, listUsers, createUser, requests, usersApi } from './helpers/collections-snapshots.js'

/** What a file on disk holds: JSON text, parsed back. */
function throughJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function roundTrip(collection: Collection): Collection {
  return fromPostmanCollection(throughJson(toPostmanCollection(collection)))
}

function requestItems(postman: { item: unknown[] }): PostmanRequestItem[] {
  const found: PostmanRequestItem[] = []
  const walk = (items: unknown[]): void => {
    for (const item of items as Array<Record<string, unknown>>) {
      if (Array.isArray(item.item)) walk(item.item)
      else found.push(item as unknown as PostmanRequestItem)
    }
  }
  walk(postman.item)
  return found
}

const userCollection = (): Collection => {
  const collection = generateCollection(usersApi())
  const [list, get, create] = requests(collection)
  list!.scripts = { preRequest: 'pm.variables.set("limit", 10)', test: 'pm.test("ok", function () {\n  pm.response.to.have.status(200)\n})' }
  get!.description = 'Returns one user.'
  get!.deprecated = true
  create!.examples = [{ name: 'Created', code: 201, body: '{"id": 1}' }]
  return collection
}

describe('toPostmanCollection', () => {
  const postman = throughJson(toPostmanCollection(userCollection()))
  const [list, get, create] = requestItems(postman)

  it('writes a v2.1 collection with the item tree and collection variables', () => {
    expect(postman.info).toEqual({ name: 'Users API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' })
    expect(postman.item).toHaveLength(1)
    expect(postman.item[0]).toMatchObject({ name: 'users', item: [{ name: 'List users' }, { name: 'Get a user' }, { name: 'Create a user' }] })
    // Every variable the requests use is declared, with what to put there (issue 12 item 3).
    expect(postman.variable).toEqual([
      { key: 'baseUrl', value: 'https://api.example.com/v1', type: 'string', description: 'Server URL (from the spec); point it at the server you call.' },
      { key: 'token', value: '', type: 'string', description: 'Bearer token: sent as `Authorization: Bearer <token>`.' },
    ])
  })

  it('writes method, headers, URL parts with query rows and disabled flags, and path variables', () => {
    expect(list!.request).toMatchObject({
      method: 'GET',
      // A required header gets a value that fits its schema (format: uuid).
      header: [{ key: 'X-Request-Id', value: '00000000-0000-4000-8000-000000000000' }],
      url: { raw: '{{baseUrl}}/users', host: ['{{baseUrl}}'], path: ['users'], query: [{ key: 'limit', value: '20', disabled: true }] },
    })
    // Path variables carry a value, so the request runs as it is (issue 12 item 1).
    expect(get!.request.url).toEqual({ raw: '{{baseUrl}}/users/:id', host: ['{{baseUrl}}'], path: ['users', ':id'], query: [], variable: [{ key: 'id', value: 'string' }] })
    const enabled = toPostmanCollection({
      name: 'x',
      items: [{ type: 'request', id: 'r', name: 'r', method: 'GET', url: 'https://api.example.com:8443/a', params: [{ key: 'a', value: '1', enabled: true }, { key: 'b', value: '', enabled: true }, { key: 'c', value: '3', enabled: false }], headers: [] }],
    })
    expect((enabled.item[0] as PostmanRequestItem).request.url).toMatchObject({ raw: 'https://api.example.com:8443/a?a=1&b', protocol: 'https', host: ['api', 'example', 'com'], port: '8443', path: ['a'] })
  })

  it('writes a raw JSON body with its language, auth in Postman attribute lists, and scripts as events', () => {
    expect(create!.request.body).toEqual({ mode: 'raw', raw: expect.stringContaining('"name": "Ada"'), options: { raw: { language: 'json' } } })
    // The auth all requests share sits on the collection once; requests inherit it (null).
    expect(postman.auth).toEqual({ type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] })
    expect(list!.request.auth).toBeNull()
    expect(list!.event).toEqual([
      { listen: 'prerequest', script: { type: 'text/javascript', exec: ['pm.variables.set("limit", 10)'] } },
      { listen: 'test', script: { type: 'text/javascript', exec: ['pm.test("ok", function () {', '  pm.response.to.have.status(200)', '})'] } },
    ])
    expect(create!.response).toEqual([{ name: 'Created', code: 201, body: '{"id": 1}' }])
  })

  it('writes form bodies as urlencoded or formdata rows', () => {
    const form = (mediaType: string) =>
      (toPostmanCollection({ name: 'x', items: [{ type: 'request', id: 'r', name: 'r', method: 'POST', url: '/', params: [], headers: [], body: { mediaType, text: 'a=1&b=two%20words' } }] }).item[0] as PostmanRequestItem).request.body
    expect(form('application/x-www-form-urlencoded')).toEqual({ mode: 'urlencoded', urlencoded: [{ key: 'a', value: '1' }, { key: 'b', value: 'two words' }] })
    expect(form('multipart/form-data')).toEqual({ mode: 'formdata', formdata: [{ key: 'a', value: '1', type: 'text' }, { key: 'b', value: 'two words', type: 'text' }] })
  })

  it('maps none to noauth and inherit to null', () => {
    const auths = toPostmanCollection({
      name: 'x',
      items: [
        { type: 'request', id: 'a', name: 'a', method: 'GET', url: '/', params: [], headers: [], auth: { type: 'none' } },
        { type: 'request', id: 'b', name: 'b', method: 'GET', url: '/', params: [], headers: [], auth: { type: 'inherit' } },
      ],
    })
    expect(requestItems(auths).map((item) => item.request.auth)).toEqual([{ type: 'noauth' }, null])
  })

  it('keeps the operation key, id and deprecated in the request description, where Postman keeps them', () => {
    expect(get!.id).toBe(requests(userCollection())[1]!.id)
    expect(get!.request.description).toMatch(/^Returns one user\.\n\n<!-- api-live-sync \{.*\} -->$/)
    expect(get!.request.description).toContain('"operationKey":"GET /users/{id}"')
    expect(get!.request.description).toContain('"deprecated":true')
  })
})

describe('fromPostmanCollection', () => {
  it('round-trips every field of the model (property)', () => {
    fc.assert(
      fc.property(collectionArbitrary, (collection) => {
        expect(roundTrip(collection)).toEqual(collection)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps a user {{variable}} that shares its name with a parameter inside another segment (found by the property)', () => {
    const collection: Collection = {
      name: '',
      items: [{ type: 'request', id: 'request-4', name: '', method: 'GET', url: '{{baseUrl}}/{Y}.json/{{Y}}', params: [], headers: [] }],
    }
    expect((toPostmanCollection(collection).item[0] as PostmanRequestItem).request.url).toMatchObject({ path: ['{{Y}}.json', '{{Y}}'] })
    expect(roundTrip(collection)).toEqual(collection)
  })

  it('keeps a segment the user edited in Postman as they wrote it', () => {
    const collection: Collection = {
      name: '',
      items: [{ type: 'request', id: 'r', name: '', method: 'GET', url: '{{baseUrl}}/files/thumbnail.{extension}', params: [], headers: [] }],
    }
    const postman = toPostmanCollection(collection)
    const url = (postman.item[0] as PostmanRequestItem).request.url as PostmanUrl
    url.raw = '{{baseUrl}}/files/preview.{{extension}}'
    url.path = ['files', 'preview.{{extension}}']
    expect((fromPostmanCollection(postman).items[0] as Request).url).toBe('{{baseUrl}}/files/preview.{{extension}}')
  })

  it('round-trips a generated collection with scripts, descriptions, examples and deprecated requests', () => {
    const collection = userCollection()
    expect(roundTrip(collection)).toEqual(collection)
  })

  it('keeps ids and operation keys when Postman drops item ids on export', () => {
    const postman = throughJson(toPostmanCollection(userCollection()))
    const strip = (items: Array<Record<string, unknown>>): void => {
      for (const item of items) {
        delete item.id
        if (Array.isArray(item.item)) strip(item.item as Array<Record<string, unknown>>)
      }
    }
    strip(postman.item as unknown as Array<Record<string, unknown>>)
    expect(fromPostmanCollection(postman)).toEqual(userCollection())
  })

  it('imports a file edited by hand the Postman way with those edits', () => {
    const original = userCollection()
    requests(original)[0]!.params[0]!.enabled = true
    const postman = throughJson(toPostmanCollection(original))
    const [list, get] = requestItems(postman)
    expect(list!.request.url.raw).toBe('{{baseUrl}}/users?limit=20')
    list!.request.header[0]!.value = '{{requestId}}'
    // Unticking a query parameter: Postman flags the row and drops it from `raw`.
    list!.request.url.query![0] = { key: 'limit', value: '5', disabled: true }
    list!.request.url.raw = '{{baseUrl}}/users'
    get!.name = 'Fetch one user'
    get!.event = [{ listen: 'test', script: { type: 'text/javascript', exec: ['pm.test("has id", () => {', '  pm.expect(pm.response.json().id).to.exist', '})'] } }]
    get!.request.url.variable = [{ key: 'id', value: '42' }]
    get!.request.header.push({ key: 'X-Debug', value: '1', disabled: true })

    const imported = fromPostmanCollection(postman)
    const [importedList, importedGet] = requests(imported)
    expect(importedList).toMatchObject({ headers: [{ key: 'X-Request-Id', value: '{{requestId}}', enabled: true }], params: [{ key: 'limit', value: '5', enabled: false }] })
    expect(importedGet).toMatchObject({
      id: requests(original)[1]!.id,
      operationKey: 'GET /users/{id}',
      name: 'Fetch one user',
      // A path variable value set in Postman stays a path variable value (issue 12 item 9).
      url: '{{baseUrl}}/users/{id}',
      pathVariables: [{ key: 'id', value: '42', enabled: true }],
      scripts: { test: 'pm.test("has id", () => {\n  pm.expect(pm.response.json().id).to.exist\n})' },
      headers: [{ key: 'X-Debug', value: '1', enabled: false }],
    })
  })

  it('keeps hand edits across a later sync: import, merge with a new spec, export', () => {
    const base = deepFreeze(generateCollection(usersApi()))
    const postman = throughJson(toPostmanCollection(base))
    const [list] = requestItems(postman)
    list!.name = 'Users, paged'
    list!.event = [{ listen: 'test', script: { type: 'text/javascript', exec: ['check()'] } }]
    list!.request.url.query![0]!.disabled = false
    const incoming = generateCollection(usersApi({ operations: [listUsers({ description: 'Now documented' }), getUser(), createUser()] }))
    const { collection } = mergeCollection({ base, current: deepFreeze(fromPostmanCollection(postman)), incoming })
    const [merged] = requestItems(throughJson(toPostmanCollection(collection)))
    expect(merged).toMatchObject({ name: 'Users, paged', event: [{ listen: 'test', script: { exec: ['check()'] } }] })
    expect(merged!.request.url.query).toEqual([{ key: 'limit', value: '20' }])
    expect(merged!.request.description).toMatch(/^Now documented\n\n<!-- api-live-sync /)
  })

  it('reads collection v2.0: string URLs and headers, string descriptions, map-style auth', () => {
    const v20 = {
      info: { name: 'Legacy', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json', description: { content: 'Old one', type: 'text/markdown' } },
      item: [
        {
          name: 'Folder',
          item: [
            {
              name: 'Search',
              request: {
                method: 'POST',
                url: 'https://api.example.com/search/:index?q=shoes&page',
                header: 'Content-Type: application/json\n//X-Disabled: yes',
                body: { mode: 'raw', raw: '{"a":1}' },
                auth: { type: 'basic', basic: { username: 'u', password: 'p' } },
                description: 'Find things',
              },
            },
            { name: 'Short', request: 'https://api.example.com/ping' },
          ],
        },
      ],
    }
    const collection = fromPostmanCollection(v20)
    expect(collection.description).toBe('Old one')
    const [search, short] = requests(collection)
    expect(search).toEqual({
      type: 'request',
      id: expect.stringMatching(/^req-/),
      name: 'Search',
      method: 'POST',
      url: 'https://api.example.com/search/{index}',
      params: [
        { key: 'q', value: 'shoes', enabled: true },
        { key: 'page', value: '', enabled: true },
      ],
      headers: [
        { key: 'Content-Type', value: 'application/json', enabled: true },
        { key: 'X-Disabled', value: 'yes', enabled: false },
      ],
      body: { mediaType: 'application/json', text: '{"a":1}' },
      auth: { type: 'basic', username: 'u', password: 'p' },
      description: 'Find things',
    })
    expect(short).toMatchObject({ method: 'GET', url: 'https://api.example.com/ping', params: [] })
    expect(fromPostmanCollection(v20)).toEqual(collection)
  })

  it('reads body modes: urlencoded and formdata rows (disabled ones left out), graphql, empty raw as no body', () => {
    const item = (body: unknown) => ({ info: { name: 'x' }, item: [{ name: 'r', request: { method: 'POST', url: '/', header: [], body } }] })
    const bodyOf = (body: unknown) => requests(fromPostmanCollection(item(body)))[0]!.body
    expect(bodyOf({ mode: 'urlencoded', urlencoded: [{ key: 'a', value: 'x y' }, { key: 'b', value: '2', disabled: true }] })).toEqual({ mediaType: 'application/x-www-form-urlencoded', text: 'a=x%20y' })
    expect(bodyOf({ mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: '/tmp/x' }, { key: 't', value: 'v', type: 'text' }] })).toEqual({ mediaType: 'multipart/form-data', text: 't=v' })
    expect(JSON.parse(bodyOf({ mode: 'graphql', graphql: { query: '{ me { id } }', variables: '{"a": 1}' } })!.text)).toEqual({ query: '{ me { id } }', variables: { a: 1 } })
    expect(bodyOf({ mode: 'raw', raw: '' })).toBeUndefined()
    expect(bodyOf({ mode: 'raw', raw: '<a/>', options: { raw: { language: 'xml' } } })).toEqual({ mediaType: 'application/xml', text: '<a/>' })
  })

  it('keeps ids unique when a request was duplicated in Postman', () => {
    const postman = throughJson(toPostmanCollection(generateCollection(usersApi())))
    const folder = postman.item[0] as { item: unknown[] }
    folder.item.push(structuredClone(folder.item[0]))
    const ids = requests(fromPostmanCollection(postman)).map((request) => request.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('rejects documents that are not Postman collections', () => {
    for (const document of [null, [], { info: {} }, { item: [] }, 'text']) {
      let error: unknown
      try {
        fromPostmanCollection(document)
      } catch (caught) {
        error = caught
      }
      expect(isInvalidSpecError(error)).toBe(true)
    }
  })
})
