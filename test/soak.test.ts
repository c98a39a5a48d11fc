import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { LiveSyncError } from '../src/errors/errors.js'
import { SyncEvents, type SyncEventName } from '../src/events/events.js'
import { sha256Hex } from '../src/formats/hash.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import type { SyncResult } from '../src/model/sync.js'
import { startMisbehavingServer, type Behaviour, type MisbehavingServer, type ServedDocument } from './helpers/misbehaving-server.js'

/**
 * Soak: 200 sources, each at its own path of one local server that misbehaves at random (seeded),
 * synced by one real service over real HTTP: 20 manual rounds (4,000 syncs), then a few seconds of
 * real polling, then a dispose() in the middle of a round. Sized for a 2-core machine (about 25 s).
 * SOAK_SEED replays another seed; each source draws from its own stream, so a run is reproducible.
 */
const SEED = Number(process.env['SOAK_SEED'] ?? 0x5eed)
const SOURCES = 200
const ROUNDS = 20
/** Heap is measured after this round (warm: every source synced a few times) and after the last. */
const HEAP_BASELINE_ROUND = 5
/**
 * Per-attempt timeout. The server shares this process's event loop, so a good answer only times out
 * if the loop stalls this long: generous, so the soak never mistakes machine load for a bug.
 */
const TIMEOUT_MS = 750
/** `slow` answers come this long after the client's timeout, so no timer race can make one count as served. */
const SLOW_MS = TIMEOUT_MS + 750

const WEIGHTS: Record<Behaviour, number> = {
  ok: 46,
  trickle: 6,
  change: 10,
  'http-500': 8,
  'http-429': 6,
  reset: 6,
  truncated: 6,
  garbage: 6,
  slow: 2,
}

/** A small OpenAPI 3.0 document whose operations, parameters and schema move with `version`. */
function soakDocument(index: number, version: number): unknown {
  const itemRef = { $ref: '#/components/schemas/Item' }
  const paths: Record<string, unknown> = {
    '/items': {
      get: {
        operationId: 'listItems',
        parameters: [{ name: 'limit', in: 'query', required: version % 3 === 0, schema: { type: 'integer' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: itemRef } } } } },
      },
    },
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: itemRef } } }, '404': { description: 'missing' } },
      },
    },
  }
  for (let extra = 1; extra <= version % 4; extra++) {
    paths[`/extra${extra}`] = { post: { operationId: `extra${extra}`, responses: { '201': { description: 'created' } } } }
  }
  const properties: Record<string, unknown> = { id: { type: 'string' }, name: { type: version % 2 === 0 ? 'string' : 'integer' } }
  return {
    openapi: '3.0.3',
    info: { title: `Soak source ${index}`, version: `${version}.0.0` },
    paths,
    components: { schemas: { Item: { type: 'object', required: ['id'], properties } } },
  }
}

const sourceId = (index: number) => `soak-${index}`

/** What the soak keeps of one SyncResult. */
interface Outcome {
  sourceId: string
  status: SyncResult['status']
  attempts: number
  changesDetected: boolean
  finishedAt: Date
  fingerprint: string | undefined
  errorCode: string | undefined
  errorMessage: string | undefined
  /** The error is a LiveSyncError that names the source. */
  typedError: boolean
}

function outcomeOf(result: SyncResult): Outcome {
  const error = result.error
  return {
    sourceId: result.sourceId,
    status: result.status,
    attempts: result.attempts,
    changesDetected: result.changesDetected,
    finishedAt: result.finishedAt,
    fingerprint: result.fingerprint,
    errorCode: error?.code,
    errorMessage: error?.message,
    typedError: error instanceof LiveSyncError && error.sourceId === result.sourceId,
  }
}

/** What a client that last received `served` must hold as its snapshot. */
async function expectedSnapshot(index: number, served: ServedDocument): Promise<ApiSnapshot> {
  const { snapshot, canonical } = await openapiFormat.normalize(served.text, { sourceId: sourceId(index), contentType: served.contentType })
  return { ...snapshot, fingerprint: await sha256Hex(canonical) }
}

