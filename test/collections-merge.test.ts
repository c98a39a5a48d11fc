import { describe, expect, it } from 'vitest'
import {
  generateCollection,
  mergeCollection,
  type Collection,
  type Folder,
  type MergeCollectionOptions,
  type MergeResult,
  type Request,
} from '../src/collections/index.js'
import { keyIdentity as operationIdentity } from '../src/shared/operation-identity.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { createUser, deepFreeze, getUser, listUsers, op, requests, snapshot, usersApi } from './helpers/collections-snapshots.js'

/** Generates base and incoming from two snapshots, lets the test edit a copy of base as the user's collection, merges. */
function sync(
  before: ApiSnapshot,
  after: ApiSnapshot,
  edit: (collection: Collection) => void = () => {},
  options: Omit<MergeCollectionOptions, 'base' | 'current' | 'incoming'> = {},
): MergeResult & { base: Collection; current: Collection; incoming: Collection } {
  const base = deepFreeze(generateCollection(before))
  const draft = structuredClone(base)
  edit(draft)
  const current = deepFreeze(draft)
  const incoming = deepFreeze(generateCollection(after))
  return { ...mergeCollection({ base, current, incoming, ...options }), base, current, incoming }
}

function byKey(collection: Collection, operationKey: string): Request {
  const matches = requests(collection).filter((request) => request.operationKey === operationKey)
  if (matches.length !== 1) throw new Error(`expected one request for ${operationKey}, found ${matches.length}`)
  return matches[0]!
}

function folderNamed(collection: Collection, name: string): Folder {
  const folder = collection.items.find((item): item is Folder => item.type === 'folder' && item.name === name)
  if (folder === undefined) throw new Error(`no folder ${name}`)
  return folder
}

/** Where a request sits: its folder names, from the root. */
function locationOf(collection: Collection, id: string): string[] | undefined {
  const walk = (items: Collection['items'], path: string[]): string[] | undefined => {
    for (const item of items) {
      if (item.type === 'request' && item.id === id) return path
      if (item.type === 'folder') {
        const found = walk(item.items, [...path, item.name])
        if (found !== undefined) return found
      }
    }
    return undefined
  }
  return walk(collection.items, [])
}

const emptyReport = { added: [], updated: [], removed: [], conflicts: [], updatedFields: {}, renamed: [] }

/** A user's collection with edits of every kind: values, scripts, auth, a folder and a request of their own. */
function editedCollection(): Collection {
  const collection = structuredClone(generateCollection(usersApi()))
  const list = byKey(collection, 'GET /users')
  list.params[0] = { ...list.params[0]!, value: '50', enabled: true }
  list.scripts = { test: 'pm.test("ok", () => pm.response.to.have.status(200))' }
  byKey(collection, 'GET /users/{id}').auth = { type: 'apikey', key: 'X-Key', value: 'secret', in: 'header' }
  collection.items.push({ type: 'folder', id: 'mine', name: 'My requests', items: [{ type: 'request', id: 'own', name: 'Ping', method: 'GET', url: 'https://status.example.com', params: [], headers: [] }] })
  collection.variables = { baseUrl: 'http://localhost:8080', token: 'abc' }
  return collection
}

describe('mergeCollection: identity and purity', () => {
  it('returns a deep-equal collection and an empty report when base, current and incoming are one collection', () => {
    for (const collection of [generateCollection(usersApi()), editedCollection()]) {
      const frozen = deepFreeze(collection)
      const { collection: merged, report } = mergeCollection({ base: frozen, current: frozen, incoming: frozen })
      expect(merged).toEqual(collection)
      expect(report).toEqual(emptyReport)
    }
  })

  it('changes nothing when the spec did not change, whatever the user edited', () => {
    const base = deepFreeze(generateCollection(usersApi()))
    const current = deepFreeze(editedCollection())
    const { collection, report } = mergeCollection({ base, current, incoming: base })
    expect(collection).toEqual(current)
    expect(report).toEqual(emptyReport)
  })

  it('never mutates its inputs and returns objects it does not share with them', () => {
    const base = deepFreeze(generateCollection(usersApi()))
    const current = deepFreeze(editedCollection())
    const incoming = deepFreeze(generateCollection(usersApi({ operations: [listUsers({ summary: 'All users' }), getUser(), createUser()] })))
    const before = JSON.stringify([base, current, incoming])
    const { collection } = mergeCollection({ base, current, incoming })
    expect(JSON.stringify([base, current, incoming])).toBe(before)
    byKey(collection, 'GET /users').headers.push({ key: 'X', value: '1', enabled: true })
    ;(collection.items.find((item) => item.type === 'folder' && item.id === 'mine') as Folder).items.length = 0
    expect(JSON.stringify([base, current, incoming])).toBe(before)
  })
})

