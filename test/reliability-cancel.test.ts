import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { SyncEvents } from '../src/events/events.js'
import type { Collection } from '../src/model/collection.js'
import type { SyncTarget } from '../src/service/target-sync.js'
import { memoryStore, type StateStore } from '../src/store/state-store.js'
import { stateKey } from '../src/store/persisted-state.js'
import { FakeLoader, after, content, openapiDoc } from './helpers/fake-loader.js'
import { gate } from './helpers/promises.js'
import { createTestService, sourceConfig } from './helpers/service.js'

// Web Crypto's digest runs on the thread pool, out of fake time's reach: use the same hash synchronously.
vi.mock('../src/formats/hash.js', async (importOriginal) => (await import('./helpers/sync-sha256.js')).withSyncSha256(importOriginal))

const BOUND = 5000
const v1 = openapiDoc({ 'get /pets': {} })
const v2 = openapiDoc({ 'get /pets': {}, 'post /pets': {} })

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** Resolves once `predicate` holds, letting pending promise callbacks (not time) run in between. */
async function until(predicate: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !predicate(); turn++) await vi.advanceTimersByTimeAsync(0)
  expect(predicate()).toBe(true)
}

/** A store whose `set` for one key waits for a gate, recording each write and whether it landed. */
function gatedStore(inner: StateStore, blocked: { promise: Promise<void> } | undefined) {
  const landed: string[] = []
  let started = 0
  const store: StateStore = {
    get: (key) => inner.get(key),
    delete: (key) => inner.delete(key),
    set: async (key, value) => {
      started++
      if (blocked) await blocked.promise
      await inner.set(key, value)
      landed.push(key)
    },
  }
  return { store, landed, started: () => started }
}

/** A service whose first sync of a new source (v1) is held in its store save until `blocked.open()`. */
async function syncHeldInStoreSave() {
  const blocked = gate()
  const inner = memoryStore()
  const { store, started } = gatedStore(inner, blocked)
  const { service, loader } = createTestService({ store, shutdownTimeout: BOUND })
  const config = sourceConfig()
  loader.script(config.id, content(v1))
  await service.addSource(config)
  const sync = service.syncSource(config.id)
  await until(() => started() === 1)
  return { blocked, inner, service, config, sync }
}

/** A target whose writes wait for the gate of the moment, counting writes that overlap. */
function gatedTarget(shared: { active: number; maxActive: number }, writeGate: () => Promise<void>) {
  let collection: Collection | undefined
  const writes = { started: 0, landed: 0 }
  const target: SyncTarget = {
    read: async () => collection,
    write: async (next) => {
      writes.started++
      shared.active++
      shared.maxActive = Math.max(shared.maxActive, shared.active)
      try {
        await writeGate()
        collection = next
        writes.landed++
      } finally {
        shared.active--
      }
    },
  }
  return { target, writes }
}