/** `gc()` even though vitest does not start workers with --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

function heapAfterGc(gc: () => void): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/** Counts of the resource kinds that would keep a process alive: timers and sockets. */
function liveResources(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind === 'Timeout' || kind.startsWith('TCP')) counts[kind] = (counts[kind] ?? 0) + 1
  }
  return counts
}

/** Resource kinds with more live instances now than in `baseline` (the test's own timeout timer may have gone). */
function excessOver(baseline: Record<string, number>): Record<string, number> {
  const excess: Record<string, number> = {}
  for (const [kind, live] of Object.entries(liveResources())) {
    if (live > (baseline[kind] ?? 0)) excess[kind] = live - (baseline[kind] ?? 0)
  }
  return excess
}

/**
 * Resources beyond `baseline` once there are none, or after 5 s (closed sockets take a few ticks to go).
 * Polls with plain sleeps, not vi.waitFor, whose own timers would be counted.
 */
async function leftoverResources(baseline: Record<string, number>): Promise<Record<string, number>> {
  for (let tries = 0; ; tries++) {
    const excess = excessOver(baseline)
    if (tries >= 250 || Object.keys(excess).length === 0) return excess
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled)
})
afterAll(() => {
  process.off('unhandledRejection', onUnhandled)
})

/** What the service's events said: counts per event, and per source its last ended sync and run of failures. */
interface EventTracker {
  count(event: SyncEventName): number
  /** `sync:started` events of polls (not manual syncs). */
  pollStarts(): number
  last: Map<string, Outcome>
  failuresInARow: Map<string, number>
}

function trackEvents(service: LiveSyncService): EventTracker {
  const counts = new Map<SyncEventName, number>()
  const last = new Map<string, Outcome>()
  const failuresInARow = new Map<string, number>()
  let pollStarts = 0
  for (const event of Object.values(SyncEvents)) service.on(event, () => counts.set(event, (counts.get(event) ?? 0) + 1))
  service.on(SyncEvents.SYNC_STARTED, ({ trigger }) => void (trigger === 'poll' && pollStarts++))
  const ended = (result: SyncResult) => {
    last.set(result.sourceId, outcomeOf(result))
    failuresInARow.set(result.sourceId, result.status === 'failed' ? (failuresInARow.get(result.sourceId) ?? 0) + 1 : 0)
  }
  service.on(SyncEvents.SYNC_COMPLETED, ended)
  service.on(SyncEvents.SYNC_FAILED, ended)
  return { count: (event) => counts.get(event) ?? 0, pollStarts: () => pollStarts, last, failuresInARow }
}