describe('mergeCollection: field rules', () => {
  it('a field the user did not touch follows the spec', () => {
    const { collection, report } = sync(usersApi(), usersApi({ operations: [listUsers({ summary: 'All users', description: 'Pages of users.' }), getUser(), createUser()] }))
    expect(byKey(collection, 'GET /users')).toMatchObject({ name: 'All users', description: 'Pages of users.' })
    expect(report.updated).toEqual(['GET /users'])
    expect(report.updatedFields['GET /users']).toEqual(expect.arrayContaining(['name', 'description']))
    expect(report.conflicts).toEqual([])
  })

  it("a field the user changed keeps the user's value when the spec left it alone", () => {
    const { collection, report } = sync(
      usersApi(),
      usersApi({ operations: [listUsers({ description: 'New docs' }), getUser(), createUser()] }),
      (draft) => void (byKey(draft, 'GET /users').name = 'My list'),
    )
    expect(byKey(collection, 'GET /users')).toMatchObject({ name: 'My list', description: 'New docs' })
    expect(report.conflicts).toEqual([])
  })

  it('a field both changed is a conflict resolved by onConflict', () => {
    const after = usersApi({ operations: [listUsers({ summary: 'All users' }), getUser(), createUser()] })
    const rename = (draft: Collection) => void (byKey(draft, 'GET /users').name = 'My list')
    const conflict = { operationKey: 'GET /users', field: 'name', base: 'List users', user: 'My list', spec: 'All users' }

    const preferUser = sync(usersApi(), after, rename)
    expect(byKey(preferUser.collection, 'GET /users').name).toBe('My list')
    expect(preferUser.report.conflicts).toEqual([{ ...conflict, resolution: 'prefer-user' }])
    expect(preferUser.report.updated).toEqual([])

    const preferSpec = sync(usersApi(), after, rename, { onConflict: 'prefer-spec' })
    expect(byKey(preferSpec.collection, 'GET /users').name).toBe('All users')
    expect(preferSpec.report.conflicts).toEqual([{ ...conflict, resolution: 'prefer-spec' }])
    expect(preferSpec.report.updatedFields).toEqual({ 'GET /users': ['name'] })

    const manual = sync(usersApi(), after, rename, { onConflict: 'manual' })
    expect(byKey(manual.collection, 'GET /users').name).toBe('My list')
    expect(manual.report.conflicts).toEqual([{ ...conflict, resolution: 'manual' }])
  })

  it('both sides making the same change is no conflict', () => {
    const { collection, report } = sync(
      usersApi(),
      usersApi({ operations: [listUsers({ summary: 'All users' }), getUser(), createUser()] }),
      (draft) => void (byKey(draft, 'GET /users').name = 'All users'),
    )
    expect(byKey(collection, 'GET /users').name).toBe('All users')
    expect(report).toEqual(emptyReport)
  })

  it("keeps auth the user set to something else, and follows the spec's auth when the user left it", () => {
    const after = snapshot([listUsers({ security: [] }), getUser({ security: [{ keyAuth: [] }] })], {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' }, keyAuth: { type: 'apiKey', in: 'header', name: 'X-Key' } },
    })
    const { collection, report } = sync(usersApi({ operations: [listUsers(), getUser()] }), after, (draft) => {
      byKey(draft, 'GET /users').auth = { type: 'basic', username: 'me', password: 'pw' }
    })
    expect(byKey(collection, 'GET /users').auth).toEqual({ type: 'basic', username: 'me', password: 'pw' })
    // The spec's one auth now sits on the collection (issue 12 item 3) and the request inherits it.
    expect(byKey(collection, 'GET /users/{id}').auth).toEqual({ type: 'inherit' })
    expect(collection.auth).toEqual({ type: 'apikey', key: 'X-Key', in: 'header', value: '{{apiKey}}' })
    expect(report.conflicts.map((conflict) => [conflict.operationKey, conflict.field])).toEqual([['GET /users', 'auth']])
  })

  it('treats a missing auth and inherit as the same setting', () => {
    const base = deepFreeze(generateCollection(snapshot([op('GET', '/x')])))
    const current = structuredClone(base) as Collection
    delete byKey(current, 'GET /x').auth
    const incoming = generateCollection(snapshot([op('GET', '/x', { security: [] })]))
    const { collection, report } = mergeCollection({ base, current: deepFreeze(current), incoming })
    expect(byKey(collection, 'GET /x').auth).toEqual({ type: 'none' })
    expect(report.conflicts).toEqual([])
  })

  it('merges the URL path from the spec with path values and a server the user typed in', () => {
    const before = snapshot([getUser()])
    const after = snapshot([op('GET', '/people/{personId}', { operationId: 'getUser', summary: 'Get a user' })])
    const { collection, report } = sync(before, after, (draft) => void (byKey(draft, 'GET /users/{id}').url = 'http://localhost:3000/users/42'), {
      renames: [{ from: 'GET /users/{id}', to: 'GET /people/{personId}' }],
    })
    expect(byKey(collection, 'GET /people/{personId}').url).toBe('http://localhost:3000/people/42')
    expect(report.conflicts).toEqual([])
  })

  it('reports a URL the user rewrote when the spec changed it too', () => {
    const before = snapshot([getUser()])
    const after = snapshot([op('GET', '/people/{id}', { summary: 'Get a user', tags: ['users'], security: [{ bearerAuth: [] }] })])
    const { collection, report } = sync(before, after, (draft) => void (byKey(draft, 'GET /users/{id}').url = '{{baseUrl}}/v2/accounts/me'))
    expect(byKey(collection, 'GET /people/{id}').url).toBe('{{baseUrl}}/v2/accounts/me')
    expect(report.conflicts).toMatchObject([{ field: 'url', base: '{{baseUrl}}/users/{id}', user: '{{baseUrl}}/v2/accounts/me', spec: '{{baseUrl}}/people/{id}' }])
  })

  it('merges collection variables per key: the user keeps a changed baseUrl, the spec updates an untouched one', () => {
    const before = usersApi()
    const after = { ...usersApi(), servers: ['https://api.example.com/v2'] }
    const untouched = sync(before, after)
    expect(untouched.collection.variables).toEqual({ baseUrl: 'https://api.example.com/v2', token: '' })
    const edited = sync(before, after, (draft) => void (draft.variables = { baseUrl: 'http://localhost:8080', token: 't' }))
    expect(edited.collection.variables).toEqual({ baseUrl: 'http://localhost:8080', token: 't' })
    expect(edited.report.conflicts).toMatchObject([{ operationKey: '', field: 'variables.baseUrl', resolution: 'prefer-user' }])
  })
})

