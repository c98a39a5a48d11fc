import { afterEach, describe, expect, it } from 'vitest'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { SyncEvents } from '../src/events/events.js'
import { serve } from './helpers/serve.js'
import { openapiDoc } from './helpers/fake-loader.js'
import { deferred } from './helpers/promises.js'

const services: LiveSyncService[] = []
let count = 0

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()))
})

function service(): LiveSyncService {
  const created = new LiveSyncService({ retry: { retries: 0 }, onListenerError: () => {} })
  services.push(created)
  return created
}

function source(url: string) {
  count += 1
  return { id: `http-rel-${count}`, name: 'Reliability source', type: 'openapi' as const, url, refreshInterval: 0 }
}

describe('a 304 to a first, unconditional request (issue 11, item 12)', () => {
  it('is a failed sync with a non-retryable HTTP_ERROR that says no document was received', async () => {
    const server = await serve((_request, response) => void response.writeHead(304).end())
    const sync = service()
    const config = source(`${server.url}/spec.json`)
    await sync.addSource(config)
    const result = await sync.syncSource(config.id)
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'HTTP_ERROR', status: 304, retryable: false })
    expect(result.error?.message).toMatch(/304 Not Modified to a request without If-None-Match/)
    expect(sync.getSnapshot(config.id)).toBeUndefined()
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined()
  })
})

describe('updateSource to a new URL during a sync (issue 11, item 2)', () => {
  it('commits the old URL’s validators to nobody and reads the new document in full', async () => {
    const gate = deferred()
    const arrived = deferred()
    const oldDoc = openapiDoc({ 'get /old': {} })
    const newDoc = openapiDoc({ 'get /old': {}, 'get /new': {} })
    // Validators are build ids shared by both URLs: a conditional request to the new URL would get a 304.
    const server = await serve(async (request, response) => {
      if (request.headers['if-none-match'] === '"build-1"') return void response.writeHead(304).end()
      if (request.url === '/old.json') {
        arrived.resolve()
        await gate.promise
        return void response.writeHead(200, { 'content-type': 'application/json', etag: '"build-1"' }).end(oldDoc)
      }
      response.writeHead(200, { 'content-type': 'application/json', etag: '"build-1"' }).end(newDoc)
    })
    const sync = service()
    const config = source(`${server.url}/old.json`)
    await sync.addSource(config)
    const running = sync.syncSource(config.id)
    await arrived.promise
    await sync.updateSource({ ...config, url: `${server.url}/new.json` })
    gate.resolve()
    expect((await running).status).toBe('success')
    const next = await sync.syncSource(config.id)
    expect(server.requests.at(-1)).toMatchObject({ url: '/new.json' })
    expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined()
    expect(next.changes?.added.map((operation) => operation.key)).toEqual(['GET /new'])
  })
})

export { SyncEvents }