describe('after removeSource or dispose resolve, nothing of the source is written (issue 11, item 1)', () => {
  it('removeSource during a store save: the removed source’s state never comes back', async () => {
    const { blocked, inner, service, config, sync } = await syncHeldInStoreSave()
    const removal = service.removeSource(config.id)
    await vi.advanceTimersByTimeAsync(BOUND)
    await removal
    blocked.open()
    await sync
    await vi.advanceTimersByTimeAsync(0)
    expect(await inner.get(stateKey(config.id))).toBeUndefined()
  })

  it('a sync cancelled by dispose before its save saves no baseline: the next service still reports the added operation', async () => {
    const writeGate = gate()
    const store = memoryStore()
    const shared = { active: 0, maxActive: 0 }
    const { target, writes } = gatedTarget(shared, () => writeGate.promise)
    const { service, loader } = createTestService({ store, shutdownTimeout: BOUND })
    const config = sourceConfig()
    loader.script(config.id, content(v1))
    await service.addSource(config)
    service.attachTarget(config.id, target)
    const sync = service.syncSource(config.id)
    await until(() => writes.started === 1)
    const disposal = service.dispose()
    writeGate.open()
    await disposal
    expect((await sync).status).toBe('cancelled')
    const next = new FakeLoader().script(config.id, content(v2))
    const restarted = new LiveSyncService({ loader: next, store, onListenerError: () => {} })
    await restarted.addSource(config)
    const again = await restarted.syncSource(config.id)
    expect(again.changes?.added.map((operation) => operation.key)).toEqual(['GET /pets', 'POST /pets'])
    await restarted.dispose()
  })

  it('a sync whose save had started when dispose came is committed, never reported cancelled with its baseline saved', async () => {
    const { blocked, inner, service, config, sync } = await syncHeldInStoreSave()
    const disposal = service.dispose()
    blocked.open()
    await disposal
    const result = await sync
    expect(await inner.get(stateKey(config.id))).toBeDefined()
    expect(result.status).toBe('success')
    expect(result.changes?.added.map((operation) => operation.key)).toEqual(['GET /pets'])
  })

  it('with concurrency 1, an aborted sync still writing its target keeps its slot: two target writes never overlap', async () => {
    const shared = { active: 0, maxActive: 0 }
    const firstGate = gate()
    const first = gatedTarget(shared, () => firstGate.promise)
    const second = gatedTarget(shared, async () => {
      // Were the first write still running, this one overlaps it: let it finish so the test ends.
      firstGate.open()
    })
    const { service, loader } = createTestService({ concurrency: 1, shutdownTimeout: BOUND })
    const a = sourceConfig()
    const b = sourceConfig()
    loader.script(a.id, content(v1)).script(b.id, content(v1))
    await service.addSource(a)
    await service.addSource(b)
    service.attachTarget(a.id, first.target)
    service.attachTarget(b.id, second.target)
    const syncA = service.syncSource(a.id)
    const syncB = service.syncSource(b.id)
    await until(() => first.writes.started === 1)
    const removal = service.removeSource(a.id)
    await vi.advanceTimersByTimeAsync(BOUND)
    await removal
    // The removed source's write is still running: the second source waits for the slot.
    expect(second.writes.started).toBe(0)
    firstGate.open()
    expect((await syncA).status).toBe('cancelled')
    expect((await syncB).status).toBe('success')
    expect(shared.maxActive).toBe(1)
  })

  it('bounds dispose and stop by shutdownTimeout when a host write never settles', async () => {
    const shared = { active: 0, maxActive: 0 }
    const never = gatedTarget(shared, () => new Promise<void>(() => {}))
    const { service, loader } = createTestService({ shutdownTimeout: BOUND })
    const config = sourceConfig()
    loader.script(config.id, content(v1))
    await service.addSource(config)
    service.attachTarget(config.id, never.target)
    void service.syncSource(config.id)
    await until(() => never.writes.started === 1)
    let stopped = false
    void service.stop().then(() => (stopped = true))
    await vi.advanceTimersByTimeAsync(BOUND - 1)
    expect(stopped).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(stopped).toBe(true)
    let disposed = false
    void service.dispose().then(() => (disposed = true))
    await vi.advanceTimersByTimeAsync(BOUND)
    expect(disposed).toBe(true)
  })
})

describe('the shutdown bound applies to host calls only', () => {
  it('stop still waits for a load that takes longer than shutdownTimeout', async () => {
    const { service, loader } = createTestService({ shutdownTimeout: BOUND })
    const config = sourceConfig()
    loader.script(config.id, after(3 * BOUND, content(v1)))
    await service.addSource(config)
    const sync = service.syncSource(config.id)
    let stopped = false
    void service.stop().then(() => (stopped = true))
    await vi.advanceTimersByTimeAsync(2 * BOUND)
    expect(stopped).toBe(false)
    await vi.advanceTimersByTimeAsync(BOUND)
    expect((await sync).status).toBe('success')
    await vi.advanceTimersByTimeAsync(0)
    expect(stopped).toBe(true)
  })
})

describe('one sync per source at a time, whatever listeners do (issue 11, item 8)', () => {
  it('syncSource and updateSource called from a sync:started listener join the running sync', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig({ refreshInterval: 60_000 })
    loader.script(config.id, content(v1))
    await service.addSource(config)
    const joined: Array<Promise<unknown>> = []
    let detected = 0
    service.on(SyncEvents.CHANGES_DETECTED, () => detected++)
    service.on(SyncEvents.SYNC_STARTED, () => {
      joined.push(service.syncSource(config.id))
      joined.push(service.updateSource({ ...config, name: 'Renamed' }))
    })
    service.start()
    const first = service.syncSource(config.id)
    await first
    await Promise.all(joined)
    await vi.advanceTimersByTimeAsync(0)
    expect(loader.callsFor(config.id)).toBe(1)
    expect(detected).toBe(1)
  })
})