describe('mergeCollection: parameters and headers', () => {
  it('adds an optional query parameter to the existing request, leaving user values untouched (no new request)', () => {
    const after = usersApi({
      operations: [
        listUsers({
          parameters: [
            { name: 'limit', in: 'query', required: false, schema: { type: ['integer'], default: 20 } },
            { name: 'offset', in: 'query', required: false, schema: { type: ['integer'], default: 0 } },
            { name: 'X-Request-Id', in: 'header', required: true, schema: { type: ['string'], format: 'uuid' } },
          ],
        }),
        getUser(),
        createUser(),
      ],
    })
    const { collection, report, current } = sync(usersApi(), after, (draft) => {
      const list = byKey(draft, 'GET /users')
      list.params[0] = { key: 'limit', value: '50', enabled: true }
      list.headers[0] = { key: 'X-Request-Id', value: '{{requestId}}', enabled: true }
    })
    const list = byKey(collection, 'GET /users')
    expect(list.id).toBe(byKey(current, 'GET /users').id)
    expect(list.params).toEqual([
      { key: 'limit', value: '50', enabled: true },
      { key: 'offset', value: '0', enabled: false },
    ])
    expect(list.headers).toEqual([{ key: 'X-Request-Id', value: '{{requestId}}', enabled: true }])
    expect(requests(collection)).toHaveLength(3)
    expect(report).toMatchObject({ added: [], updated: ['GET /users'], updatedFields: { 'GET /users': ['params.offset'] }, conflicts: [] })
  })

  it('merges each row per field: value, enabled flag and description', () => {
    const withParam = (required: boolean, description: string) =>
      snapshot([op('GET', '/x', { parameters: [{ name: 'q', in: 'query', required, description, example: 'spec' }] })])
    const { collection, report } = sync(withParam(false, 'old'), withParam(true, 'new'), (draft) => {
      byKey(draft, 'GET /x').params[0]!.value = 'mine'
    })
    expect(byKey(collection, 'GET /x').params).toEqual([{ key: 'q', value: 'mine', enabled: true, description: 'new' }])
    expect(report.updatedFields['GET /x']).toEqual(['params.q.enabled', 'params.q.description'])
  })

  it('removes a parameter the spec dropped unless the user edited it (then a conflict keeps it)', () => {
    const before = snapshot([op('GET', '/x', { parameters: [{ name: 'a', in: 'query', required: false }, { name: 'b', in: 'query', required: false }] })])
    const after = snapshot([op('GET', '/x')])
    const { collection, report } = sync(before, after, (draft) => void (byKey(draft, 'GET /x').params[1]!.value = 'kept'))
    expect(byKey(collection, 'GET /x').params).toEqual([{ key: 'b', value: 'kept', enabled: false }])
    expect(report.conflicts).toMatchObject([{ field: 'params.b', spec: undefined, resolution: 'prefer-user' }])
    expect(report.updatedFields['GET /x']).toEqual(['params.a'])
  })

  it('keeps rows the user added and leaves rows the user deleted deleted', () => {
    const { collection } = sync(usersApi(), usersApi({ operations: [listUsers({ summary: 'All users' }), getUser(), createUser()] }), (draft) => {
      const list = byKey(draft, 'GET /users')
      list.params = []
      list.headers.push({ key: 'X-Mine', value: '1', enabled: true })
    })
    expect(byKey(collection, 'GET /users')).toMatchObject({ params: [], headers: [{ key: 'X-Request-Id' }, { key: 'X-Mine', value: '1' }] })
  })

  it('matches header rows ignoring case', () => {
    const { collection, report } = sync(usersApi(), usersApi({ operations: [listUsers({ description: 'changed' }), getUser(), createUser()] }), (draft) => {
      byKey(draft, 'GET /users').headers[0] = { key: 'x-request-id', value: 'abc', enabled: true }
    })
    expect(byKey(collection, 'GET /users').headers).toEqual([{ key: 'x-request-id', value: 'abc', enabled: true }])
    expect(report.conflicts).toEqual([])
  })
})

