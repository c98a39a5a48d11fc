import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { SyncEvents } from '../src/events/events.js'
import { fileStore } from '../src/node/file-store.js'
import type { Collection, CollectionItem, MergeReport, Request } from '../src/model/collection.js'
import type { SyncTarget } from '../src/service/target-sync.js'
import type { StateStore } from '../src/store/state-store.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'

// Issue 5's acceptance scenarios: a local HTTP server serving an evolving spec, the real service,
// and a target holding the user's collection, which the test edits between syncs like a user would.

type Operation = Record<string, unknown>
type Paths = Record<string, Record<string, Operation>>

function spec(paths: Paths): string {
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Users API', version: '1' }, paths })
}

const ok = { '200': { description: 'ok' } }

class MemoryTarget implements SyncTarget {
  collection: Collection | undefined
  writes = 0
  reports: MergeReport[] = []
  failNextWrite = false
  async read() {
    return this.collection === undefined ? undefined : structuredClone(this.collection)
  }
  async write(collection: Collection, report: MergeReport) {
    if (this.failNextWrite) {
      this.failNextWrite = false
      throw new Error('disk is full')
    }
    this.writes++
    this.collection = structuredClone(collection)
    this.reports.push(report)
  }
}

function allRequests(items: CollectionItem[], folder: string[] = []): Array<{ request: Request; folder: string[] }> {
  return items.flatMap((item) =>
    item.type === 'folder' ? allRequests(item.items, [...folder, item.name]) : [{ request: item, folder }],
  )
}

function requestOf(target: MemoryTarget, operationKey: string): Request {
  const found = allRequests(target.collection!.items).filter((entry) => entry.request.operationKey === operationKey)
  expect(found, `requests for ${operationKey}`).toHaveLength(1)
  return found[0]!.request
}

function folderOf(target: MemoryTarget, requestId: string): string[] {
  return allRequests(target.collection!.items).find((entry) => entry.request.id === requestId)!.folder
}

/** Edits the user's collection in place, as a user of an API client would. */
function editRequest(target: MemoryTarget, operationKey: string, edit: (request: Request) => void): void {
  const entry = allRequests(target.collection!.items).find((candidate) => candidate.request.operationKey === operationKey)
  edit(entry!.request)
}

let server: TestServer
let document = ''
let service: LiveSyncService
let target: MemoryTarget
let stateDir: string

beforeEach(async () => {
  document = ''
  server = await startTestServer((_request, response) => {
    response.setHeader('content-type', 'application/json')
    response.end(document)
  })
  target = new MemoryTarget()
  stateDir = await mkdtemp(join(tmpdir(), 'als-accept-'))
})
afterEach(async () => {
  await service?.dispose()
  await server.close()
  await rm(stateDir, { recursive: true, force: true })
})

async function startService(store?: StateStore): Promise<void> {
  service = new LiveSyncService({ retry: { retries: 0 }, ...(store ? { store } : {}) })
  await service.addSource({ id: 'users', name: 'Users', type: 'openapi', url: `${server.url}/openapi.json`, refreshInterval: 0 })
  service.attachTarget('users', target)
}

async function serve(paths: Paths) {
  document = spec(paths)
  const result = await service.syncSource('users')
  expect(result.status, result.error?.message).toBe('success')
  return result
}

const userEdits = (request: Request) => {
  request.headers.push({ key: 'X-Trace', value: 'trace-123', enabled: true })
  request.auth = { type: 'bearer', token: 'my-own-token' }
  request.scripts = { test: "pm.test('ok', () => pm.response.to.have.status(200))" }
}

