import { describe, expect, it } from 'vitest'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { locateRequests } from '../src/collections/collection-tree.js'
import type { Collection } from '../src/model/collection.js'
import type { SyncTarget } from '../src/service/target-sync.js'
import { memoryStore, type StateStore } from '../src/store/state-store.js'
import { FakeLoader, content, openapiDoc } from './helpers/fake-loader.js'
import { mulberry32, randomInt, type Random } from './helpers/seeded-random.js'

const POOL = ['get /a', 'post /a', 'get /b', 'delete /b', 'get /c', 'put /c', 'get /d', 'patch /d', 'get /e', 'post /e']
const SEEDS = [11, 2024, 77]

/** A store that fails one save in `every`, at random. */
function flakyStore(inner: StateStore, random: Random, every: number, enabled: { on: boolean }): StateStore {
  return {
    get: (key) => inner.get(key),
    delete: (key) => inner.delete(key),
    set: async (key, value) => {
      if (enabled.on && randomInt(random, 1, every) === 1) throw new Error('disk full (injected)')
      await inner.set(key, value)
    },
  }
}

/** A host collection in memory whose write fails one time in `every`, at random (nothing lands then). */
function flakyTarget(random: Random, every: number, enabled: { on: boolean }): SyncTarget & { collection: Collection | undefined } {
  const target = {
    collection: undefined as Collection | undefined,
    read: async () => (target.collection === undefined ? undefined : structuredClone(target.collection)),
    write: async (collection: Collection) => {
      if (enabled.on && randomInt(random, 1, every) === 1) throw new Error('target unavailable (injected)')
      target.collection = structuredClone(collection)
    },
  }
  return target
}

/** A spec of five operations drawn from the pool: each sync adds some and removes others. */
function specOf(random: Random): { text: string; keys: string[] } {
  const chosen = [...POOL].sort(() => random() - 0.5).slice(0, 5)
  const text = openapiDoc(Object.fromEntries(chosen.map((key) => [key, {}])))
  return { text, keys: chosen.map((key) => `${key.split(' ')[0]!.toUpperCase()} ${key.split(' ')[1]!}`).sort() }
}

describe('target and state converge whatever fails between them (issue 11, item 3)', () => {
  for (const [seed, onRemoved] of SEEDS.flatMap((seed) => [[seed, 'delete'], [seed, 'mark']] as const)) {
    it(`seed ${seed}, onRemoved ${onRemoved}: 60 syncs with 1 save in 3 and 1 write in 4 failing, and restarts, end with exactly the spec's requests`, async () => {
      const random = mulberry32(seed)
      const faults = { on: true }
      const store = flakyStore(memoryStore(), mulberry32(seed + 1), 3, faults)
      const target = flakyTarget(mulberry32(seed + 2), 4, faults)
      const loader = new FakeLoader()
      const config = { id: `converge-${seed}-${onRemoved}`, name: 'Converge', type: 'openapi' as const, url: 'http://127.0.0.1:1/spec.json', refreshInterval: 0 }
      const start = async () => {
        const service = new LiveSyncService({ loader, store, retry: { retries: 0 }, onListenerError: () => {} })
        await service.addSource(config)
        service.attachTarget(config.id, target, { onRemoved })
        return service
      }
      let service = await start()
      let spec = specOf(random)
      for (let sync = 0; sync < 60; sync++) {
        if (random() < 0.5) spec = specOf(random)
        loader.script(config.id, content(spec.text))
        const result = await service.syncSource(config.id)
        // A failed save may be the process dying between the target write and the save: restart.
        if (result.status === 'failed' && result.error?.code === 'STATE_ERROR' && random() < 0.5) {
          await service.dispose()
          service = await start()
        }
      }
      faults.on = false
      loader.script(config.id, content(spec.text))
      expect((await service.syncSource(config.id)).status).toBe('success')
      const requests = locateRequests(target.collection!).map(({ request }) => request)
      const keys = requests.map((request) => request.operationKey)
      expect(new Set(keys).size).toBe(keys.length) // no duplicates
      // Every operation of the spec is there and current; every other one was deleted or marked.
      expect(requests.filter((request) => request.deprecated !== true).map((request) => request.operationKey).sort()).toEqual(spec.keys)
      if (onRemoved === 'delete') expect(keys.sort()).toEqual(spec.keys)
      await service.dispose()
    })
  }
})
