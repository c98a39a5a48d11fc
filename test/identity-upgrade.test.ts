import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { locateRequests } from '../src/collections/collection-tree.js'
import type { Collection } from '../src/model/collection.js'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { SNAPSHOT_MODEL_VERSION } from '../src/store/persisted-state.js'
import { memoryStore } from '../src/store/state-store.js'
import { FakeLoader, content } from './helpers/fake-loader.js'

/**
 * Snapshot model 3 (issue 10, move 2) changed the identity of operations whose path has a trailing
 * slash or a `:id` segment. A collection generated before the upgrade must keep its request ids:
 * hosts key their own data (history, notes, sharing) by them. The fixtures are what the previous
 * release wrote: its saved state (model 2) and the target collection it generated.
 */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/identity-upgrade/${name}`, import.meta.url), 'utf8')
const spec = fixture('spec.json')
const savedState = fixture('state-model-2.json')
const savedCollection = JSON.parse(fixture('collection-model-2.json')) as Collection

const requestIds = (collection: Collection) => locateRequests(collection).map(({ request }) => [request.operationKey, request.id])

describe('upgrading from snapshot model 2', () => {
  it('keeps the request ids of a collection generated before, and adds or removes nothing', async () => {
    expect(SNAPSHOT_MODEL_VERSION).toBeGreaterThan(2)
    const store = memoryStore()
    await store.set('source:pets', savedState)
    const target = { collection: structuredClone(savedCollection), read: async () => target.collection, write: async (collection: Collection) => void (target.collection = collection) }
    // The next version drops the trailing slash: the same operation to the diff and to the merge.
    const next = spec.replace('"/pets/":', '"/pets":')
    const loader = new FakeLoader().script('pets', content(spec), content(next))
    const service = new LiveSyncService({ loader, store })
    try {
      await service.addSource({ id: 'pets', name: 'Pets', type: 'openapi', url: 'http://127.0.0.1:1/pets.json', refreshInterval: 0 })
      // A snapshot of another model is never diffed against.
      expect(service.getSnapshot('pets')).toBeUndefined()
      service.attachTarget('pets', target)
      const result = await service.syncSource('pets')
      expect(result.status).toBe('success')
      expect(result.merge).toMatchObject({ added: [], removed: [], renamed: [] })
      expect(requestIds(target.collection)).toEqual(requestIds(savedCollection))
      expect(requestIds(target.collection)).toEqual([
        ['GET /pets/', 'req-eff7ce4bc66cf18c'],
        ['GET /pets/{petId}', 'req-46754ebece8ec9b9'],
        ['GET /users/:id', 'req-143eb12b5df87a07'],
        ['POST /orders', 'req-aed57ef82be4ee5c'],
      ])
      expect(JSON.parse((await store.get('source:pets'))!)).toMatchObject({ model: SNAPSHOT_MODEL_VERSION })

      const moved = await service.syncSource('pets')
      expect(moved.changes?.changes.map((change) => `${change.kind}:${change.operation}`)).toEqual(['operation-path-changed:GET /pets'])
      expect(moved.merge).toMatchObject({ added: [], removed: [] })
      expect(requestIds(target.collection)).toEqual([['GET /pets', 'req-eff7ce4bc66cf18c'], ...requestIds(savedCollection).slice(1)])
    } finally {
      await service.dispose()
    }
  })
})

/**
 * Snapshot model 4 (issue 10, move 6) hashes Postman and GraphQL operations with the formats' one
 * fast hash instead of an FNV hash, so their saved hashes no longer match. Generated request ids
 * keep their own frozen hash: a collection generated under model 3 keeps every id. The fixtures are
 * what the code of model 3 (commit `38486f1`) saved and generated.
 */
describe('upgrading from snapshot model 3', () => {
  const cases = [
    { id: 'schema', type: 'graphql', file: 'schema.graphql', contentType: 'text/plain', change: (text: string) => text.replace('  name: String!\n  owner', '  name: String!\n  age: Int\n  owner') },
    { id: 'requests', type: 'postman', file: 'requests.postman.json', contentType: 'application/json', change: (text: string) => text.replace('"List pets"', '"All pets"') },
  ] as const

  for (const { id, type, file, contentType, change } of cases) {
    it(`keeps the request ids of a ${type} collection generated before, although the operation hashes moved`, async () => {
      expect(SNAPSHOT_MODEL_VERSION).toBeGreaterThan(3)
      const text = fixture(file)
      const saved = JSON.parse(fixture(`state-model-3-${type}.json`)) as { model: number; snapshot: { operations: Array<{ key: string; hash: string }> } }
      expect(saved.model).toBe(3)
      const collection = JSON.parse(fixture(`collection-model-3-${type}.json`)) as Collection
      const store = memoryStore()
      await store.set(`source:${id}`, JSON.stringify(saved))
      const target = { collection: structuredClone(collection), read: async () => target.collection, write: async (next: Collection) => void (target.collection = next) }
      const loader = new FakeLoader().script(id, content(text, { contentType }), content(change(text), { contentType }))
      const service = new LiveSyncService({ loader, store })
      try {
        await service.addSource({ id, name: id, type, url: `http://127.0.0.1:1/${file}`, refreshInterval: 0 })
        // Hashes of another model would be diffed as changes: the saved snapshot is dropped instead.
        expect(service.getSnapshot(id)).toBeUndefined()
        service.attachTarget(id, target)
        const result = await service.syncSource(id)
        expect(result.status).toBe('success')
        expect(result.merge).toMatchObject({ added: [], removed: [], renamed: [], updated: [] })
        expect(requestIds(target.collection)).toEqual(requestIds(collection))
        const hashes = (operations: ReadonlyArray<{ key: string; hash: string }>) => Object.fromEntries(operations.map((operation) => [operation.key, operation.hash]))
        const now = hashes(service.getSnapshot(id)!.operations)
        const before = hashes(saved.snapshot.operations)
        expect(Object.keys(now).sort()).toEqual(Object.keys(before).sort())
        for (const key of Object.keys(now)) expect(now[key]).not.toBe(before[key])

        const changed = await service.syncSource(id)
        expect(changed.changes?.changes.length).toBeGreaterThan(0)
        expect(changed.merge).toMatchObject({ added: [], removed: [] })
        expect(requestIds(target.collection)).toEqual(requestIds(collection))
      } finally {
        await service.dispose()
      }
    })
  }
})