describe('mergeCollection: bodies', () => {
  const withExample = (example: unknown, mediaType = 'application/json') => snapshot([op('POST', '/x', { requestBody: { required: true, content: { [mediaType]: { example } } } })])

  it('follows a changed example when the user did not edit the body', () => {
    const { collection, report } = sync(withExample({ a: 1 }), withExample({ a: 2 }))
    expect(JSON.parse(byKey(collection, 'POST /x').body!.text)).toEqual({ a: 2 })
    expect(report.updatedFields['POST /x']).toEqual(['body.text'])
  })

  it('keeps an edited body and reports a conflict when the spec changed the example too', () => {
    const { collection, report } = sync(withExample({ a: 1 }), withExample({ a: 2 }), (draft) => {
      byKey(draft, 'POST /x').body!.text = '{"a": 99}'
    })
    expect(byKey(collection, 'POST /x').body).toEqual({ mediaType: 'application/json', text: '{"a": 99}' })
    expect(report.conflicts).toMatchObject([{ operationKey: 'POST /x', field: 'body.text', user: '{"a": 99}', resolution: 'prefer-user' }])
  })

  it('lets the media type follow the spec, and never empties a body', () => {
    const moved = sync(withExample({ a: 1 }), withExample('a=1', 'application/x-www-form-urlencoded'), (draft) => {
      byKey(draft, 'POST /x').body!.text = '{"mine": true}'
    })
    expect(byKey(moved.collection, 'POST /x').body).toEqual({ mediaType: 'application/x-www-form-urlencoded', text: '{"mine": true}' })
    const emptied = sync(withExample('text', 'text/plain'), withExample('', 'text/plain'))
    expect(byKey(emptied.collection, 'POST /x').body).toEqual({ mediaType: 'text/plain', text: 'text' })
  })
})