describe('collections follow the spec without losing the user’s work', () => {
  it('1. a path renamed with the same operationId updates the request in place, keeping user headers, auth and scripts', async () => {
    await startService()
    await serve({ '/users/{id}': { get: { operationId: 'getUser', tags: ['Users'], responses: ok } } })
    const before = requestOf(target, 'GET /users/{id}')
    editRequest(target, 'GET /users/{id}', userEdits)
    const result = await serve({ '/members/{id}': { get: { operationId: 'getUser', tags: ['Users'], responses: ok } } })
    expect(result.changes?.changes.map((change) => change.kind)).toContain('operation-path-changed')
    const after = requestOf(target, 'GET /members/{id}')
    expect(after.id).toBe(before.id)
    expect(folderOf(target, after.id)).toEqual(['Users'])
    expect(after.url).toBe('{{baseUrl}}/members/{id}')
    expect(after.headers).toContainEqual({ key: 'X-Trace', value: 'trace-123', enabled: true })
    expect(after.auth).toEqual({ type: 'bearer', token: 'my-own-token' })
    expect(after.scripts?.test).toContain('pm.test')
    expect(allRequests(target.collection!.items)).toHaveLength(1)
  })

  it('2. only the method changed: updated in place, no duplicate, nothing lost', async () => {
    await startService()
    await serve({ '/users/{id}': { put: { operationId: 'updateUser', responses: ok } } })
    const before = requestOf(target, 'PUT /users/{id}')
    editRequest(target, 'PUT /users/{id}', userEdits)
    await serve({ '/users/{id}': { patch: { operationId: 'updateUser', responses: ok } } })
    const after = requestOf(target, 'PATCH /users/{id}')
    expect(after).toMatchObject({ id: before.id, method: 'PATCH', auth: { type: 'bearer', token: 'my-own-token' } })
    expect(after.headers).toContainEqual({ key: 'X-Trace', value: 'trace-123', enabled: true })
    expect(allRequests(target.collection!.items)).toHaveLength(1)
  })

  it('3. path, method and summary changed together, then the summary alone: both applied', async () => {
    await startService()
    await serve({ '/users': { post: { operationId: 'createUser', summary: 'Create user', responses: ok } } })
    const id = requestOf(target, 'POST /users').id
    await serve({ '/accounts': { put: { operationId: 'createUser', summary: 'Create account', responses: ok } } })
    expect(requestOf(target, 'PUT /accounts')).toMatchObject({ id, name: 'Create account', method: 'PUT', url: '{{baseUrl}}/accounts' })
    await serve({ '/accounts': { put: { operationId: 'createUser', summary: 'Create or replace account', responses: ok } } })
    expect(requestOf(target, 'PUT /accounts')).toMatchObject({ id, name: 'Create or replace account' })
    expect(allRequests(target.collection!.items)).toHaveLength(1)
  })

  it('4. an optional query parameter added joins the existing request; user values untouched', async () => {
    await startService()
    const limit = { name: 'limit', in: 'query', schema: { type: 'integer' } }
    await serve({ '/users': { get: { operationId: 'listUsers', parameters: [limit], responses: ok } } })
    editRequest(target, 'GET /users', (request) => {
      const row = request.params.find((param) => param.key === 'limit')!
      row.value = '50'
      row.enabled = true
    })
    const id = requestOf(target, 'GET /users').id
    const offset = { name: 'offset', in: 'query', schema: { type: 'integer' } }
    const result = await serve({ '/users': { get: { operationId: 'listUsers', parameters: [limit, offset], responses: ok } } })
    const request = requestOf(target, 'GET /users')
    expect(request.id).toBe(id)
    expect(request.params.find((param) => param.key === 'limit')).toMatchObject({ value: '50', enabled: true })
    expect(request.params.find((param) => param.key === 'offset')).toMatchObject({ enabled: false })
    expect(allRequests(target.collection!.items)).toHaveLength(1)
    expect(result.changes?.changes.find((change) => change.kind === 'request-parameter-added')?.severity).toBe('info')
  })

  it('5. a request body follows the spec unless the user edited it; an edited body is kept and the clash reported', async () => {
    await startService()
    const body = (example: unknown, mediaType = 'application/json') => ({
      requestBody: { required: true, content: { [mediaType]: { schema: { type: 'object' }, example } } },
    })
    await serve({
      '/users': { post: { operationId: 'createUser', ...body({ name: 'Ada' }), responses: ok } },
      '/teams': { post: { operationId: 'createTeam', ...body({ team: 'A' }), responses: ok } },
    })
    editRequest(target, 'POST /users', (request) => {
      request.body = { mediaType: 'application/json', text: '{"name":"my test user"}' }
    })
    const conflicts: unknown[] = []
    service.on(SyncEvents.CONFLICTS_DETECTED, (event) => conflicts.push(...event.conflicts))
    const result = await serve({
      '/users': { post: { operationId: 'createUser', ...body({ name: 'Ada', email: 'ada@example.com' }), responses: ok } },
      '/teams': { post: { operationId: 'createTeam', ...body({ team: 'B' }), responses: ok } },
    })
    expect(requestOf(target, 'POST /users').body).toEqual({ mediaType: 'application/json', text: '{"name":"my test user"}' })
    expect(JSON.parse(requestOf(target, 'POST /teams').body!.text)).toEqual({ team: 'B' })
    expect(result.merge?.conflicts.some((conflict) => conflict.operationKey === 'POST /users')).toBe(true)
    expect(conflicts.length).toBeGreaterThan(0)
    // A media type change follows the spec; the body never becomes empty.
    await serve({
      '/users': { post: { operationId: 'createUser', ...body({ name: 'Ada' }), responses: ok } },
      '/teams': { post: { operationId: 'createTeam', ...body('team=B', 'application/x-www-form-urlencoded'), responses: ok } },
    })
    const team = requestOf(target, 'POST /teams')
    expect(team.body?.mediaType).toBe('application/x-www-form-urlencoded')
    expect(team.body?.text.length).toBeGreaterThan(0)
    expect(requestOf(target, 'POST /users').body?.text).toBe('{"name":"my test user"}')
  })

  it('6. a response code added creates no new request', async () => {
    await startService()
    await serve({ '/users': { get: { operationId: 'listUsers', responses: ok } } })
    await serve({ '/users': { get: { operationId: 'listUsers', responses: { ...ok, '404': { description: 'missing' } } } } })
    expect(allRequests(target.collection!.items)).toHaveLength(1)
    expect(target.reports.at(-1)?.added).toEqual([])
  })

  it('7. identity is the operation key: /users, /users/{id} and /user never touch each other', async () => {
    await startService()
    await serve({
      '/users': { get: { summary: 'List', responses: ok } },
      '/users/{id}': { get: { summary: 'One', responses: ok } },
    })
    editRequest(target, 'GET /users/{id}', userEdits)
    const oneId = requestOf(target, 'GET /users/{id}').id
    const result = await serve({
      '/users/{id}': { get: { summary: 'One', responses: ok }, delete: { summary: 'Delete', responses: ok } },
      '/user': { get: { summary: 'Me', responses: ok } },
    })
    expect(result.changes?.removed.map((operation) => operation.key)).toEqual(['GET /users'])
    expect(result.changes?.added.map((operation) => operation.key).sort()).toEqual(['DELETE /users/{id}', 'GET /user'])
    const one = requestOf(target, 'GET /users/{id}')
    expect(one.id).toBe(oneId)
    expect(one.deprecated).not.toBe(true)
    expect(one.auth).toEqual({ type: 'bearer', token: 'my-own-token' })
    expect(requestOf(target, 'GET /users').deprecated).toBe(true) // removed from the spec: marked, kept
    expect(requestOf(target, 'DELETE /users/{id}').id).not.toBe(oneId)
    expect(requestOf(target, 'GET /user').id).not.toBe(oneId)
  })

  it('8. severities: required to optional is info, optional to required and removals are breaking; the merge follows', async () => {
    await startService()
    const schema = { type: 'object', properties: { id: { type: 'string' } } }
    const first = {
      '/users': {
        get: {
          operationId: 'listUsers',
          parameters: [
            { name: 'limit', in: 'query', required: true, schema: { type: 'integer' } },
            { name: 'sort', in: 'query', schema: { type: 'string' } },
            { name: 'filter', in: 'query', schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema } } }, '404': { description: 'none' } },
        },
      },
    }
    await serve(first)
    const result = await serve({
      '/users': {
        get: {
          operationId: 'listUsers',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer' } },
            { name: 'sort', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
    })
    const severity = (kind: string) => result.changes?.changes.find((change) => change.kind === kind)?.severity
    expect(severity('request-parameter-became-optional')).toBe('info')
    expect(severity('request-parameter-became-required')).toBe('breaking')
    expect(severity('request-parameter-removed')).toBe('breaking')
    expect(result.changes?.changes.some((change) => change.kind.startsWith('response-') && change.severity !== 'info')).toBe(true)
    expect(result.changes?.breaking).toBe(true)
    const request = requestOf(target, 'GET /users')
    expect(request.params.map((param) => param.key).sort()).toEqual(['limit', 'sort'])
    expect(request.params.find((param) => param.key === 'sort')?.enabled).toBe(true)
  })

  it('9. a spec that only reorders keys fires no change and writes nothing', async () => {
    await startService()
    const paths = { '/users': { get: { operationId: 'listUsers', summary: 'List', responses: ok } }, '/teams': { get: { responses: ok } } }
    await serve(paths)
    const writes = target.writes
    const detected: unknown[] = []
    service.on(SyncEvents.CHANGES_DETECTED, (event) => detected.push(event))
    document = JSON.stringify(JSON.parse(spec(paths)), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    )
    const result = await service.syncSource('users')
    expect(result).toMatchObject({ status: 'success', changesDetected: false })
    expect(detected).toEqual([])
    expect(target.writes).toBe(writes)
  })

  it('10. the first fetch fails (server down), the server comes up later: the spec is detected and written', async () => {
    await startService()
    server.setHandler((request) => request.socket.destroy())
    const failed = await service.syncSource('users')
    expect(failed.error?.code).toBe('NETWORK_ERROR')
    expect(target.writes).toBe(0)
    server.setHandler((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(spec({ '/users': { get: { responses: ok } } }))
    })
    const result = await service.syncSource('users')
    expect(result).toMatchObject({ status: 'success', changesDetected: true })
    expect(target.writes).toBe(1)
    expect(requestOf(target, 'GET /users')).toBeDefined()
  })

  it('11. a failed write does not move the baseline; the next cycle writes it', async () => {
    await startService()
    await serve({ '/users': { get: { responses: ok } } })
    const baseline = service.getSnapshot('users')?.fingerprint
    target.failNextWrite = true
    document = spec({ '/users': { get: { responses: ok } }, '/teams': { get: { responses: ok } } })
    const failed = await service.syncSource('users')
    expect(failed.error).toMatchObject({ code: 'TARGET_ERROR', message: expect.stringContaining('disk is full') })
    expect(service.getSnapshot('users')?.fingerprint).toBe(baseline)
    const retried = await service.syncSource('users')
    expect(retried.changes?.added.map((operation) => operation.key)).toEqual(['GET /teams'])
    expect(requestOf(target, 'GET /teams')).toBeDefined()
  })

  it('12. a restart (new service, same file store) merges the first change incrementally', async () => {
    await startService(fileStore(stateDir))
    await serve({ '/users/{id}': { get: { operationId: 'getUser', responses: ok } } })
    editRequest(target, 'GET /users/{id}', userEdits)
    const id = requestOf(target, 'GET /users/{id}').id
    await service.dispose()

    await startService(fileStore(stateDir))
    const result = await serve({ '/users/{id}': { get: { operationId: 'getUser', responses: ok } }, '/teams': { get: { responses: ok } } })
    expect(result.changes?.added.map((operation) => operation.key)).toEqual(['GET /teams'])
    expect(result.merge?.added).toEqual(['GET /teams'])
    expect(result.merge?.updated).toEqual([])
    expect(requestOf(target, 'GET /users/{id}')).toMatchObject({ id, auth: { type: 'bearer', token: 'my-own-token' } })
  })

  it('13. two operations with the same summary never overwrite each other', async () => {
    await startService()
    await serve({
      '/users': { get: { summary: 'List', responses: ok } },
      '/teams': { get: { summary: 'List', responses: ok } },
    })
    editRequest(target, 'GET /users', (request) => request.headers.push({ key: 'X-Who', value: 'users', enabled: true }))
    editRequest(target, 'GET /teams', (request) => request.headers.push({ key: 'X-Who', value: 'teams', enabled: true }))
    await serve({
      '/users': { get: { summary: 'List', description: 'changed', responses: ok } },
      '/teams': { get: { summary: 'List', responses: { ...ok, '404': { description: 'x' } } } },
    })
    expect(allRequests(target.collection!.items)).toHaveLength(2)
    expect(requestOf(target, 'GET /users').headers).toContainEqual({ key: 'X-Who', value: 'users', enabled: true })
    expect(requestOf(target, 'GET /teams').headers).toContainEqual({ key: 'X-Who', value: 'teams', enabled: true })
  })

  it('attaching to a collection the service never wrote keeps the user’s values and adds what is missing', async () => {
    await startService()
    await serve({ '/users': { get: { operationId: 'listUsers', responses: ok } } })
    editRequest(target, 'GET /users', userEdits)
    const existing = structuredClone(target.collection!)
    await service.dispose()

    // A new service with no saved state, attached to the collection the user already has.
    target = new MemoryTarget()
    target.collection = existing
    await startService()
    const result = await serve({ '/users': { get: { operationId: 'listUsers', responses: ok } }, '/teams': { get: { responses: ok } } })
    expect(result.merge?.added).toEqual(['GET /teams'])
    expect(requestOf(target, 'GET /users')).toMatchObject({ auth: { type: 'bearer', token: 'my-own-token' } })
    expect(requestOf(target, 'GET /users').headers).toContainEqual({ key: 'X-Trace', value: 'trace-123', enabled: true })
  })
})
