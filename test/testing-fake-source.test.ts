// The test kit's fake source (api-live-sync/testing), driven through a real LiveSyncService.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CancelledError,
  HttpError,
  isCancelledError,
  isHttpError,
  isInvalidConfigError,
  isNetworkError,
  isParseError,
  isTimeoutError,
  isTooLargeError,
  LiveSyncService,
  type LiveSyncServiceOptions,
  type SyncRetryEvent,
} from '../src/index.js'
import { createFakeSource, createTestClock, failures, openapi, type FakeSource } from '../src/testing/index.js'

const URL_A = 'https://api.test/openapi.json'
const petsV1 = openapi({ 'GET /pets': {}, 'DELETE /pets/{id}': {} })
const petsV2 = openapi({ 'GET /pets': {} })

const services: LiveSyncService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()))
  vi.useRealTimers()
})

async function serviceOver(source: FakeSource, options: LiveSyncServiceOptions = {}, url = URL_A): Promise<LiveSyncService> {
  const service = new LiveSyncService({ loader: source, onListenerError: () => {}, ...options, retry: { randomize: false, ...options.retry } })
  services.push(service)
  await service.addSource({ id: 'pets', name: 'Pets', type: 'openapi', url, refreshInterval: 0 })
  return service
}

/** Loads through `source` directly, as a host calling a loader would. */
function loadDirect(source: FakeSource, signal = new AbortController().signal) {
  return source.load({ id: 'pets', name: 'Pets', type: 'openapi', url: URL_A, refreshInterval: 0, enabled: true } as never, { signal, maxBytes: 1_000_000 })
}

describe('serve', () => {
  it('serves an object as JSON and records each request with its attempt and conditional headers', async () => {
    const source = createFakeSource().serve(URL_A, petsV1, { etag: '"v1"' })
    const service = await serviceOver(source)

    const first = await service.syncSource('pets')
    const second = await service.syncSource('pets')

    expect(first).toMatchObject({ status: 'success', changesDetected: true })
    expect(service.getSnapshot('pets')?.operations.map((operation) => operation.key)).toEqual(['DELETE /pets/{id}', 'GET /pets'])
    // The second request carries the ETag and, like a real server, the fake answers 304.
    expect(second).toMatchObject({ status: 'success', changesDetected: false })
    expect(source.requests).toMatchObject([
      { location: URL_A, sourceId: 'pets', attempt: 1, ifNoneMatch: undefined },
      { location: URL_A, sourceId: 'pets', attempt: 1, ifNoneMatch: '"v1"' },
    ])
  })

  it('serves a string as is (YAML here), and a later serve changes the document', async () => {
    const source = createFakeSource().serve(URL_A, 'openapi: 3.0.3\ninfo: { title: T, version: "1" }\npaths:\n  /pets:\n    get:\n      responses: { "200": { description: ok } }\n  /owners:\n    get:\n      responses: { "200": { description: ok } }\n')
    const service = await serviceOver(source)
    await service.syncSource('pets')
    const detected: string[][] = []
    service.on('changes:detected', ({ changes }) => detected.push(changes.removed.map((operation) => operation.key)))

    source.serve(URL_A, petsV2)
    const result = await service.syncSource('pets')

    expect(result.changes?.breaking).toBe(true)
    expect(detected).toEqual([['GET /owners']])
  })

  it('keys locations by normalized URL, and by path as written for file sources', async () => {
    const source = createFakeSource().serve('HTTPS://API.test/openapi.json', petsV1).serve('specs/pets.yaml', petsV2)
    const service = await serviceOver(source)
    await service.addSource({ id: 'file', name: 'File', type: 'openapi', filePath: 'specs/pets.yaml', refreshInterval: 0 })

    expect((await service.syncSource('pets')).status).toBe('success')
    expect((await service.syncSource('file')).status).toBe('success')
    expect(source.requestsTo('specs/pets.yaml')).toMatchObject([{ sourceId: 'file' }])
  })

  it('refuses a document larger than the service maxBytes with TooLargeError, not retried', async () => {
    const source = createFakeSource().serve(URL_A, petsV1)
    const service = await serviceOver(source, { maxBytes: 50, retry: { retries: 3 } })
    const result = await service.syncSource('pets')
    expect(isTooLargeError(result.error)).toBe(true)
    expect(result.error?.message).toContain(`Source "pets" (GET ${URL_A})`)
    expect(result.attempts).toBe(1)
  })
})