describe('mergeCollection: identity', () => {
  const users = (...extra: ReturnType<typeof op>[]) => snapshot([op('GET', '/users', { summary: 'List' }), op('GET', '/users/{id}', { summary: 'Get' }), ...extra])

  it('computes operation identity from a key: method plus path, parameter names ignored', () => {
    expect(operationIdentity('get /users/{id}')).toBe('GET /users/{}')
    expect(operationIdentity('GET /users/{userId}')).toBe(operationIdentity('GET /users/{id}'))
    expect(operationIdentity('GET /users/:id')).toBe('GET /users/{}')
    expect(operationIdentity('GET /users')).not.toBe(operationIdentity('GET /users/{id}'))
    expect(operationIdentity('GET /user')).not.toBe(operationIdentity('GET /users'))
  })

  it('removing GET /users leaves GET /users/{id} alone', () => {
    const { collection, report, current } = sync(users(), snapshot([op('GET', '/users/{id}', { summary: 'Get' })]))
    expect(byKey(collection, 'GET /users/{id}')).toEqual(byKey(current, 'GET /users/{id}'))
    expect(byKey(collection, 'GET /users').deprecated).toBe(true)
    expect(report).toMatchObject({ removed: ['GET /users'], updated: [], added: [] })
  })

  it('adding DELETE /users/{id} or GET /user adds a request and touches neither GET /users/{id} nor GET /users', () => {
    const { collection, report, current } = sync(users(), users(op('DELETE', '/users/{id}', { summary: 'Delete' }), op('GET', '/user', { summary: 'Me' })))
    expect(byKey(collection, 'GET /users')).toEqual(byKey(current, 'GET /users'))
    expect(byKey(collection, 'GET /users/{id}')).toEqual(byKey(current, 'GET /users/{id}'))
    expect(byKey(collection, 'DELETE /users/{id}').name).toBe('Delete')
    expect(byKey(collection, 'GET /user').name).toBe('Me')
    // Order follows the incoming collection's folders (untagged specs are grouped by path since issue 12).
    expect({ ...report, added: [...report.added].sort() }).toMatchObject({ added: ['DELETE /users/{id}', 'GET /user'], updated: [], removed: [] })
  })

  it('a renamed path parameter updates the same request, never an addition plus a removal', () => {
    const { collection, report, current } = sync(users(), snapshot([op('GET', '/users', { summary: 'List' }), op('GET', '/users/{userId}', { summary: 'Get' })]))
    const request = byKey(collection, 'GET /users/{userId}')
    expect(request.id).toBe(byKey(current, 'GET /users/{id}').id)
    expect(request.url).toBe('{{baseUrl}}/users/{userId}')
    expect(report).toMatchObject({ added: [], removed: [], updated: ['GET /users/{userId}'] })
  })

  it('two operations with the same summary never overwrite each other', () => {
    const before = snapshot([op('GET', '/a', { summary: 'Get item', tags: ['items'] }), op('GET', '/b', { summary: 'Get item', tags: ['items'] })])
    const after = snapshot([
      op('GET', '/a', { summary: 'Get item', tags: ['items'], description: 'A' }),
      op('GET', '/b', { summary: 'Get item', tags: ['items'], parameters: [{ name: 'q', in: 'query', required: true }] }),
    ])
    const { collection, report } = sync(before, after, (draft) => {
      byKey(draft, 'GET /a').scripts = { test: 'a' }
      byKey(draft, 'GET /b').scripts = { test: 'b' }
    })
    expect(byKey(collection, 'GET /a')).toMatchObject({ url: '{{baseUrl}}/a', description: 'A', params: [], scripts: { test: 'a' } })
    expect(byKey(collection, 'GET /b')).toMatchObject({ url: '{{baseUrl}}/b', params: [{ key: 'q' }], scripts: { test: 'b' } })
    expect(byKey(collection, 'GET /b')).not.toHaveProperty('description')
    expect(report.updated.sort()).toEqual(['GET /a', 'GET /b'])
  })

  it('never pairs a removed and an added operation by a name they share with others', () => {
    const before = snapshot([op('GET', '/a', { summary: 'Get item' }), op('GET', '/b', { summary: 'Get item' })])
    const after = snapshot([op('GET', '/c', { summary: 'Get item' }), op('GET', '/d', { summary: 'Get item' })])
    const { collection, report } = sync(before, after)
    expect(report).toMatchObject({ added: ['GET /c', 'GET /d'], removed: ['GET /a', 'GET /b'], renamed: [] })
    expect(requests(collection)).toHaveLength(4)
  })

  it('gives every copy of a request the user duplicated the spec update, keeping each copy', () => {
    const { collection } = sync(usersApi(), usersApi({ operations: [listUsers({ summary: 'All users' }), getUser(), createUser()] }), (draft) => {
      const list = byKey(draft, 'GET /users')
      ;(draft.items[0] as Folder).items.push({ ...structuredClone(list), id: 'copy', params: [{ key: 'limit', value: '1', enabled: true }] })
    })
    const copies = requests(collection).filter((request) => request.operationKey === 'GET /users')
    expect(copies.map((request) => [request.id, request.name, request.params[0]?.value])).toEqual([
      [copies[0]!.id, 'All users', '20'],
      ['copy', 'All users', '1'],
    ])
  })
})

