import { afterEach, vi } from 'vitest'
import { LiveSyncService } from '../../src/service/LiveSyncService.js'
import type { LiveSyncServiceOptions } from '../../src/service/options.js'
import { SyncEvents, type SyncEventName, type SyncEventPayloads } from '../../src/events/events.js'
import { FakeLoader } from './fake-loader.js'

const services: LiveSyncService[] = []
let counter = 0

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()))
})

/** A unique source id per test, so no state can leak between tests. */
export function uniqueId(prefix = 'src'): string {
  counter++
  return `${prefix}-${counter}`
}

/** A service over a FakeLoader, with retries that do not randomize; disposed after each test. */
export function createTestService(options: LiveSyncServiceOptions = {}): { service: LiveSyncService; loader: FakeLoader } {
  const loader = new FakeLoader()
  const service = new LiveSyncService({
    loader,
    onListenerError: () => {},
    ...options,
    retry: { randomize: false, ...options.retry },
  })
  services.push(service)
  return { service, loader }
}

export type RecordedEvent = { [E in SyncEventName]: { event: E; payload: SyncEventPayloads[E] } }[SyncEventName]

/** Records every event the service emits, in order. */
export function recordEvents(service: LiveSyncService): RecordedEvent[] {
  const events: RecordedEvent[] = []
  for (const event of Object.values(SyncEvents)) {
    service.on(event, (payload: unknown) => events.push({ event, payload } as RecordedEvent))
  }
  return events
}

export function sourceConfig(overrides: Record<string, unknown> = {}) {
  const id = (overrides.id as string | undefined) ?? uniqueId()
  return { id, name: `Source ${id}`, type: 'openapi' as const, url: `http://127.0.0.1:1/${id}.json`, refreshInterval: 0, ...overrides }
}

export { vi }