describe('misuse', () => {
  it('a source at a location nothing was set up for fails at once with INVALID_CONFIG naming the location', async () => {
    const source = createFakeSource().serve('https://api.test/other.json', petsV1)
    const service = await serviceOver(source, { retry: { retries: 3 } })
    const result = await service.syncSource('pets')
    expect(result.attempts).toBe(1)
    expect(isInvalidConfigError(result.error)).toBe(true)
    expect(result.error?.message).toContain(`nothing is set up at "${URL_A}" (source "pets")`)
    expect(result.error?.message).toContain('"https://api.test/other.json"')
  })

  it('a location with answers queued but no document says to serve one', async () => {
    const source = createFakeSource().notModified(URL_A)
    await expect(loadDirect(source)).resolves.toEqual({ notModified: true })
    await expect(loadDirect(source)).rejects.toThrow(`"${URL_A}" (source "pets") has no document`)
  })

  it('rejects bad arguments with errors naming them', () => {
    const source = createFakeSource()
    expect(() => source.fail(URL_A, failures.networkError(), { times: 0 })).toThrow('fail: times must be a whole number >= 1 or Infinity, got 0')
    expect(() => source.serve(URL_A, null as never)).toThrow('serve: the document must be an object (sent as JSON) or a string, got null')
    expect(() => source.serve('', petsV1)).toThrow(`serve: the location must be a source's url or filePath, got ""`)
    expect(() => source.delay(URL_A, -1)).toThrow(RangeError)
    expect(() => failures.httpStatus(200)).toThrow('failures.httpStatus: status must be an error status (400..599), got 200')
  })
})

describe('fail', () => {
  it('an HTTP 503 with Retry-After is retried after the delay the server asked for, on the service clock', async () => {
    const clock = createTestClock()
    const source = createFakeSource().serve(URL_A, petsV1).fail(URL_A, failures.httpStatus(503, { retryAfter: 7 }), { times: 2 })
    const service = await serviceOver(source, { clock, retry: { retries: 3, minTimeout: 1000 } })
    const retries: SyncRetryEvent[] = []
    service.on('sync:retry', (event) => retries.push(event))
    const start = clock.now()

    const result = await clock.runUntil(service.syncSource('pets'))

    expect(result).toMatchObject({ status: 'success', attempts: 3 })
    expect(retries.map(({ attempt, delayMs, error }) => [attempt, delayMs, isHttpError(error) && error.status])).toEqual([
      [1, 7000, 503],
      [2, 7000, 503],
    ])
    expect(source.requests.map(({ attempt, at }) => [attempt, at - start])).toEqual([
      [1, 0],
      [2, 7000],
      [3, 14_000],
    ])
  })

  it.each([
    ['HTTP 404', failures.httpStatus(404), (error: unknown) => isHttpError(error) && error.status === 404, false],
    ['HTTP 429', failures.httpStatus(429, { retryAfter: '0' }), (error: unknown) => isHttpError(error) && error.retryAfterMs === 0, true],
    ['a network error', failures.networkError({ code: 'ECONNRESET' }), isNetworkError, true],
    ['a timeout', failures.timeout(), (error: unknown) => isTimeoutError(error) && error.timeoutMs === 30_000, true],
    ['too large', failures.tooLarge(), isTooLargeError, false],
    ['an invalid document', failures.invalidDocument(), isParseError, false],
  ])('%s is the library error with its real retryable flag', async (_name, failure, isExpected, retryable) => {
    const source = createFakeSource().serve(URL_A, petsV1).fail(URL_A, failure, { times: Infinity })
    const service = await serviceOver(source, { retry: { retries: 2, minTimeout: 0 } })
    const result = await service.syncSource('pets')
    expect(result.status).toBe('failed')
    expect(isExpected(result.error)).toBe(true)
    expect(result.error?.retryable).toBe(retryable)
    expect(result.error?.sourceId).toBe('pets')
    expect(result.attempts).toBe(retryable ? 3 : 1)
  })

  it('fails `times` requests, then serves the document; Infinity until recover()', async () => {
    const source = createFakeSource().serve(URL_A, petsV1)
    const service = await serviceOver(source, { retry: { retries: 0 } })
    source.fail(URL_A, failures.networkError(), { times: 2 })
    const statuses = [await service.syncSource('pets'), await service.syncSource('pets'), await service.syncSource('pets')].map((r) => r.status)
    expect(statuses).toEqual(['failed', 'failed', 'success'])

    source.fail(URL_A, new HttpError('custom', 500), { times: Infinity })
    expect((await service.syncSource('pets')).error?.message).toBe('custom')
    expect((await service.syncSource('pets')).error?.message).toBe('custom')
    expect(service.getSourceStatus('pets')).toMatchObject({ status: 'failed', consecutiveFailures: 2, errorCode: 'HTTP_ERROR' })
    source.recover(URL_A)
    expect((await service.syncSource('pets')).status).toBe('success')
  })

  it('answers queue in order: a failure, a 304, then the document', async () => {
    const source = createFakeSource().serve(URL_A, petsV1).fail(URL_A, failures.httpStatus(500)).notModified(URL_A)
    expect(await loadDirect(source).catch((error: unknown) => isHttpError(error))).toBe(true)
    expect(await loadDirect(source)).toEqual({ notModified: true })
    expect(await loadDirect(source)).toMatchObject({ content: JSON.stringify(petsV1), contentType: 'application/json' })
  })
})

