import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { fileStore, stateFileName } from '../src/node/file-store.js'
import { postmanFileTarget } from '../src/node/postman-file-target.js'
import { toPostmanCollection } from '../src/collections/postman.js'
import type { Collection, MergeReport } from '../src/model/collection.js'
import type { SyncTarget } from '../src/service/target-sync.js'
import { FakeLoader, content, openapiDoc } from './helpers/fake-loader.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'als-reliability-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const doc = openapiDoc({ 'get /pets': {} })
const emptyReport: MergeReport = { added: [], updated: [], removed: [], renamed: [], conflicts: [] } as unknown as MergeReport

async function syncWith(store: ReturnType<typeof fileStore>, id: string) {
  const service = new LiveSyncService({ loader: new FakeLoader().script(id, content(doc)), store, onListenerError: () => {} })
  await service.addSource({ id, name: 'N', type: 'openapi', url: 'http://127.0.0.1:1/spec.json', refreshInterval: 0 })
  const result = await service.syncSource(id)
  await service.dispose()
  return result
}

describe('fileStore file names (issue 11, item 10)', () => {
  const ids = {
    'CJK characters': '接口'.repeat(12),
    emoji: '🚀'.repeat(17),
    '240 ASCII characters': 'a'.repeat(240),
    'a CLI path with many slashes': `file:${'/very/deep/project'.repeat(15)}/openapi.json`,
  }
  for (const [what, id] of Object.entries(ids)) {
    it(`saves and reloads state for an id of ${what}`, async () => {
      const store = fileStore(dir)
      expect((await syncWith(store, id)).status).toBe('success')
      const service = new LiveSyncService({ loader: new FakeLoader(), store: fileStore(dir) })
      await service.addSource({ id, name: 'N', type: 'openapi', url: 'http://127.0.0.1:1/spec.json', refreshInterval: 0 })
      expect(service.getSnapshot(id)?.operations.map((operation) => operation.key)).toEqual(['GET /pets'])
      await service.dispose()
      for (const name of await readdir(dir)) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255)
    })
  }

  it('keeps the names earlier versions wrote for ids that fit, so their state keeps loading', () => {
    expect(stateFileName('source:pets')).toBe(`${encodeURIComponent('source:pets')}.json`)
    expect(stateFileName(`source:${'接口'.repeat(20)}`)).toMatch(/^source%3A(%[0-9A-F]{2})+%%[0-9a-f]{64}\.json$/)
  })
})

describe('half-written temp files left by a crash (issue 11)', () => {
  it('are removed when a fileStore is next used; temp files of a live process stay', async () => {
    const name = `${encodeURIComponent('source:x')}.json`
    const deadPid = 2 ** 22 + 12345 // above Linux's pid_max: no such process
    await writeFile(join(dir, `${name}.${deadPid}.0a1b2c3d.tmp`), '{"half')
    await writeFile(join(dir, `${name}.3f2504e0-4f89-11d3-9a0c-0305e82c3301.tmp`), '{"half')
    await writeFile(join(dir, `${name}.${process.pid}.deadbeef.tmp`), '{"mine')
    await fileStore(dir).get('source:x')
    expect((await readdir(dir)).sort()).toEqual([`${name}.${process.pid}.deadbeef.tmp`])
  })

  it('are removed beside a postmanFileTarget file when it is next read', async () => {
    const file = join(dir, 'api.postman.json')
    await writeFile(join(dir, `api.postman.json.${2 ** 22 + 1}.00000000.tmp`), '{"half')
    await writeFile(join(dir, 'other.json.3f2504e0-4f89-11d3-9a0c-0305e82c3301.tmp'), 'not ours')
    expect(await postmanFileTarget(file).read()).toBeUndefined()
    expect(await readdir(dir)).toEqual(['other.json.3f2504e0-4f89-11d3-9a0c-0305e82c3301.tmp'])
  })
})

describe('postmanFileTarget never replaces a file changed since it was read (issue 11, item 4)', () => {
  const collection = (name: string): Collection => ({ name, items: [] })

  it('fails the write and keeps the user’s save made between read and write', async () => {
    const file = join(dir, 'api.postman.json')
    await writeFile(file, JSON.stringify(toPostmanCollection(collection('Before'))))
    const target = postmanFileTarget(file)
    await target.read()
    const userSave = JSON.stringify(toPostmanCollection(collection('Saved by the user')))
    await writeFile(file, userSave)
    await expect(target.write(collection('Merged'), emptyReport)).rejects.toThrow(/changed since it was read/)
    expect(await readFile(file, 'utf8')).toBe(userSave)
    expect(await readdir(dir)).toEqual(['api.postman.json'])
  })

  it('in a service: the sync fails with TARGET_ERROR, and the next sync merges the user’s save', async () => {
    const file = join(dir, 'api.postman.json')
    const inner = postmanFileTarget(file)
    let editBetween: (() => Promise<void>) | undefined
    // The gate: the user saves right after the service read the file.
    const target: SyncTarget = {
      read: async () => {
        const read = await inner.read()
        await editBetween?.()
        editBetween = undefined
        return read
      },
      write: (next, report) => inner.write(next, report),
    }
    const loader = new FakeLoader()
    const service = new LiveSyncService({ loader, onListenerError: () => {} })
    const id = 'file-target'
    await service.addSource({ id, name: 'N', type: 'openapi', url: 'http://127.0.0.1:1/spec.json', refreshInterval: 0 })
    service.attachTarget(id, target)
    loader.script(id, content(openapiDoc({ 'get /pets': {} })), content(openapiDoc({ 'get /pets': {}, 'post /pets': {} })))
    expect((await service.syncSource(id)).status).toBe('success')
    editBetween = async () => {
      const json = JSON.parse(await readFile(file, 'utf8')) as { info: { name: string } }
      json.info.name = 'Renamed by the user'
      await writeFile(file, JSON.stringify(json))
    }
    const failed = await service.syncSource(id)
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'TARGET_ERROR' } })
    expect((await service.syncSource(id)).status).toBe('success')
    const saved = JSON.parse(await readFile(file, 'utf8')) as { info: { name: string }; item: unknown[] }
    expect(saved.info.name).toBe('Renamed by the user')
    expect(JSON.stringify(saved.item)).toContain('POST')
    await service.dispose()
  })
})
