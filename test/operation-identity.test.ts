import { describe, expect, it } from 'vitest'
import { generateCollection } from '../src/collections/generate.js'
import { locateRequests } from '../src/collections/collection-tree.js'
import { mergeCollection } from '../src/collections/merge.js'
import { diffDocuments } from '../src/formats/diff-documents.js'
import { matchOperations } from '../src/diff/match-operations.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { ChangeSet } from '../src/model/change.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { renamesOf } from '../src/service/target-sync.js'
import { identityPath, keyIdentity, operationIdentity, pathShape, sameShape } from '../src/shared/operation-identity.js'
import { collectionText, request } from './fixtures/postman-collection-builder.js'
import { openapiDoc } from './helpers/fake-loader.js'

/**
 * Issue 10, move 2: one answer to "is this the same operation". Before it, the diff and the
 * collection merge disagreed (`/pets` and `/pets/` were two operations to the diff and one to the
 * merge; a `:id` segment was a parameter to the merge and a literal to the OpenAPI diff), and the
 * merge learned of moved operations by filtering change records by kind strings.
 */

const keys = (refs: ReadonlyArray<{ key: string }>) => refs.map((ref) => ref.key)

async function snapshotOf(text: string): Promise<ApiSnapshot> {
  const { snapshot } = await openapiFormat.normalize(text, { sourceId: 'identity-test' })
  return { ...snapshot, fingerprint: 'not-used' }
}

/** The merge of `next`'s collection into the user's untouched collection of `previous`, with the diff's moves. */
async function mergeAcross(previous: string, next: string, changes: ChangeSet) {
  const base = generateCollection(await snapshotOf(previous))
  const incoming = generateCollection(await snapshotOf(next))
  return { base, ...mergeCollection({ base, current: base, incoming, renames: renamesOf(changes) }) }
}

describe('the canonical identity: one set of rules', () => {
  it('ignores parameter names however they are written, and a trailing slash', () => {
    for (const path of ['/pets/{id}', '/pets/{petId}', '/pets/:id', '/pets/{{id}}', '/pets/{id}/']) {
      expect(operationIdentity('get', path)).toBe('GET /pets/{}')
    }
    expect(identityPath('/pets/')).toBe('/pets')
    expect(identityPath('')).toBe('/')
    expect(identityPath('/')).toBe('/')
    expect(keyIdentity('GET /pets/')).toBe(keyIdentity('GET /pets'))
  })

  it('keeps what a client calls differently apart: literal segments, case, a colon inside a segment', () => {
    expect(operationIdentity('GET', '/pets')).not.toBe(operationIdentity('GET', '/pets/{id}'))
    expect(operationIdentity('GET', '/Pets')).not.toBe(operationIdentity('GET', '/pets'))
    expect(operationIdentity('GET', '/v1/a:b')).toBe('GET /v1/a:b')
    expect(operationIdentity('POST', '/pets')).not.toBe(operationIdentity('GET', '/pets'))
  })

  it('tells a parameter rename (same shape) from a trailing slash change (another URL)', () => {
    expect(sameShape('/pets/{id}', '/pets/{petId}')).toBe(true)
    expect(sameShape('/pets/:id', '/pets/{id}')).toBe(true)
    expect(sameShape('/pets/', '/pets')).toBe(false)
    expect(pathShape('/pets/{id}/')).toBe('/pets/{}/')
  })
})

describe('/pets and /pets/ are one operation to the diff and to the merge', () => {
  const before = openapiDoc({ 'get /pets/': { summary: 'List pets' } })
  const after = openapiDoc({ 'get /pets': { summary: 'List pets' } })

  it('the OpenAPI diff reports the path change of one operation, not one removed and one added', async () => {
    const changes = await diffDocuments(before, after)
    expect(keys(changes.added)).toEqual([])
    expect(keys(changes.removed)).toEqual([])
    expect(keys(changes.modified.map((entry) => entry.operation))).toEqual(['GET /pets'])
    expect(changes.changes.map((change) => `${change.kind}:${change.operation}`)).toEqual(['operation-path-changed:GET /pets'])
    expect(changes.renamed).toEqual([{ from: { key: 'GET /pets/', method: 'GET', path: '/pets/', summary: 'List pets' }, to: { key: 'GET /pets', method: 'GET', path: '/pets', summary: 'List pets' } }])
  })

  it('the merge updates the request in place: same id, nothing added or removed', async () => {
    const changes = await diffDocuments(before, after)
    const { base, collection, report } = await mergeAcross(before, after, changes)
    expect(report).toMatchObject({ added: [], removed: [] })
    const [was] = locateRequests(base)
    const requests = locateRequests(collection)
    expect(requests.map((entry) => [entry.request.id, entry.request.operationKey])).toEqual([[was!.request.id, 'GET /pets']])
  })

  it('a Postman request and the OpenAPI operation it calls have one identity', async () => {
    const format = (await import('../src/formats/postman/index.js')).postmanFormat
    const postman = (await format.normalize(collectionText([request('Get a pet', { url: '{{baseUrl}}/pets/:id/' })]), { sourceId: 'p' })).snapshot
    const openapi = await snapshotOf(openapiDoc({ 'get /pets/{petId}/': {} }))
    expect(postman.operations.map((operation) => operation.identity)).toEqual(['GET /pets/{}'])
    expect(openapi.operations.map((operation) => operation.identity)).toEqual(['GET /pets/{}'])
  })

  it('a document that declares both keeps both, and each pairs with itself', async () => {
    const both = openapiDoc({ 'get /pets': { summary: 'Without' }, 'get /pets/': { summary: 'With' } })
    const onlySlash = openapiDoc({ 'get /pets/': { summary: 'With' } })
    const snapshot = await snapshotOf(both)
    expect(new Set(snapshot.operations.map((operation) => operation.identity)).size).toBe(2)
    const changes = await diffDocuments(onlySlash, both)
    expect(keys(changes.added)).toEqual(['GET /pets'])
    expect(keys(changes.removed)).toEqual([])
    expect(changes.modified).toEqual([])
  })
})