describe('delay and hang', () => {
  it('delay waits on the service clock, and the request gets the document served by then', async () => {
    const clock = createTestClock()
    const source = createFakeSource().serve(URL_A, petsV1).delay(URL_A, 2000)
    const service = await serviceOver(source, { clock })
    const settled = vi.fn()
    const sync = service.syncSource('pets').then(settled)

    await clock.advance(1999)
    expect(settled).not.toHaveBeenCalled()
    source.serve(URL_A, petsV2)
    await clock.advance(1)
    await sync
    expect(service.getSnapshot('pets')?.operations.map((operation) => operation.key)).toEqual(['GET /pets'])
  })

  it('delay follows vitest fake timers when the service keeps its default clock', async () => {
    vi.useFakeTimers()
    const source = createFakeSource().serve(URL_A, petsV1).delay(URL_A, 5000)
    const service = await serviceOver(source)
    const settled = vi.fn()
    const sync = service.syncSource('pets').then(settled)
    await vi.advanceTimersByTimeAsync(4999)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    vi.useRealTimers()
    await sync
    expect(settled).toHaveBeenCalledWith(expect.objectContaining({ status: 'success' }))
  })

  it('hang holds a request until release, with `reached` as the gate', async () => {
    const source = createFakeSource().serve(URL_A, petsV1)
    const service = await serviceOver(source)
    const held = source.hang(URL_A)
    const sync = service.syncSource('pets')

    const request = await held.reached
    expect(request).toMatchObject({ location: URL_A, attempt: 1 })
    expect(service.getSourceStatus('pets').syncing).toBe(true)
    source.serve(URL_A, petsV2)
    held.release()

    expect(await sync).toMatchObject({ status: 'success' })
    expect(service.getSnapshot('pets')?.operations).toHaveLength(1)
  })

  it('a hung request ends with the service timeout, on the service clock', async () => {
    const clock = createTestClock()
    const source = createFakeSource().serve(URL_A, petsV1)
    const service = await serviceOver(source, { clock, timeout: 5000, retry: { retries: 0 } })
    source.hang(URL_A)
    const result = await clock.runUntil(service.syncSource('pets'))
    expect(isTimeoutError(result.error)).toBe(true)
    expect(result.durationMs).toBe(5000)
  })

  it('a hung request ends when its source is removed, as cancelled', async () => {
    const source = createFakeSource().serve(URL_A, petsV1)
    const service = await serviceOver(source)
    const held = source.hang(URL_A)
    const sync = service.syncSource('pets')
    await held.reached
    await service.removeSource('pets')
    expect(await sync).toMatchObject({ status: 'cancelled' })
  })

  it('a plain abort (not a library error) becomes CancelledError naming the source', async () => {
    const source = createFakeSource().serve(URL_A, petsV1)
    const held = source.hang(URL_A)
    const controller = new AbortController()
    const load = loadDirect(source, controller.signal)
    await held.reached
    controller.abort()
    const error = await load.catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(CancelledError)
    expect(isCancelledError(error) && error.sourceId).toBe('pets')
    // An already aborted signal is refused before anything is recorded as answered.
    await expect(loadDirect(source, AbortSignal.abort())).rejects.toBeInstanceOf(CancelledError)
  })
})
