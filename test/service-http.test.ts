import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { SyncEvents } from '../src/events/events.js'
import { sha256Hex } from '../src/formats/hash.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'
import { openapiDoc } from './helpers/fake-loader.js'

// The service against a real node:http server with real timers (short retry waits, no duration assertions).

let server: TestServer | undefined
let service: LiveSyncService | undefined
afterEach(async () => {
  await service?.dispose()
  await server?.close()
  service = undefined
  server = undefined
})

const v1 = openapiDoc({ 'get /pets': {} })
const v1Yaml = `openapi: 3.0.3\ninfo:\n  title: Test API\n  version: 1.0.0\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n`

function newService(): LiveSyncService {
  service = new LiveSyncService({ retry: { retries: 2, minTimeout: 5, maxTimeout: 20, randomize: false }, timeout: 2000 })
  return service
}

describe('LiveSyncService over HTTP', () => {
  it('retries a 500 and succeeds on the following 200', async () => {
    let calls = 0
    server = await startTestServer((_request, response) => {
      calls++
      if (calls === 1) {
        response.statusCode = 500
        response.end('oops')
        return
      }
      response.setHeader('content-type', 'application/json')
      response.end(v1)
    })
    const sync = newService()
    const retries: number[] = []
    sync.on(SyncEvents.SYNC_RETRY, (event) => retries.push(event.attempt))
    await sync.addSource({ id: 'h1', name: 'H', type: 'openapi', url: `${server.url}/openapi.json`, refreshInterval: 0 })
    const result = await sync.syncSource('h1')
    expect(result).toMatchObject({ status: 'success', attempts: 2, changesDetected: true })
    expect(retries).toEqual([1])
  })

  it('does not retry a 404', async () => {
    server = await startTestServer((_request, response) => {
      response.statusCode = 404
      response.end()
    })
    const sync = newService()
    await sync.addSource({ id: 'h2', name: 'H', type: 'openapi', url: `${server.url}/missing.json`, refreshInterval: 0 })
    const result = await sync.syncSource('h2')
    expect(result).toMatchObject({ status: 'failed', attempts: 1 })
    expect(result.error?.code).toBe('HTTP_ERROR')
    expect(server.requests).toHaveLength(1)
  })

  it('uses the ETag: the second poll gets a 304 and reads no body', async () => {
    server = await startTestServer((request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.statusCode = 304
        response.end()
        return
      }
      response.setHeader('etag', '"v1"')
      response.setHeader('content-type', 'application/json')
      response.end(v1)
    })
    const sync = newService()
    await sync.addSource({ id: 'h3', name: 'H', type: 'openapi', url: `${server.url}/openapi.json`, refreshInterval: 0 })
    const first = await sync.syncSource('h3')
    const second = await sync.syncSource('h3')
    expect(second).toMatchObject({ status: 'success', changesDetected: false, fingerprint: first.fingerprint })
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"')
  })

  it('reads YAML and JSON forms of one document to the same fingerprint', async () => {
    let yaml = false
    server = await startTestServer((_request, response) => {
      response.setHeader('content-type', yaml ? 'application/yaml' : 'application/json')
      response.end(yaml ? v1Yaml : v1)
    })
    const sync = newService()
    await sync.addSource({ id: 'h4', name: 'H', type: 'openapi', url: `${server.url}/openapi`, refreshInterval: 0 })
    const json = await sync.syncSource('h4')
    yaml = true
    const fromYaml = await sync.syncSource('h4')
    expect(fromYaml).toMatchObject({ status: 'success', changesDetected: false, fingerprint: json.fingerprint })
  })

  it('times out a response slower than the timeout and keeps the last good snapshot', async () => {
    let slow = false
    server = await startTestServer((_request, response) => {
      if (slow) return // hold the response open until the server closes
      response.setHeader('content-type', 'application/json')
      response.end(v1)
    })
    service = new LiveSyncService({ retry: { retries: 0 }, timeout: 100 })
    await service.addSource({ id: 'h5', name: 'H', type: 'openapi', url: `${server.url}/openapi.json`, refreshInterval: 0 })
    const good = await service.syncSource('h5')
    slow = true
    const result = await service.syncSource('h5')
    expect(result.error?.code).toBe('TIMEOUT')
    expect(service.getSnapshot('h5')?.fingerprint).toBe(good.fingerprint)
  })

  it('never shows header values or URL passwords in results, statuses or events', async () => {
    server = await startTestServer((_request, response) => {
      response.statusCode = 503
      response.end()
    })
    const sync = newService()
    const seen: unknown[] = []
    for (const event of Object.values(SyncEvents)) sync.on(event, (payload: unknown) => seen.push(payload))
    const url = server.url.replace('http://', 'http://user:pa55word@') + '/spec.json?token=qwerty'
    await sync.addSource({ id: 'h6', name: 'H', type: 'openapi', url, refreshInterval: 0, headers: { 'X-Api-Key': 'top-secret-key' } })
    const result = await sync.syncSource('h6')
    expect(server.requests[0]?.headers['x-api-key']).toBe('top-secret-key')
    const everything = JSON.stringify([seen, result, result.error?.message, sync.getAllSourceStatuses()])
    for (const secret of ['top-secret-key', 'pa55word', 'qwerty']) expect(everything).not.toContain(secret)
  })
})

describe('sha256Hex', () => {
  it('is the standard SHA-256 (the synchronous stand-in used under fake timers agrees)', async () => {
    const text = 'api-live-sync ✓'
    expect(await sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'))
  })
})
