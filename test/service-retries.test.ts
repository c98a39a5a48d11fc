// Retries within one sync, scripted with the test kit (api-live-sync/testing): the fake source's
// request log (attempt, clock time) shows when each attempt ran, and the test clock's runUntil waits
// out the backoff without fake timers or a mocked hash.
import { describe, expect, it } from 'vitest'
import { SyncEvents } from '../src/events/events.js'
import { HttpError } from '../src/errors/errors.js'
import type { LiveSyncServiceOptions } from '../src/service/options.js'
import { createFakeSource, createTestClock, failures, openapi, type FakeSource } from '../src/testing/index.js'
import { createTestService, sourceConfig } from './helpers/service.js'

const v1 = openapi({ 'GET /pets': { operationId: 'listPets' } })

/** A service over `source` on a test clock, with one source registered; `at` gives request times from the start. */
async function setUp(source: FakeSource, options: LiveSyncServiceOptions = {}, sourceOverrides: Record<string, unknown> = {}) {
  const clock = createTestClock()
  const { service } = createTestService({ loader: source, clock, ...options })
  const config = sourceConfig(sourceOverrides)
  await service.addSource(config)
  const start = clock.now()
  const retries: Array<{ attempt: number; delayMs: number; code: string }> = []
  service.on(SyncEvents.SYNC_RETRY, (event) => retries.push({ attempt: event.attempt, delayMs: event.delayMs, code: event.error.code }))
  return {
    sync: () => clock.runUntil(service.syncSource(config.id)),
    attempts: () => source.requests.map((request) => ({ attempt: request.attempt, at: request.at - start })),
    retries,
    config,
  }
}

describe('retries', () => {
  it('retries network errors with exponential backoff, emitting sync:retry for each failed attempt', async () => {
    const source = createFakeSource()
    const { sync, attempts, retries, config } = await setUp(source, { retry: { retries: 3, minTimeout: 1000, factor: 2, maxTimeout: 30_000 } })
    source.serve(config.url, v1).fail(config.url, failures.networkError()).fail(config.url, failures.httpStatus(503))

    expect(await sync()).toMatchObject({ status: 'success', attempts: 3 })
    expect(attempts()).toEqual([
      { attempt: 1, at: 0 },
      { attempt: 2, at: 1000 },
      { attempt: 3, at: 3000 },
    ])
    expect(retries).toEqual([
      { attempt: 1, delayMs: 1000, code: 'NETWORK_ERROR' },
      { attempt: 2, delayMs: 2000, code: 'HTTP_ERROR' },
    ])
  })

  it('gives up after `retries` retries and reports the last error', async () => {
    const source = createFakeSource()
    const { sync, config } = await setUp(source, { retry: { retries: 2, minTimeout: 100 } })
    source.serve(config.url, v1).fail(config.url, failures.httpStatus(500), { times: Infinity })
    const result = await sync()
    expect(result).toMatchObject({ status: 'failed', attempts: 3 })
    expect(result.error?.code).toBe('HTTP_ERROR')
  })

  it.each([
    ['404', failures.httpStatus(404), 'HTTP_ERROR'],
    ['401', failures.httpStatus(401), 'HTTP_ERROR'],
    ['too large', failures.tooLarge(), 'TOO_LARGE'],
  ])('does not retry %s', async (_label, failure, code) => {
    const source = createFakeSource()
    const { sync, retries, config } = await setUp(source)
    source.serve(config.url, v1).fail(config.url, failure, { times: Infinity })
    const result = await sync()
    expect(result).toMatchObject({ status: 'failed', attempts: 1 })
    expect(result.error?.code).toBe(code)
    expect(retries).toEqual([])
  })

  it('retries 408 and 429, honouring Retry-After up to maxTimeout', async () => {
    const source = createFakeSource()
    const { sync, retries, config } = await setUp(source, { retry: { retries: 2, minTimeout: 1000, maxTimeout: 30_000 } })
    source
      .serve(config.url, v1)
      .fail(config.url, failures.httpStatus(429, { retryAfter: 5 }))
      .fail(config.url, failures.httpStatus(429, { retryAfter: 120 }))
    expect((await sync()).status).toBe('success')
    expect(retries.map((retry) => retry.delayMs)).toEqual([5000, 30_000])
    expect(new HttpError('t', 408).retryable).toBe(true)
  })

  it('times out an attempt through the clock and retries it', async () => {
    const source = createFakeSource()
    const { sync, attempts, retries, config } = await setUp(source, { timeout: 5000, retry: { retries: 1, minTimeout: 100 } })
    source.serve(config.url, v1).hang(config.url)
    expect((await sync()).status).toBe('success')
    expect(retries.map((retry) => retry.code)).toEqual(['TIMEOUT'])
    expect(attempts()).toEqual([
      { attempt: 1, at: 0 },
      { attempt: 2, at: 5100 },
    ])
  })

  it('uses the source timeout over the service timeout', async () => {
    const source = createFakeSource()
    const { sync, config } = await setUp(source, { timeout: 60_000, retry: { retries: 0 } }, { timeout: 2000 })
    source.serve(config.url, v1).hang(config.url)
    const result = await sync()
    expect(result.error?.code).toBe('TIMEOUT')
    expect(result.error?.message).toContain('2000 ms')
    expect(result.durationMs).toBe(2000)
  })

  it('retries a plain error thrown by a custom loader and wraps it in a LiveSyncError naming the source', async () => {
    const source = createFakeSource()
    const { sync, config } = await setUp(source, { retry: { retries: 1, minTimeout: 10 } })
    source.serve(config.url, v1).fail(config.url, new Error('custom boom'), { times: Infinity })
    const result = await sync()
    expect(result.attempts).toBe(2)
    expect(result.error?.code).toBe('NETWORK_ERROR')
    expect(result.error?.message).toContain(config.id)
    expect(result.error?.message).toContain('custom boom')
  })
})
