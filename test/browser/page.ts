// The page the browser test loads. Bundled by esbuild (platform browser) from the BUILT main entry:
// `api-live-sync` resolves through the package's own `exports`, so this is what a web app ships.
import { LiveSyncService, SyncEvents, isNetworkError, localStorageStore, type ChangeSet, type SyncResult } from 'api-live-sync'
import { createFakeSource, createTestClock, failures, nextEvent, openapi } from 'api-live-sync/testing'

/** The prefix of every key the page's store writes in `localStorage`. */
export const STORE_PREFIX = 'als-browser-test:'

/** A change set as operation keys, easy to compare in the test. */
export interface ChangeKeys {
  added: string[]
  removed: string[]
  modified: string[]
  breaking: boolean
}

/** One `changes:detected` event seen by the page. */
export interface DetectedEvent extends ChangeKeys {
  sourceId: string
}

/** A `SyncResult` reduced to plain JSON (errors do not survive `page.evaluate`). */
export interface PageSyncReport {
  status: SyncResult['status']
  changesDetected: boolean
  fingerprint: string | null
  changes: ChangeKeys | null
  error: { name: string; code: string; message: string; isNetworkError: boolean } | null
}

/** What the test drives through `page.evaluate`. */
export interface BrowserHarness {
  addSource(id: string, url: string): Promise<void>
  sync(id: string): Promise<PageSyncReport>
  /** Every `changes:detected` event since the page loaded, oldest first. */
  detected(): DetectedEvent[]
  /** The fingerprint in place, `null` before any snapshot (neither synced nor restored). */
  fingerprint(id: string): string | null
  /** Operation keys of the last good snapshot, sorted. */
  operationKeys(id: string): string[]
  /** The `localStorage` keys the service wrote. */
  storedKeys(): string[]
  /** A scenario on the test kit (api-live-sync/testing): retries on its clock, then a change. */
  testKit(): Promise<TestKitReport>
}

/** What the test kit scenario saw. */
export interface TestKitReport {
  attempts: Array<{ attempt: number | undefined; at: number }>
  retryDelays: number[]
  added: string[]
}

declare global {
  interface Window {
    harness?: BrowserHarness
  }
}

function changeKeys(changes: ChangeSet): ChangeKeys {
  return {
    added: changes.added.map((operation) => operation.key).sort(),
    removed: changes.removed.map((operation) => operation.key).sort(),
    modified: changes.modified.map((entry) => entry.operation.key).sort(),
    breaking: changes.breaking,
  }
}

function report(result: SyncResult): PageSyncReport {
  const error = result.error
  return {
    status: result.status,
    changesDetected: result.changesDetected,
    fingerprint: result.fingerprint ?? null,
    changes: result.changes ? changeKeys(result.changes) : null,
    error: error ? { name: error.name, code: error.code, message: error.message, isNetworkError: isNetworkError(error) } : null,
  }
}

// No retries: a blocked request fails the same way every time, and the test should not wait for backoff.
const service = new LiveSyncService({ store: localStorageStore(STORE_PREFIX), retry: { retries: 0 }, timeout: 5_000 })
const detected: DetectedEvent[] = []
service.on(SyncEvents.CHANGES_DETECTED, ({ sourceId, changes }) => detected.push({ sourceId, ...changeKeys(changes) }))

window.harness = {
  addSource: (id, url) => service.addSource({ id, name: id, type: 'openapi', url, refreshInterval: 0 }),
  sync: async (id) => report(await service.syncSource(id)),
  detected: () => detected.map((event) => ({ ...event })),
  fingerprint: (id) => service.getSourceStatus(id).fingerprint,
  operationKeys: (id) => (service.getSnapshot(id)?.operations ?? []).map((operation) => operation.key).sort(),
  storedKeys: () => Object.keys(localStorage).filter((key) => key.startsWith(STORE_PREFIX)).sort(),
  testKit: () => testKitScenario(),
}

/** Runs in the page: a fake source that fails twice (Retry-After 3 s) then serves, then changes. */
async function testKitScenario(): Promise<TestKitReport> {
  const url = 'https://api.test/openapi.json'
  const clock = createTestClock()
  const source = createFakeSource().serve(url, openapi({ 'GET /pets': {} })).fail(url, failures.httpStatus(503, { retryAfter: 3 }), { times: 2 })
  const kitService = new LiveSyncService({ loader: source, clock, retry: { retries: 2 } })
  try {
    await kitService.addSource({ id: 'kit', name: 'Kit', type: 'openapi', url, refreshInterval: 60_000 })
    const start = clock.now()
    const retryDelays: number[] = []
    kitService.on('sync:retry', ({ delayMs }) => retryDelays.push(delayMs))
    kitService.start()
    await clock.runUntil(nextEvent(kitService, 'sync:completed'))
    source.serve(url, openapi({ 'GET /pets': {}, 'GET /owners': {} }))
    const { changes } = await clock.runUntil(nextEvent(kitService, 'changes:detected'))
    return {
      attempts: source.requests.map((request) => ({ attempt: request.attempt, at: request.at - start })),
      retryDelays,
      added: changes.added.map((operation) => operation.key),
    }
  } finally {
    await kitService.dispose()
  }
}
