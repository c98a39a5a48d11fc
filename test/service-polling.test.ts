import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SyncEvents } from '../src/events/events.js'
import { NetworkError } from '../src/errors/errors.js'
import { pollDelay, retryDelay } from '../src/runtime/retry-policy.js'
import { createTestService, sourceConfig } from './helpers/service.js'
import { after, content, openapiDoc } from './helpers/fake-loader.js'

const doc = openapiDoc({ 'get /pets': {} })

// Web Crypto's digest runs on the thread pool, out of fake time's reach: use the same hash synchronously.
vi.mock('../src/formats/hash.js', async (importOriginal) => (await import('./helpers/sync-sha256.js')).withSyncSha256(importOriginal))

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** Times (fake ms since the test began) at which each sync of a source started. */
function recordStarts(service: ReturnType<typeof createTestService>['service'], origin: number): number[] {
  const starts: number[] = []
  service.on(SyncEvents.SYNC_STARTED, () => starts.push(Date.now() - origin))
  return starts
}

describe('polling', () => {
  it('syncs at once on start, then every refreshInterval measured from the end of the previous sync', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig({ refreshInterval: 10_000 })
    loader.script(config.id, after(500, content(doc)))
    await service.addSource(config)
    const origin = Date.now()
    const starts = recordStarts(service, origin)
    const triggers: string[] = []
    service.on(SyncEvents.SYNC_STARTED, (event) => triggers.push(event.trigger))
    service.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(starts).toEqual([0])
    await vi.advanceTimersByTimeAsync(500)
    expect(service.getSourceStatus(config.id).nextSync?.getTime()).toBe(origin + 10_500)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(starts).toEqual([0, 10_500])
    await vi.advanceTimersByTimeAsync(10_500)
    expect(starts).toEqual([0, 10_500, 21_000])
    expect(triggers.every((trigger) => trigger === 'poll')).toBe(true)
  })

  it('never overlaps: a sync slower than the interval delays the next poll', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig({ refreshInterval: 1000 })
    loader.script(config.id, after(5000, content(doc)))
    await service.addSource(config)
    const starts = recordStarts(service, Date.now())
    service.start()
    await vi.advanceTimersByTimeAsync(5999)
    expect(starts).toEqual([0])
    expect(loader.maxActive).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(starts).toEqual([0, 6000])
  })

  it('backs off exponentially after failures (capped), keeps retrying a source whose first sync fails, and resets on success', async () => {
    const { service, loader } = createTestService({ retry: { retries: 0 }, maxPollBackoff: 8000 })
    const config = sourceConfig({ refreshInterval: 1000 })
    const failure = new NetworkError('down')
    loader.script(config.id, failure, failure, failure, failure, failure, content(doc))
    await service.addSource(config)
    const starts = recordStarts(service, Date.now())
    service.start()
    await vi.advanceTimersByTimeAsync(60_000)
    // Failures 1..5 wait 2 s, 4 s, 8 s, then stay at the 8 s cap; the success returns to 1 s.
    expect(starts.slice(0, 8)).toEqual([0, 2000, 6000, 14_000, 22_000, 30_000, 31_000, 32_000])
    expect(service.getSourceStatus(config.id)).toMatchObject({ status: 'success', consecutiveFailures: 0 })
  })

  it('does not poll disabled sources or sources with refreshInterval 0', async () => {
    const { service, loader } = createTestService()
    const disabled = sourceConfig({ refreshInterval: 1000, enabled: false })
    const manual = sourceConfig({ refreshInterval: 0 })
    loader.script(disabled.id, content(doc))
    loader.script(manual.id, content(doc))
    await service.addSource(disabled)
    await service.addSource(manual)
    service.start()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(loader.calls).toEqual([])
    expect(service.getSourceStatus(disabled.id).nextSync).toBeNull()
    // Manual syncs still work whether or not the service is started.
    expect((await service.syncSource(manual.id)).status).toBe('success')
  })

  it('polls a source added after start', async () => {
    const { service, loader } = createTestService()
    service.start()
    const config = sourceConfig({ refreshInterval: 1000 })
    loader.script(config.id, content(doc))
    await service.addSource(config)
    await vi.advanceTimersByTimeAsync(2500)
    expect(loader.callsFor(config.id)).toBe(3)
  })

  it('updateSource reschedules with the new interval, and enabling a source polls it at once', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig({ refreshInterval: 10_000 })
    loader.script(config.id, content(doc))
    await service.addSource(config)
    service.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(loader.callsFor(config.id)).toBe(1)
    await service.updateSource({ ...config, refreshInterval: 2000 })
    await vi.advanceTimersByTimeAsync(2000)
    expect(loader.callsFor(config.id)).toBe(2)
    await service.updateSource({ ...config, refreshInterval: 2000, enabled: false })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(loader.callsFor(config.id)).toBe(2)
    expect(vi.getTimerCount()).toBe(0)
    await service.updateSource({ ...config, refreshInterval: 2000, enabled: true })
    await vi.advanceTimersByTimeAsync(0)
    expect(loader.callsFor(config.id)).toBe(3)
  })

  it('a manual sync replaces the pending poll; the next poll is measured from its end', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig({ refreshInterval: 10_000 })
    loader.script(config.id, content(doc))
    await service.addSource(config)
    const starts = recordStarts(service, Date.now())
    service.start()
    await vi.advanceTimersByTimeAsync(4000)
    await service.syncSource(config.id)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(starts).toEqual([0, 4000, 14_000])
  })

  it('stop() ends polling and waits for in-flight syncs', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig({ refreshInterval: 1000 })
    loader.script(config.id, after(3000, content(doc)))
    await service.addSource(config)
    service.start()
    await vi.advanceTimersByTimeAsync(100)
    let stopped = false
    const stopping = service.stop().then(() => (stopped = true))
    await vi.advanceTimersByTimeAsync(2800)
    expect(stopped).toBe(false)
    await vi.advanceTimersByTimeAsync(100)
    await stopping
    expect(service.getSourceStatus(config.id)).toMatchObject({ status: 'success', nextSync: null })
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(loader.callsFor(config.id)).toBe(1)
  })

  it('dispose() while polling aborts the running sync and leaves no timer behind', async () => {
    const { service, loader } = createTestService()
    const a = sourceConfig({ refreshInterval: 1000 })
    const b = sourceConfig({ refreshInterval: 5000 })
    loader.script(a.id, after(3000, content(doc)))
    loader.script(b.id, content(doc))
    await service.addSource(a)
    await service.addSource(b)
    service.start()
    await vi.advanceTimersByTimeAsync(100)
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    await service.dispose()
    expect(vi.getTimerCount()).toBe(0)
    expect(loader.calls[0]?.request.signal.aborted).toBe(true)
  })
})

describe('retry and poll policies', () => {
  const options = { retries: 3, minTimeout: 1000, maxTimeout: 30_000, factor: 2, randomize: false }
  it('grows the retry delay exponentially up to maxTimeout', () => {
    const error = new NetworkError('x')
    expect([1, 2, 3, 4, 5, 6].map((retry) => retryDelay(retry, error, options))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000])
  })
  it('adds jitter in [1, 2) when randomize is on', () => {
    const error = new NetworkError('x')
    expect(retryDelay(1, error, { ...options, randomize: true }, () => 0.5)).toBe(1500)
  })
  it('caps the poll backoff, never below the refresh interval', () => {
    expect(pollDelay(1000, 0, 300_000)).toBe(1000)
    expect(pollDelay(1000, 3, 300_000)).toBe(8000)
    expect(pollDelay(1000, 1000, 300_000)).toBe(300_000)
    expect(pollDelay(600_000, 2, 300_000)).toBe(600_000)
  })
})
