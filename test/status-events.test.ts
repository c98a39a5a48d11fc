import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HttpError, NetworkError } from '../src/errors/errors.js'
import { SyncEvents } from '../src/events/events.js'
import type { SyncStatus } from '../src/model/sync.js'
import { createTestService, recordEvents, sourceConfig } from './helpers/service.js'
import { content, openapiDoc } from './helpers/fake-loader.js'

// Web Crypto's digest runs on the thread pool, out of fake time's reach: use the same hash synchronously.
vi.mock('../src/formats/hash.js', async (importOriginal) => (await import('./helpers/sync-sha256.js')).withSyncSha256(importOriginal))

const v1 = openapiDoc({ 'get /pets': {} })
const v2 = openapiDoc({ 'get /pets': {}, 'get /owners': {} })
const INTERVAL = 10_000

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A host UI that renders only from `status:changed` events. */
function renderFromEvents(service: ReturnType<typeof createTestService>['service']): Map<string, SyncStatus> {
  const shown = new Map<string, SyncStatus>()
  service.on(SyncEvents.STATUS_CHANGED, (status) => shown.set(status.sourceId, status))
  return shown
}

/** Lets every sync the timers started so far run to its end. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0)
}

describe('status:changed tells the real nextSync (issue 10, defect 1)', () => {
  it('after every polled, 304, failed and manual sync, a host rendering from events shows what getSourceStatus returns', async () => {
    const { service, loader } = createTestService({ retry: { retries: 0 } })
    const config = sourceConfig({ refreshInterval: INTERVAL })
    loader.script(config.id, content(v1, { etag: '"1"' }), { notModified: true }, new NetworkError('down'), content(v2), content(v2))
    await service.addSource(config)
    const shown = renderFromEvents(service)
    const origin = Date.now()
    const expectHostInStep = (nextSyncAt: number) => {
      expect(service.getSourceStatus(config.id).nextSync?.getTime()).toBe(nextSyncAt)
      expect(shown.get(config.id)).toEqual(service.getSourceStatus(config.id))
    }

    service.start()
    await settle() // polled: the first sync, changed
    expect(service.getSourceStatus(config.id)).toMatchObject({ status: 'success', changesDetected: true })
    expectHostInStep(origin + INTERVAL)

    await vi.advanceTimersByTimeAsync(INTERVAL) // polled: 304
    expect(loader.calls[1]?.request.etag).toBe('"1"')
    expect(service.getSourceStatus(config.id)).toMatchObject({ status: 'success', changesDetected: false })
    expectHostInStep(origin + 2 * INTERVAL)

    await vi.advanceTimersByTimeAsync(INTERVAL) // polled: fails, so the next poll backs off
    expect(service.getSourceStatus(config.id)).toMatchObject({ status: 'failed', consecutiveFailures: 1 })
    expectHostInStep(origin + 2 * INTERVAL + 2 * INTERVAL)

    await vi.advanceTimersByTimeAsync(1000)
    expect((await service.syncSource(config.id)).status).toBe('success') // manual: the next poll counts from its end
    expectHostInStep(origin + 2 * INTERVAL + 1000 + INTERVAL)

    await service.stop()
    expect(service.getSourceStatus(config.id).nextSync).toBeNull()
    expect(shown.get(config.id)).toEqual(service.getSourceStatus(config.id))
  })

  it('keeps one status:changed at each end of a polled sync: the closing one carries nextSync', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig({ refreshInterval: INTERVAL })
    loader.script(config.id, content(v1))
    await service.addSource(config)
    const events = recordEvents(service)
    const origin = Date.now()
    service.start()
    await settle()
    expect(events.map((entry) => entry.event)).toEqual([
      SyncEvents.SYNC_STARTED,
      SyncEvents.STATUS_CHANGED,
      SyncEvents.CHANGES_DETECTED,
      SyncEvents.SYNC_COMPLETED,
      SyncEvents.STATUS_CHANGED,
    ])
    const closing = events.at(-1)
    expect(closing?.event === SyncEvents.STATUS_CHANGED && closing.payload.nextSync?.getTime()).toBe(origin + INTERVAL)
  })

  it('emits status:changed only when the public status changed', async () => {
    const { service } = createTestService()
    const config = sourceConfig()
    await service.addSource(config)
    const events = recordEvents(service)
    await service.updateSource({ ...config, url: `${config.url}?moved` }) // nothing a host shows
    await service.updateSource({ ...config, name: 'Renamed' })
    expect(events.map((entry) => entry.event)).toEqual([SyncEvents.SOURCE_UPDATED, SyncEvents.SOURCE_UPDATED, SyncEvents.STATUS_CHANGED])
  })
})

describe('one home for status:changed', () => {
  it('is emitted by Source.dispatch only: no other service file names the event', () => {
    const dir = new URL('../src/service/', import.meta.url)
    const naming = readdirSync(dir).filter((file) => /STATUS_CHANGED|'status:changed'/.test(readFileSync(new URL(file, dir), 'utf8')))
    expect(naming).toEqual(['source.ts'])
  })
})

describe('polls after a failure whose server sent Retry-After', () => {
  it('waits at least what the server asked, within maxPollBackoff', async () => {
    const { service, loader } = createTestService({ retry: { retries: 0 }, maxPollBackoff: 120_000 })
    const config = sourceConfig({ refreshInterval: INTERVAL })
    loader.script(
      config.id,
      new HttpError('busy', 503, { retryAfterMs: 50_000 }),
      new HttpError('busy', 503, { retryAfterMs: 365 * 24 * 3600_000 }),
      content(v1),
    )
    await service.addSource(config)
    const origin = Date.now()
    service.start()
    await settle()
    // Back-off alone would wait 20 s.
    expect(service.getSourceStatus(config.id).nextSync?.getTime()).toBe(origin + 50_000)
    await vi.advanceTimersByTimeAsync(50_000)
    expect(loader.callsFor(config.id)).toBe(2)
    // A year is capped at maxPollBackoff.
    expect(service.getSourceStatus(config.id).nextSync?.getTime()).toBe(origin + 50_000 + 120_000)
    await vi.advanceTimersByTimeAsync(120_000)
    expect(service.getSourceStatus(config.id)).toMatchObject({ status: 'success', nextSync: new Date(origin + 170_000 + INTERVAL) })
  })
})
