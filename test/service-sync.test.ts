import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SyncEvents } from '../src/events/events.js'
import { NetworkError } from '../src/errors/errors.js'
import { createTestService, recordEvents, sourceConfig } from './helpers/service.js'
import { after, content, hang, openapiDoc } from './helpers/fake-loader.js'

const v1 = openapiDoc({ 'get /pets': { operationId: 'listPets' }, 'get /pets/{petId}': { operationId: 'getPet' } })
const v2 = openapiDoc({ 'get /pets': { operationId: 'listPets' }, 'get /pets/{petId}': { operationId: 'getPet' }, 'post /pets': { operationId: 'createPet' } })

// Web Crypto's digest runs on the thread pool, out of fake time's reach: use the same hash synchronously.
vi.mock('../src/formats/hash.js', async (importOriginal) => (await import('./helpers/sync-sha256.js')).withSyncSha256(importOriginal))

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('a successful sync', () => {
  it('reports every operation as added on the first sync, with events in order after the state changed', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    loader.script(config.id, content(v1))
    await service.addSource(config)
    const events = recordEvents(service)
    const statusAtCompletion: string[] = []
    service.on(SyncEvents.SYNC_COMPLETED, (result) => statusAtCompletion.push(service.getSourceStatus(result.sourceId).status))
    const result = await service.syncSource(config.id)
    expect(result).toMatchObject({ sourceId: config.id, status: 'success', trigger: 'manual', changesDetected: true, attempts: 1 })
    expect(result.changes?.added.map((operation) => operation.key)).toEqual(['GET /pets', 'GET /pets/{petId}'])
    expect(result.changes?.summary).toEqual({ added: 2, removed: 0, modified: 0, breaking: 0, warning: 0, info: 2, operations: 2 })
    expect(result.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(result.finishedAt.getTime() - result.startedAt.getTime()).toBe(result.durationMs)
    expect(events.map((entry) => entry.event)).toEqual([
      SyncEvents.SYNC_STARTED,
      SyncEvents.STATUS_CHANGED,
      SyncEvents.CHANGES_DETECTED,
      SyncEvents.SYNC_COMPLETED,
      SyncEvents.STATUS_CHANGED,
    ])
    expect(events[0]?.payload).toEqual({ sourceId: config.id, trigger: 'manual' })
    expect(statusAtCompletion).toEqual(['success'])
    const status = service.getSourceStatus(config.id)
    expect(status).toMatchObject({ status: 'success', syncing: false, changesDetected: true, consecutiveFailures: 0, fingerprint: result.fingerprint })
    expect(status.lastSuccess).toEqual(result.finishedAt)
    expect(service.getSnapshot(config.id)?.operations).toHaveLength(2)
  })

  it('diffs the next change against the last good snapshot', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    loader.script(config.id, content(v1), content(v2))
    await service.addSource(config)
    await service.syncSource(config.id)
    const second = await service.syncSource(config.id)
    expect(second.changesDetected).toBe(true)
    expect(second.changes?.added.map((operation) => operation.key)).toEqual(['POST /pets'])
    expect(second.changes?.removed).toEqual([])
  })

  it('skips all work for the same bytes, and finds no change when only key order or formatting differ', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    const reordered = JSON.stringify(JSON.parse(v1), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value, 2)
    loader.script(config.id, content(v1), content(v1), content(reordered))
    await service.addSource(config)
    const first = await service.syncSource(config.id)
    const events = recordEvents(service)
    const same = await service.syncSource(config.id)
    const reformatted = await service.syncSource(config.id)
    expect(same).toMatchObject({ status: 'success', changesDetected: false, fingerprint: first.fingerprint })
    expect(reformatted).toMatchObject({ status: 'success', changesDetected: false, fingerprint: first.fingerprint })
    expect(reformatted.changes?.changes).toEqual([])
    expect(events.some((entry) => entry.event === SyncEvents.CHANGES_DETECTED)).toBe(false)
  })

  it('sends the previous validators and treats a 304 as unchanged without parsing', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    loader.script(config.id, content(v1, { etag: '"abc"', lastModified: 'Wed, 21 Oct 2026 07:28:00 GMT' }), { notModified: true })
    await service.addSource(config)
    const first = await service.syncSource(config.id)
    const second = await service.syncSource(config.id)
    expect(loader.calls[1]?.request).toMatchObject({ etag: '"abc"', lastModified: 'Wed, 21 Oct 2026 07:28:00 GMT' })
    expect(second).toMatchObject({ status: 'success', changesDetected: false, fingerprint: first.fingerprint })
  })

  it('treats a renamed path parameter as the same operation', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    loader.script(config.id, content(v1), content(v1.replaceAll('{petId}', '{id}')))
    await service.addSource(config)
    await service.syncSource(config.id)
    const renamed = await service.syncSource(config.id)
    expect(renamed.changes?.added).toEqual([])
    expect(renamed.changes?.removed).toEqual([])
    expect(renamed.changes?.breaking).toBe(false)
  })
})

