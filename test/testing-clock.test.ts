// The test kit's clock: time moves only through advance/runUntil, with or without fake timers installed.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LiveSyncService } from '../src/index.js'
import { createFakeSource, createTestClock, failures, nextEvent, openapi } from '../src/testing/index.js'

const URL_A = 'https://api.test/openapi.json'

const services: LiveSyncService[] = []
afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(services.splice(0).map((service) => service.dispose()))
})

describe('createTestClock', () => {
  it('starts at a fixed date and runs due timers in order as advance moves time', async () => {
    const clock = createTestClock()
    expect(new Date(clock.now()).toISOString()).toBe('2025-01-01T00:00:00.000Z')
    const fired: string[] = []
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200)
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100)
    clock.setTimeout(() => fired.push(`a2@${clock.now()}`), 100)
    const cleared = clock.setTimeout(() => fired.push('cleared'), 50)
    clock.clearTimeout(cleared)
    const start = clock.now()

    await clock.advance(150)
    expect(fired).toEqual([`a@${start + 100}`, `a2@${start + 100}`])
    expect(clock.now()).toBe(start + 150)
    expect(clock.pendingTimers).toBe(1)
    await clock.advance(50)
    expect(fired).toHaveLength(3)
    expect(clock.pendingTimers).toBe(0)
  })

  it('runs timers scheduled by timers within the same advance, and lets promise chains settle between them', async () => {
    const clock = createTestClock({ start: 0 })
    const seen: number[] = []
    const tick = () =>
      void Promise.resolve().then(() => {
        seen.push(clock.now())
        if (seen.length < 5) clock.setTimeout(tick, 10)
      })
    clock.setTimeout(tick, 10)
    await clock.advance(100)
    expect(seen).toEqual([10, 20, 30, 40, 50])
  })

  it('is not moved by fake timers, and still advances while they are installed (vitest here; jest fakes the same globals)', async () => {
    vi.useFakeTimers()
    const clock = createTestClock({ start: 1000 })
    const fired = vi.fn()
    clock.setTimeout(fired, 500)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fired).not.toHaveBeenCalled()
    expect(clock.now()).toBe(1000)
    await clock.advance(500)
    expect(fired).toHaveBeenCalledOnce()
  })

  it('rejects a negative advance and an invalid start', async () => {
    await expect(createTestClock().advance(-1)).rejects.toThrow('clock.advance: ms must be a finite number >= 0, got -1')
    expect(() => createTestClock({ start: Number.NaN })).toThrow('createTestClock: start must be a valid date or a number of ms, got NaN')
  })
})

describe('the test clock driving a service', () => {
  it('advance runs polls at their times: each failed poll backs off from the end of the last', async () => {
    const clock = createTestClock()
    const source = createFakeSource().fail(URL_A, failures.httpStatus(503), { times: Infinity }).delay(URL_A, 100)
    const service = new LiveSyncService({ loader: source, clock, retry: { retries: 0 }, onListenerError: () => {} })
    services.push(service)
    await service.addSource({ id: 'pets', name: 'Pets', type: 'openapi', url: URL_A, refreshInterval: 1000 })
    const start = clock.now()
    service.start()

    await clock.advance(8000)

    // Polls back off 2 s, 4 s (x2 per failure), each measured from the end of the previous sync (100 ms of delay).
    expect(source.requests.map((request) => request.at - start)).toEqual([0, 2100, 6200])
    expect(service.getSourceStatus('pets')).toMatchObject({ status: 'failed', consecutiveFailures: 3, nextSync: new Date(start + 14_300) })
  })

  it('runUntil with nextEvent follows polls: each sync (hashing included) finishes before the next poll', async () => {
    const clock = createTestClock()
    const source = createFakeSource().serve(URL_A, openapi({ 'GET /pets': {} })).delay(URL_A, 100)
    const service = new LiveSyncService({ loader: source, clock })
    services.push(service)
    await service.addSource({ id: 'pets', name: 'Pets', type: 'openapi', url: URL_A, refreshInterval: 60_000 })
    const start = clock.now()
    service.start()

    for (let poll = 0; poll < 3; poll++) await clock.runUntil(nextEvent(service, 'sync:completed'))
    source.serve(URL_A, openapi({ 'GET /pets': {}, 'GET /owners': {} }))
    const { changes } = await clock.runUntil(nextEvent(service, 'changes:detected'))

    expect(changes.added.map((operation) => operation.key)).toEqual(['GET /owners'])
    expect(source.requests.map((request) => request.at - start)).toEqual([0, 60_100, 120_200, 180_300])
    expect(clock.now() - start).toBe(180_400)
  })

  it('runUntil waits out retries without the test knowing their lengths', async () => {
    const clock = createTestClock()
    const source = createFakeSource().serve(URL_A, openapi({ 'GET /pets': {} })).fail(URL_A, failures.networkError(), { times: 3 })
    const service = new LiveSyncService({ loader: source, clock, retry: { retries: 3, minTimeout: 1000, factor: 2, randomize: false } })
    services.push(service)
    await service.addSource({ id: 'pets', name: 'Pets', type: 'openapi', url: URL_A, refreshInterval: 0 })
    const start = clock.now()

    const result = await clock.runUntil(service.syncSource('pets'))

    expect(result).toMatchObject({ status: 'success', attempts: 4 })
    expect(clock.now() - start).toBe(1000 + 2000 + 4000)
  })

  it('runUntil says so when the promise waits on something no timer ends', async () => {
    const clock = createTestClock()
    const source = createFakeSource().serve(URL_A, openapi({ 'GET /pets': {} }))
    const held = source.hang(URL_A)
    const request = source.load({ id: 'pets', url: URL_A } as never, { signal: new AbortController().signal, maxBytes: 1000 })
    await expect(clock.runUntil(request)).rejects.toThrow('clock.runUntil: the promise is still pending and no timer is scheduled on this clock')
    held.release()
    await expect(request).resolves.toMatchObject({ contentType: 'application/json' })
  })

  it('runUntil gives up past limitMs of clock time', async () => {
    const clock = createTestClock()
    const never = new Promise(() => {})
    clock.setTimeout(() => {}, 10_000)
    await expect(clock.runUntil(never, { limitMs: 5000 })).rejects.toThrow('still pending after 5000 ms of clock time')
  })
})
