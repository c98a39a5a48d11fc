import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { localStorageStore, memoryStore, type StateStore } from '../src/store/state-store.js'
import { fileStore } from '../src/node/file-store.js'
import { FakeLoader, content, openapiDoc } from './helpers/fake-loader.js'

const v1 = openapiDoc({ 'get /pets': {}, 'get /pets/{id}': {} })
const v2 = openapiDoc({ 'get /pets': {}, 'get /pets/{id}': {}, 'delete /pets/{id}': {} })

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'als-store-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function storage(): Storage {
  const values = new Map<string, string>()
  return {
    get length() {
      return values.size
    },
    clear: () => values.clear(),
    getItem: (key) => values.get(key) ?? null,
    key: (index) => [...values.keys()][index] ?? null,
    removeItem: (key) => void values.delete(key),
    setItem: (key, value) => void values.set(key, value),
  }
}

describe.each<[string, () => StateStore]>([
  ['memoryStore', () => memoryStore()],
  ['localStorageStore', () => localStorageStore('test:', storage())],
  ['fileStore', () => fileStore(join(dir, 'state'))],
])('%s', (_name, makeStore) => {
  it('gets what was set, undefined for unknown keys, and nothing after delete', async () => {
    const store = makeStore()
    expect(await store.get('source:a')).toBeUndefined()
    await store.set('source:a', '{"x":1}')
    await store.set('source:a/b', 'other')
    expect(await store.get('source:a')).toBe('{"x":1}')
    expect(await store.get('source:a/b')).toBe('other')
    await store.delete('source:a')
    expect(await store.get('source:a')).toBeUndefined()
    await store.delete('never-set')
  })

  it('lets a new service resume where the old one stopped: the first change after a restart is incremental', async () => {
    const store = makeStore()
    const loader = new FakeLoader().script('pets', content(v1, { etag: '"1"' }), content(v2))
    const config = { id: 'pets', name: 'Pets', type: 'openapi' as const, url: 'http://127.0.0.1:1/pets', refreshInterval: 0 }
    const before = new LiveSyncService({ loader, store })
    await before.addSource(config)
    const first = await before.syncSource('pets')
    await before.dispose()

    const after = new LiveSyncService({ loader, store })
    await after.addSource(config)
    expect(after.getSourceStatus('pets')).toMatchObject({ status: 'success', fingerprint: first.fingerprint })
    expect(after.getSnapshot('pets')?.operations.map((operation) => operation.key)).toEqual(['GET /pets', 'GET /pets/{id}'])
    const next = await after.syncSource('pets')
    expect(loader.calls[1]?.request.etag).toBe('"1"')
    expect(next.changes?.added.map((operation) => operation.key)).toEqual(['DELETE /pets/{id}'])
    expect(next.changes?.summary.added).toBe(1)
    await after.dispose()
  })
})