describe('a failed sync', () => {
  it('keeps the last good snapshot and baseline, and the next success diffs against it', async () => {
    const { service, loader } = createTestService({ retry: { retries: 0 } })
    const config = sourceConfig()
    loader.script(config.id, content(v1), content('{"openapi": "3.0.3", "info": '), content(v2))
    await service.addSource(config)
    const good = await service.syncSource(config.id)
    const snapshot = service.getSnapshot(config.id)
    const failed = await service.syncSource(config.id)
    expect(failed).toMatchObject({ status: 'failed', changesDetected: false, attempts: 1 })
    expect(failed.error?.code).toBe('PARSE_ERROR')
    expect(failed.changes).toBeUndefined()
    expect(service.getSnapshot(config.id)).toBe(snapshot)
    expect(service.getSourceStatus(config.id)).toMatchObject({
      status: 'failed',
      errorCode: 'PARSE_ERROR',
      consecutiveFailures: 1,
      fingerprint: good.fingerprint,
      changesDetected: true,
    })
    const recovered = await service.syncSource(config.id)
    expect(recovered.changes?.added.map((operation) => operation.key)).toEqual(['POST /pets'])
    expect(service.getSourceStatus(config.id)).toMatchObject({ status: 'success', consecutiveFailures: 0 })
    expect(service.getSourceStatus(config.id).errorCode).toBeUndefined()
  })

  it('fails with INVALID_SPEC for a document of another kind and emits sync:failed', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    loader.script(config.id, content('{"hello": "world"}'))
    await service.addSource(config)
    const failures: string[] = []
    service.on(SyncEvents.SYNC_FAILED, (result) => failures.push(result.error?.code ?? ''))
    const result = await service.syncSource(config.id)
    expect(result.error?.code).toBe('INVALID_SPEC')
    expect(result.attempts).toBe(1)
    expect(failures).toEqual(['INVALID_SPEC'])
  })

  it('a listener that throws breaks nothing', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    loader.script(config.id, content(v1))
    await service.addSource(config)
    const seen: string[] = []
    service.on(SyncEvents.SYNC_COMPLETED, () => {
      throw new Error('listener bug')
    })
    service.on(SyncEvents.SYNC_COMPLETED, (result) => seen.push(result.status))
    const result = await service.syncSource(config.id)
    expect(result.status).toBe('success')
    expect(seen).toEqual(['success'])
  })
})

// Retries within a sync: test/service-retries.test.ts (on the test kit).