describe('mergeCollection: moved operations (renames)', () => {
  const userEdits = (draft: Collection): void => {
    const request = byKey(draft, 'GET /users/{id}')
    request.headers.push({ key: 'X-Trace', value: 'on', enabled: true })
    request.auth = { type: 'bearer', token: 'my-token' }
    request.scripts = { preRequest: 'pm.variables.set("id", 7)', test: 'pm.test("200")' }
    // The user moved it into a folder of their own.
    const users = folderNamed(draft, 'users')
    users.items = users.items.filter((item) => item !== request)
    draft.items.push({ type: 'folder', id: 'favourites', name: 'Favourites', items: [request] })
  }

  it('a path renamed with the same operationId updates the request in place: same id and folder, user headers, auth and scripts kept', () => {
    const after = usersApi({ operations: [listUsers(), getUser({ summary: 'Fetch a user' }), createUser()].map((operation) => operation) })
    const moved = snapshot(
      [listUsers(), createUser(), op('GET', '/members/{memberId}', { operationId: 'getUser', summary: 'Fetch a user', tags: ['users'], security: [{ bearerAuth: [] }] })],
      { schemas: after.schemas, securitySchemes: after.securitySchemes },
    )
    const { collection, report, current } = sync(usersApi(), moved, userEdits, { renames: [{ from: 'GET /users/{id}', to: 'GET /members/{memberId}' }] })
    const original = byKey(current, 'GET /users/{id}')
    const request = byKey(collection, 'GET /members/{memberId}')
    expect(request.id).toBe(original.id)
    expect(locationOf(collection, request.id)).toEqual(['Favourites'])
    expect(request).toMatchObject({
      name: 'Fetch a user',
      url: '{{baseUrl}}/members/{memberId}',
      headers: [{ key: 'X-Trace', value: 'on', enabled: true }],
      auth: { type: 'bearer', token: 'my-token' },
      scripts: original.scripts,
    })
    expect(requests(collection)).toHaveLength(3)
    expect(report).toMatchObject({ added: [], removed: [], updated: ['GET /members/{memberId}'], renamed: [{ from: 'GET /users/{id}', to: 'GET /members/{memberId}' }] })
  })

  it('detects a move without being told when the name and folder stayed and only the key changed', () => {
    const moved = snapshot([listUsers(), createUser(), op('GET', '/members/{memberId}', { summary: 'Get a user', tags: ['users'], security: [{ bearerAuth: [] }] })], {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    })
    const { collection, report, current } = sync(usersApi(), moved, userEdits)
    expect(byKey(collection, 'GET /members/{memberId}').id).toBe(byKey(current, 'GET /users/{id}').id)
    expect(report.renamed).toEqual([{ from: 'GET /users/{id}', to: 'GET /members/{memberId}' }])
  })

  it('only the method changed: updated in place, no duplicate, nothing lost', () => {
    const put = usersApi({ operations: [listUsers(), getUser(), createUser({}, 'PUT')] })
    const { collection, report, current } = sync(usersApi(), put, (draft) => {
      byKey(draft, 'POST /users').body!.text = '{"name": "Grace"}'
      byKey(draft, 'POST /users').scripts = { test: 'check()' }
    })
    const request = byKey(collection, 'PUT /users')
    expect(request).toMatchObject({ id: byKey(current, 'POST /users').id, method: 'PUT', body: { text: '{"name": "Grace"}' }, scripts: { test: 'check()' } })
    expect(requests(collection)).toHaveLength(3)
    expect(report).toMatchObject({ added: [], removed: [], renamed: [{ from: 'POST /users', to: 'PUT /users' }] })
  })

  it('path, method and summary changed together, then the summary alone: both applied', () => {
    const first = snapshot([op('GET', '/users/{id}', { operationId: 'getUser', summary: 'Get a user', tags: ['users'] })])
    const second = snapshot([op('POST', '/people/{id}/lookup', { operationId: 'getUser', summary: 'Look up a person', tags: ['users'] })])
    const third = snapshot([op('POST', '/people/{id}/lookup', { operationId: 'getUser', summary: 'Look up someone', tags: ['users'] })])
    const step1 = sync(first, second, (draft) => void (byKey(draft, 'GET /users/{id}').scripts = { test: 'mine' }), {
      renames: [{ from: 'GET /users/{id}', to: 'POST /people/{id}/lookup' }],
    })
    const id = requests(step1.current)[0]!.id
    expect(byKey(step1.collection, 'POST /people/{id}/lookup')).toMatchObject({ id, method: 'POST', name: 'Look up a person', scripts: { test: 'mine' } })
    const step2 = mergeCollection({ base: step1.incoming, current: deepFreeze(step1.collection), incoming: deepFreeze(generateCollection(third)) })
    expect(requests(step2.collection)).toEqual([expect.objectContaining({ id, method: 'POST', name: 'Look up someone', url: '{{baseUrl}}/people/{id}/lookup', scripts: { test: 'mine' } })])
    expect(step2.report).toMatchObject({ updated: ['POST /people/{id}/lookup'], updatedFields: { 'POST /people/{id}/lookup': ['name'] } })
  })
})

