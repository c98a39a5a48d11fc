import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MAX_TIMER_DELAY_MS, systemClock, withLongTimers } from '../src/runtime/clock.js'
import { HttpError } from '../src/errors/errors.js'
import { content, openapiDoc } from './helpers/fake-loader.js'
import { createTestService, sourceConfig } from './helpers/service.js'

// Web Crypto's digest runs on the thread pool, out of fake time's reach: use the same hash synchronously.
vi.mock('../src/formats/hash.js', async (importOriginal) => (await import('./helpers/sync-sha256.js')).withSyncSha256(importOriginal))

const DAY = 24 * 60 * 60 * 1000
const doc = openapiDoc({ 'get /pets': {} })

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('waits longer than a platform timer holds (issue 11, item 6)', () => {
  it('chains a wait above 2^31-1 ms instead of firing it at once, and clears it at any link', async () => {
    const clock = withLongTimers(systemClock)
    const fired: string[] = []
    clock.setTimeout(() => fired.push('long'), 30 * DAY)
    const cleared = clock.setTimeout(() => fired.push('cleared'), 60 * DAY)
    await vi.advanceTimersByTimeAsync(MAX_TIMER_DELAY_MS + 1000)
    expect(fired).toEqual([])
    clock.clearTimeout(cleared)
    await vi.advanceTimersByTimeAsync(30 * DAY)
    expect(fired).toEqual(['long'])
    await vi.advanceTimersByTimeAsync(60 * DAY)
    expect(fired).toEqual(['long'])
  })

  it('polls a source with a 30-day refreshInterval once, not every millisecond', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig({ refreshInterval: 30 * DAY })
    loader.script(config.id, content(doc))
    await service.addSource(config)
    service.start()
    await vi.advanceTimersByTimeAsync(1000)
    expect(loader.callsFor(config.id)).toBe(1)
    await vi.advanceTimersByTimeAsync(30 * DAY)
    expect(loader.callsFor(config.id)).toBe(2)
  })

  it('waits out a year-long Retry-After (under a larger maxTimeout) instead of burning the retries', async () => {
    const { service, loader } = createTestService({ retry: { retries: 2, maxTimeout: 400 * DAY } })
    const config = sourceConfig()
    const busy = new HttpError('busy', 503, { retryAfterMs: 365 * DAY })
    loader.script(config.id, busy, content(doc))
    await service.addSource(config)
    const result = service.syncSource(config.id)
    await vi.advanceTimersByTimeAsync(1000)
    expect(loader.callsFor(config.id)).toBe(1)
    await vi.advanceTimersByTimeAsync(365 * DAY)
    expect((await result).status).toBe('success')
    expect(loader.callsFor(config.id)).toBe(2)
  })

  it('does not time out a load early under a timeout above 2^31-1 ms', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig({ timeout: 40 * DAY })
    let answer: ((value: ReturnType<typeof content>) => void) | undefined
    loader.script(config.id, () => new Promise((resolve) => (answer = resolve)))
    await service.addSource(config)
    const result = service.syncSource(config.id)
    await vi.advanceTimersByTimeAsync(1000)
    answer?.(content(doc))
    expect((await result).status).toBe('success')
  })
})