describe(':id is a path parameter to the diff as it is to the merge', () => {
  it('a spec that rewrites /users/:id as /users/{id} keeps the operation', async () => {
    const before = openapiDoc({ 'get /users/:id': { summary: 'Get a user' } })
    const after = openapiDoc({ 'get /users/{id}': { summary: 'Get a user', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] } })
    const changes = await diffDocuments(before, after)
    expect(keys(changes.added)).toEqual([])
    expect(keys(changes.removed)).toEqual([])
    expect(changes.renamed).toBeUndefined()
    const { collection, report } = await mergeAcross(before, after, changes)
    expect(report).toMatchObject({ added: [], removed: [] })
    expect(locateRequests(collection).map((entry) => entry.request.operationKey)).toEqual(['GET /users/{id}'])
  })
})

describe('the diff hands moves to the merge as data', () => {
  const before = openapiDoc({ 'get /pets': { operationId: 'listPets' }, 'get /owners': { operationId: 'listOwners' } })
  const after = openapiDoc({ 'get /animals': { operationId: 'listPets' }, 'get /owners': { operationId: 'listOwners' } })

  it('ChangeSet.renamed lists the operation that moved by operationId', async () => {
    const changes = await diffDocuments(before, after)
    expect(changes.renamed?.map(({ from, to }) => `${from.key} -> ${to.key}`)).toEqual(['GET /pets -> GET /animals'])
    expect(renamesOf(changes)).toEqual([{ from: 'GET /pets', to: 'GET /animals' }])
  })

  it('the merge follows `renamed`, not change records: a path-changed record alone moves nothing', async () => {
    const changes = await diffDocuments(before, after)
    const { renamed: _renamed, ...withoutData } = changes
    expect(changes.changes.some((change) => change.kind === 'operation-path-changed')).toBe(true)
    expect(renamesOf(withoutData)).toEqual([])
    expect(renamesOf(undefined)).toEqual([])
  })

  it('a renamed path parameter is not a move', async () => {
    const changes = await diffDocuments(openapiDoc({ 'get /pets/{petId}': {} }), openapiDoc({ 'get /pets/{id}': {} }))
    expect(changes.renamed).toBeUndefined()
  })
})

describe('one pairing order: identity, base path, operationId, shape', () => {
  it('pairs by identity before operationId, and never pairs duplicate operationIds', async () => {
    const before = await snapshotOf(openapiDoc({ 'get /a': { operationId: 'x' }, 'get /b': { operationId: 'dup' }, 'get /c': { operationId: 'dup' } }))
    const after = await snapshotOf(openapiDoc({ 'get /a': { operationId: 'y' }, 'get /d': { operationId: 'dup' } }))
    const pairing = matchOperations(before.operations, after.operations)
    expect(pairing.pairs.map((pair) => `${pair.by}:${pair.before.key}->${pair.after.key}`)).toEqual(['identity:GET /a->GET /a'])
    expect(keys(pairing.removed)).toEqual(['GET /b', 'GET /c'])
    expect(keys(pairing.added)).toEqual(['GET /d'])
  })

  it('pairs the same full URL under another base path as rebased', async () => {
    const before = await snapshotOf(JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, servers: [{ url: 'https://x.test/api' }], paths: { '/v2/pets': { get: { responses: {} } } } }))
    const after = await snapshotOf(JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, servers: [{ url: 'https://x.test/api/v2' }], paths: { '/pets': { get: { responses: {} } } } }))
    const pairing = matchOperations(before.operations, after.operations, { basePaths: { before: '/api', after: '/api/v2' } })
    expect(pairing.pairs.map((pair) => `${pair.by}:${pair.before.key}->${pair.after.key}`)).toEqual(['rebased:GET /v2/pets->GET /pets'])
  })
})