describe('mergeCollection: operations added and removed', () => {
  it('a response code added changes no request and adds none', () => {
    const after = usersApi({ operations: [listUsers({ responses: { '200': { content: {} }, '429': { description: 'Slow down', content: {} } } }), getUser(), createUser()] })
    const { collection, report, current } = sync(usersApi(), after)
    expect(collection).toEqual(current)
    expect(report).toEqual(emptyReport)
  })

  it('adds a new operation to its tag folder, and creates the folder when missing', () => {
    const after = usersApi({ operations: [...[listUsers(), getUser(), createUser()], op('DELETE', '/users/{id}', { tags: ['users'] }), op('GET', '/orders', { tags: ['orders'] }), op('GET', '/health')] })
    const { collection, report } = sync(usersApi(), after, (draft) => void (folderNamed(draft, 'users').name = 'People'))
    expect(folderNamed(collection, 'People').items.map((item) => (item as Request).operationKey)).toEqual(['GET /users', 'GET /users/{id}', 'POST /users', 'DELETE /users/{id}'])
    expect(folderNamed(collection, 'orders').items).toEqual([expect.objectContaining({ operationKey: 'GET /orders' })])
    expect(collection.items.at(-1)).toMatchObject({ type: 'request', operationKey: 'GET /health' })
    // In the incoming collection's order: its folders (sorted by name) first, then top-level requests.
    expect(report.added).toEqual(['GET /orders', 'DELETE /users/{id}', 'GET /health'])
  })

  it('does not bring back a request the user deleted', () => {
    const { collection, report } = sync(usersApi(), usersApi({ operations: [listUsers(), getUser({ description: 'changed' }), createUser()] }), (draft) => {
      const users = folderNamed(draft, 'users')
      users.items = users.items.filter((item) => (item as Request).operationKey !== 'GET /users/{id}')
    })
    expect(requests(collection).map((request) => request.operationKey)).toEqual(['GET /users', 'POST /users'])
    expect(report).toMatchObject({ added: [], updated: [] })
  })

  const withoutGet = () => usersApi({ operations: [listUsers(), createUser()] })

  it("onRemoved 'mark' (the default) keeps the request, sets deprecated and reports it", () => {
    const { collection, report, current } = sync(usersApi(), withoutGet())
    expect(byKey(collection, 'GET /users/{id}')).toEqual({ ...byKey(current, 'GET /users/{id}'), deprecated: true })
    expect(report).toMatchObject({ removed: ['GET /users/{id}'], updated: [], added: [] })
  })

  it("onRemoved 'delete' removes the request unless the user edited it, which is kept and marked", () => {
    const untouched = sync(usersApi(), withoutGet(), () => {}, { onRemoved: 'delete' })
    expect(requests(untouched.collection).map((request) => request.operationKey)).toEqual(['GET /users', 'POST /users'])
    expect(untouched.report.removed).toEqual(['GET /users/{id}'])
    const edited = sync(usersApi(), withoutGet(), (draft) => void (byKey(draft, 'GET /users/{id}').scripts = { test: 'keep me' }), { onRemoved: 'delete' })
    expect(byKey(edited.collection, 'GET /users/{id}')).toMatchObject({ deprecated: true, scripts: { test: 'keep me' } })
    expect(edited.report.removed).toEqual(['GET /users/{id}'])
  })

  it("onRemoved 'keep' leaves the request as it is and reports it", () => {
    const { collection, report, current } = sync(usersApi(), withoutGet(), () => {}, { onRemoved: 'keep' })
    expect(byKey(collection, 'GET /users/{id}')).toEqual(byKey(current, 'GET /users/{id}'))
    expect(report.removed).toEqual(['GET /users/{id}'])
  })

  it('never deletes requests or folders the user created; removes a generated folder only when its tag left and the merge emptied it', () => {
    const before = snapshot([op('GET', '/a', { tags: ['alpha'] }), op('GET', '/b', { tags: ['beta'] })])
    const after = snapshot([op('GET', '/a', { tags: ['alpha'] })])
    const { collection } = sync(
      before,
      after,
      (draft) => {
        draft.items.push({ type: 'folder', id: 'empty', name: 'Empty on purpose', items: [] })
        draft.items.push({ type: 'request', id: 'mine', name: 'Mine', method: 'GET', url: 'https://x', params: [], headers: [] })
      },
      { onRemoved: 'delete' },
    )
    expect(collection.items.map((item) => item.name)).toEqual(['alpha', 'Empty on purpose', 'Mine'])
  })

  it('leaves alone a request whose operation key neither spec version has', () => {
    const stray: Request = { type: 'request', id: 'stray', name: 'Old', operationKey: 'GET /legacy', method: 'GET', url: '{{baseUrl}}/legacy', params: [], headers: [] }
    const { collection, report } = sync(usersApi(), usersApi({ operations: [listUsers(), getUser()] }), (draft) => void draft.items.push(stray))
    expect(collection.items.at(-1)).toEqual(stray)
    expect(report.removed).toEqual(['POST /users'])
  })

  it('keeps a request the user moved to another folder where it is when the spec updates it', () => {
    const { collection, current } = sync(usersApi(), usersApi({ operations: [listUsers({ summary: 'All users' }), getUser(), createUser()] }), (draft) => {
      const users = folderNamed(draft, 'users')
      const list = users.items.shift()!
      draft.items.push(list)
    })
    const list = byKey(collection, 'GET /users')
    expect(locationOf(collection, list.id)).toEqual([])
    expect(list.name).toBe('All users')
    expect(locationOf(current, list.id)).toEqual([])
  })

  it('an operation that comes back updates the request kept for it and clears deprecated', () => {
    const removed = sync(usersApi(), usersApi({ operations: [listUsers(), createUser()] }), (draft) => {
      byKey(draft, 'GET /users/{id}').headers.push({ key: 'X-Mine', value: '1', enabled: true })
    })
    const back = mergeCollection({ base: removed.incoming, current: deepFreeze(removed.collection), incoming: deepFreeze(generateCollection(usersApi())) })
    const request = byKey(back.collection, 'GET /users/{id}')
    expect(request).not.toHaveProperty('deprecated')
    expect(request.headers).toEqual([{ key: 'X-Mine', value: '1', enabled: true }])
    expect(requests(back.collection)).toHaveLength(3)
    expect(back.report.added).toEqual([])
  })
})