describe('dedupe and concurrency', () => {
  it('a second syncSource of a busy source returns the in-flight promise (one load)', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    loader.script(config.id, after(1000, content(v1)))
    await service.addSource(config)
    const first = service.syncSource(config.id)
    const second = service.syncSource(config.id)
    expect(second).toBe(first)
    await vi.advanceTimersByTimeAsync(1000)
    await first
    expect(loader.callsFor(config.id)).toBe(1)
    expect(service.syncSource(config.id)).not.toBe(first)
  })

  it('never runs more syncs at once than `concurrency`, and syncAllSources returns results in registry order', async () => {
    const { service, loader } = createTestService({ concurrency: 3 })
    const ids: string[] = []
    for (let index = 0; index < 10; index++) {
      const config = sourceConfig()
      ids.push(config.id)
      loader.script(config.id, after(100 + index * 10, content(v1)))
      await service.addSource(config)
    }
    const disabled = sourceConfig({ enabled: false })
    await service.addSource(disabled)
    const pending = service.syncAllSources()
    await vi.advanceTimersByTimeAsync(0)
    expect(service.getAllSourceStatuses().filter((status) => status.syncing)).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(5000)
    const results = await pending
    expect(results.map((result) => result.sourceId)).toEqual(ids)
    expect(loader.maxActive).toBe(3)
    expect(loader.callsFor(disabled.id)).toBe(0)
  })
})

describe('cancellation', () => {
  it('removeSource aborts a running sync through the loader signal; its promise settles as cancelled', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    loader.script(config.id, hang())
    await service.addSource(config)
    const events = recordEvents(service)
    const pending = service.syncSource(config.id)
    await vi.advanceTimersByTimeAsync(0)
    await service.removeSource(config.id)
    const result = await pending
    expect(result.status).toBe('cancelled')
    expect(result.error?.code).toBe('CANCELLED')
    expect(loader.calls[0]?.request.signal.aborted).toBe(true)
    expect(events.map((entry) => entry.event)).toContain(SyncEvents.SOURCE_REMOVED)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('removeSource cancels a queued sync that never started, without a sync:started', async () => {
    const { service, loader } = createTestService({ concurrency: 1 })
    const busy = sourceConfig()
    const queued = sourceConfig()
    loader.script(busy.id, after(1000, content(v1)))
    loader.script(queued.id, content(v1))
    await service.addSource(busy)
    await service.addSource(queued)
    const started: string[] = []
    service.on(SyncEvents.SYNC_STARTED, (event) => started.push(event.sourceId))
    const busyResult = service.syncSource(busy.id)
    const queuedResult = service.syncSource(queued.id)
    await vi.advanceTimersByTimeAsync(0)
    await service.removeSource(queued.id)
    expect((await queuedResult).status).toBe('cancelled')
    await vi.advanceTimersByTimeAsync(1000)
    expect((await busyResult).status).toBe('success')
    expect(started).toEqual([busy.id])
    expect(loader.callsFor(queued.id)).toBe(0)
  })

  it('dispose aborts queued and running syncs, which settle as cancelled, and leaves no timer', async () => {
    const { service, loader } = createTestService({ concurrency: 1 })
    const running = sourceConfig()
    const queued = sourceConfig()
    loader.script(running.id, hang())
    loader.script(queued.id, content(v1))
    await service.addSource(running)
    await service.addSource(queued)
    const a = service.syncSource(running.id)
    const b = service.syncSource(queued.id)
    await vi.advanceTimersByTimeAsync(0)
    await service.dispose()
    expect((await a).status).toBe('cancelled')
    expect((await b).status).toBe('cancelled')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a loader that ignores its signal cannot make a cancelled sync hang', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    loader.script(config.id, () => new Promise(() => {}))
    await service.addSource(config)
    const pending = service.syncSource(config.id)
    await vi.advanceTimersByTimeAsync(0)
    await service.dispose()
    expect((await pending).status).toBe('cancelled')
  })

  it('dispose during a retry wait settles the sync and clears the wait timer', async () => {
    const { service, loader } = createTestService({ retry: { retries: 5, minTimeout: 10_000 } })
    const config = sourceConfig()
    loader.script(config.id, new NetworkError('down'))
    await service.addSource(config)
    const pending = service.syncSource(config.id)
    await vi.advanceTimersByTimeAsync(0)
    expect(vi.getTimerCount()).toBe(1)
    await service.dispose()
    expect((await pending).status).toBe('cancelled')
    expect(vi.getTimerCount()).toBe(0)
  })
})