describe('saved state', () => {
  it('never contains header values or URL passwords', async () => {
    const store = fileStore(dir)
    const loader = new FakeLoader().script('s', content(v1))
    const service = new LiveSyncService({ loader, store })
    await service.addSource({
      id: 's',
      name: 'S',
      type: 'openapi',
      url: 'https://user:pa55word@api.test/spec.json',
      headers: { Authorization: 'Bearer sekrit' },
      refreshInterval: 0,
    })
    await service.syncSource('s')
    await service.dispose()
    const files = await readdir(dir)
    expect(files).toHaveLength(1)
    const saved = await readFile(join(dir, files[0]!), 'utf8')
    expect(saved).not.toContain('sekrit')
    expect(saved).not.toContain('pa55word')
    expect(files.some((file) => file.endsWith('.tmp'))).toBe(false)
  })

  it('a corrupt state file is a clear STATE_ERROR on addSource, never a silent reset', async () => {
    await writeFile(join(dir, `${encodeURIComponent('source:broken')}.json`), '{"version": 1, "sourceId": "broken", "snap')
    const service = new LiveSyncService({ loader: new FakeLoader(), store: fileStore(dir) })
    await expect(service.addSource({ id: 'broken', name: 'B', type: 'openapi', url: 'http://127.0.0.1:1/x', refreshInterval: 0 })).rejects.toMatchObject({
      code: 'STATE_ERROR',
      message: expect.stringMatching(/saved state of source "broken".*delete it/),
    })
    expect(service.getAllSourceStatuses()).toEqual([])
    await service.dispose()
  })

  it('refuses state of another shape or version', async () => {
    const store = memoryStore()
    await store.set('source:x', JSON.stringify({ version: 99, sourceId: 'x' }))
    const service = new LiveSyncService({ loader: new FakeLoader(), store })
    await expect(service.addSource({ id: 'x', name: 'X', type: 'openapi', url: 'http://127.0.0.1:1/x', refreshInterval: 0 })).rejects.toMatchObject({ code: 'STATE_ERROR' })
    await service.dispose()
  })

  it('an unreadable state file is a STATE_ERROR naming the source', async () => {
    // Tests may run as root, who reads any file whatever its mode: a directory in the file's place fails for everyone.
    await mkdir(join(dir, `${encodeURIComponent('source:locked')}.json`))
    const service = new LiveSyncService({ loader: new FakeLoader(), store: fileStore(dir) })
    await expect(service.addSource({ id: 'locked', name: 'L', type: 'openapi', url: 'http://127.0.0.1:1/x', refreshInterval: 0 })).rejects.toMatchObject({
      code: 'STATE_ERROR',
      message: expect.stringContaining('"locked"'),
    })
    await service.dispose()
  })

  it('a failing store write fails the sync and keeps the old baseline', async () => {
    const inner = memoryStore()
    let failWrites = false
    const store: StateStore = {
      get: (key) => inner.get(key),
      delete: (key) => inner.delete(key),
      set: async (key, value) => {
        if (failWrites) throw new Error('disk full')
        await inner.set(key, value)
      },
    }
    const loader = new FakeLoader().script('s', content(v1), content(v2), content(v2))
    const service = new LiveSyncService({ loader, store, retry: { retries: 0 } })
    await service.addSource({ id: 's', name: 'S', type: 'openapi', url: 'http://127.0.0.1:1/x', refreshInterval: 0 })
    const first = await service.syncSource('s')
    failWrites = true
    const failed = await service.syncSource('s')
    expect(failed.error).toMatchObject({ code: 'STATE_ERROR', message: expect.stringContaining('disk full') })
    expect(service.getSnapshot('s')?.fingerprint).toBe(first.fingerprint)
    failWrites = false
    const retried = await service.syncSource('s')
    expect(retried.changes?.added.map((operation) => operation.key)).toEqual(['DELETE /pets/{id}'])
    await service.dispose()
  })

  it('removeSource forgets the saved state', async () => {
    const store = memoryStore()
    const loader = new FakeLoader().script('s', content(v1))
    const service = new LiveSyncService({ loader, store })
    await service.addSource({ id: 's', name: 'S', type: 'openapi', url: 'http://127.0.0.1:1/x', refreshInterval: 0 })
    await service.syncSource('s')
    expect(await store.get('source:s')).toBeDefined()
    await service.removeSource('s')
    expect(await store.get('source:s')).toBeUndefined()
    await service.dispose()
  })
})

describe('snapshots of another snapshot model', () => {
  it('are not diffed against after an upgrade: the snapshot is dropped, the target merge base kept', async () => {
    const store = memoryStore()
    const loader = new FakeLoader().script('m', content(v1), content(v1))
    const config = { id: 'm', name: 'M', type: 'openapi' as const, url: 'http://127.0.0.1:1/m', refreshInterval: 0 }
    const target = { collection: undefined as unknown, read: async () => target.collection as never, write: async (collection: unknown) => void (target.collection = collection) }
    const first = new LiveSyncService({ loader, store })
    await first.addSource(config)
    first.attachTarget('m', target)
    await first.syncSource('m')
    await first.dispose()

    // As if an older release had saved it: a snapshot of another model.
    const saved = JSON.parse((await store.get('source:m'))!)
    await store.set('source:m', JSON.stringify({ ...saved, model: 0 }))

    const second = new LiveSyncService({ loader, store })
    await second.addSource(config)
    expect(second.getSourceStatus('m')).toMatchObject({ status: 'pending', fingerprint: null })
    expect(second.getSnapshot('m')).toBeUndefined()
    second.attachTarget('m', target)
    const result = await second.syncSource('m')
    expect(loader.calls[1]?.request.etag).toBeUndefined()
    // The merge base survived: the same spec merges as "nothing to do", not as everything added again.
    expect(result.merge).toMatchObject({ added: [], updated: [], removed: [] })
    await second.dispose()
  })
})