describe(`soak: ${SOURCES} sources x ${ROUNDS} rounds, then polling, against a misbehaving server (seed ${SEED})`, () => {
  let server: MisbehavingServer | undefined
  let service: LiveSyncService | undefined
  afterAll(async () => {
    await service?.dispose()
    await server?.close()
  })

  it('settles every sync, keeps each last good snapshot equal to what was last served whole, and leaks nothing', async () => {
    const baseline = liveResources()
    const gc = exposeGc()
    const startedAtMs = Date.now()
    server = await startMisbehavingServer({ seed: SEED, weights: WEIGHTS, slowMs: SLOW_MS, document: soakDocument })
    const liveServer = server
    const sync = new LiveSyncService({
      concurrency: 16,
      timeout: TIMEOUT_MS,
      // maxTimeout also caps Retry-After (0 to 2 s here), so 429s exercise the cap without slowing the soak.
      retry: { retries: 1, minTimeout: 5, maxTimeout: 20 },
      onListenerError: (error) => unhandled.push(error),
    })
    service = sync
    const events = trackEvents(sync)
    for (let index = 0; index < SOURCES; index++) {
      // Polled every second once started; until then only the manual rounds sync.
      await sync.addSource({ id: sourceId(index), name: `Soak ${index}`, type: 'openapi', url: liveServer.sourceUrl(index), refreshInterval: 1000 })
    }

    /** Each source's status agrees with its last ended sync, and its snapshot with the last document served whole. */
    const expectSourcesConsistent = async (): Promise<number> => {
      let withSnapshot = 0
      for (let index = 0; index < SOURCES; index++) {
        const id = sourceId(index)
        const last = events.last.get(id)!
        const status = sync.getSourceStatus(id)
        expect(status.syncing).toBe(false)
        expect(status.status).toBe(last.status)
        expect(status.lastSync).toEqual(last.finishedAt)
        expect(status.consecutiveFailures).toBe(events.failuresInARow.get(id))
        if (last.status === 'success') {
          expect(status.errorCode).toBeUndefined()
          expect(status.lastSuccess).toEqual(last.finishedAt)
          expect(status.fingerprint).toBe(last.fingerprint)
        } else {
          expect(status.errorCode).toBe(last.errorCode)
          expect(status.errorMessage).toBe(last.errorMessage)
        }
        const served = liveServer.ledger(index)?.lastServed
        const snapshot = sync.getSnapshot(id)
        if (served === undefined) {
          expect(snapshot).toBeUndefined()
          continue
        }
        withSnapshot++
        // `order` records how the document lists operations, for display only: a reordered document is
        // "unchanged" (same fingerprint), so the snapshot kept may list the order of an earlier serving.
        const { order: _keptOrder, ...kept } = snapshot ?? {}
        const { order: _servedOrder, ...expected } = await expectedSnapshot(index, served)
        expect(kept, `source ${id}: snapshot of version ${served.version}`).toEqual(expected)
        expect(status.fingerprint).toBe(snapshot!.fingerprint)
      }
      return withSnapshot
    }

    // Phase 1: manual rounds. Compact records, not the results themselves: holding thousands of change
    // sets and error stacks would hide the service's own heap behaviour behind the test's.
    const all: Outcome[] = []
    const lastOfRounds = new Map<string, Outcome>()
    let heapAtBaseline = 0
    for (let round = 1; round <= ROUNDS; round++) {
      const results = await sync.syncAllSources()
      expect(results.map((result) => result.sourceId)).toEqual(Array.from({ length: SOURCES }, (_, index) => sourceId(index)))
      for (const result of results) {
        const outcome = outcomeOf(result)
        all.push(outcome)
        lastOfRounds.set(result.sourceId, outcome)
      }
      if (round === HEAP_BASELINE_ROUND) heapAtBaseline = heapAfterGc(gc)
    }
    const heapGrowth = heapAfterGc(gc) - heapAtBaseline

    // Every sync settled as success or failure (nothing cancelled them), with a typed error naming its source.
    expect(all).toHaveLength(SOURCES * ROUNDS)
    const failures = all.filter((result) => result.status === 'failed')
    expect(all.filter((result) => result.status !== 'success' && result.status !== 'failed')).toEqual([])
    expect(failures.filter((result) => !result.typedError)).toEqual([])
    const codes = new Set(failures.map((result) => result.errorCode!))
    for (const code of codes) expect(['HTTP_ERROR', 'INVALID_SPEC', 'NETWORK_ERROR', 'PARSE_ERROR', 'TIMEOUT']).toContain(code)
    // The seed's mix is broad enough to produce most kinds of failure.
    expect(codes.size).toBeGreaterThanOrEqual(4)

    // Events: one start per sync, one ending per start, one retry event per extra attempt; the events'
    // last word on each source is the last result the rounds returned.
    expect(events.count(SyncEvents.SYNC_STARTED)).toBe(all.length)
    expect(events.count(SyncEvents.SYNC_COMPLETED)).toBe(all.length - failures.length)
    expect(events.count(SyncEvents.SYNC_FAILED)).toBe(failures.length)
    expect(events.count(SyncEvents.SYNC_RETRY)).toBe(all.reduce((sum, result) => sum + result.attempts - 1, 0))
    expect(events.count(SyncEvents.CHANGES_DETECTED)).toBe(all.filter((result) => result.changesDetected).length)
    expect(events.last).toEqual(lastOfRounds)
    expect(await expectSourcesConsistent()).toBeGreaterThan(SOURCES * 0.9)

    // Phase 2: polling on real timers (every second, backing off on failures), then stop(), which waits.
    sync.start()
    await vi.waitFor(() => expect(events.pollStarts()).toBeGreaterThanOrEqual(2 * SOURCES), { timeout: 30_000, interval: 50 })
    await sync.stop()
    expect(events.count(SyncEvents.SYNC_STARTED)).toBe(events.count(SyncEvents.SYNC_COMPLETED) + events.count(SyncEvents.SYNC_FAILED))
    expect(sync.getAllSourceStatuses().filter((status) => status.nextSync !== null)).toEqual([])
    await expectSourcesConsistent()
    const soakMs = Date.now() - startedAtMs

    const behaviours = liveServer.counts()
    for (const behaviour of Object.keys(WEIGHTS) as Behaviour[]) expect(behaviours[behaviour], behaviour).toBeGreaterThan(0)

    // Phase 3: dispose while polls and a manual round are in flight: every sync still settles, started
    // and ended events still pair, and an interrupted sync never moves the baseline.
    const before = new Map(Array.from({ length: SOURCES }, (_, index) => [sourceId(index), sync.getSnapshot(sourceId(index))]))
    const startedBefore = events.count(SyncEvents.SYNC_STARTED)
    sync.start()
    const lastRound = sync.syncAllSources()
    await vi.waitFor(() => expect(events.count(SyncEvents.SYNC_STARTED) - startedBefore).toBeGreaterThanOrEqual(40), { timeout: 10_000, interval: 5 })
    await sync.dispose()
    const interrupted = await lastRound
    expect(interrupted.filter((result) => result.status === 'cancelled').length).toBeGreaterThan(0)
    for (const result of interrupted) {
      if (result.status === 'cancelled') expect(result.error?.code).toBe('CANCELLED')
      const snapshot = sync.getSnapshot(result.sourceId)
      if (result.status === 'success') expect(snapshot?.fingerprint).toBe(result.fingerprint)
      else expect(snapshot).toBe(before.get(result.sourceId))
    }
    expect(events.count(SyncEvents.SYNC_STARTED)).toBe(events.count(SyncEvents.SYNC_COMPLETED) + events.count(SyncEvents.SYNC_FAILED))
    expect(sync.getAllSourceStatuses().filter((status) => status.syncing || status.nextSync !== null)).toEqual([])
    await expect(sync.syncAllSources()).rejects.toMatchObject({ code: 'DISPOSED' })

    // Nothing left behind: no timer (poll, retry, timeout) and no socket beyond what the process had before.
    await liveServer.close()
    expect(await leftoverResources(baseline)).toEqual({})
    expect(unhandled).toEqual([])
    // Flat heap: generous bound (one snapshot per source is kept; a per-sync leak over 3,000 syncs would show).
    expect(heapGrowth).toBeLessThan(10 * 1024 * 1024)

    const total = events.count(SyncEvents.SYNC_STARTED)
    console.info(
      `soak seed ${SEED}: ${total} syncs started (${all.length} in ${ROUNDS} manual rounds, ${events.pollStarts()} polls, ` +
        `${interrupted.length} results in the disposed round), ${events.count(SyncEvents.SYNC_FAILED)} failed ` +
        `(${[...codes].sort().join(', ')}), ${events.count(SyncEvents.SYNC_RETRY)} retries, ${soakMs} ms; ` +
        `heap growth ${(heapGrowth / 1024 / 1024).toFixed(2)} MB between rounds ${HEAP_BASELINE_ROUND} and ${ROUNDS}; ` +
        `behaviours ${JSON.stringify(behaviours)}`,
    )
  }, 120_000)
})
