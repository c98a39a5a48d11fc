import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { deserializeSourceState, stateKey } from '../src/store/persisted-state.js'
import { redisStore, StaleWriteError } from '../src/redis/index.js'
import { FakeLoader, content, openapiDoc } from './helpers/fake-loader.js'
import { REDIS_SKIP_MESSAGE, skipRedisTests, startRedisServer, type RedisServerHandle } from './helpers/redis-server.js'
import type { LoadResult } from '../src/model/loader.js'

const v1 = openapiDoc({ 'get /pets': {} })
const v2 = openapiDoc({ 'get /pets': {}, 'post /pets': {} })
const v3 = openapiDoc({ 'get /pets': {}, 'post /pets': {}, 'delete /pets/{id}': {} })

describe.skipIf(skipRedisTests)(`redisStore ${skipRedisTests ? REDIS_SKIP_MESSAGE : ''}`, () => {
  let server: RedisServerHandle
  let client: Redis
  beforeAll(async () => {
    server = await startRedisServer()
    client = new Redis(server.port, '127.0.0.1')
  })
  afterAll(async () => {
    await client?.quit()
    await server?.stop()
  })

  it('reads, writes and deletes under its prefix only', async () => {
    const a = redisStore(client, { prefix: 'a:' })
    const b = redisStore(client, { prefix: 'b:' })
    expect(await a.get('k')).toBeUndefined()
    await a.set('k', 'one')
    await a.set('k', 'two')
    expect(await a.get('k')).toBe('two')
    expect(await b.get('k')).toBeUndefined()
    await a.delete('k')
    expect(await a.get('k')).toBeUndefined()
  })

  it('refuses a write based on a read another writer has since overtaken', async () => {
    const first = redisStore(client, { prefix: 'cas:' })
    const second = first.fork()
    await first.get('k')
    await second.get('k')
    await second.set('k', 'newer')
    await expect(first.set('k', 'older')).rejects.toBeInstanceOf(StaleWriteError)
    expect(await first.get('k')).toBe('newer')
  })

  it('a writer that read before a delete cannot bring the key back', async () => {
    const store = redisStore(client, { prefix: 'tomb:' })
    const slow = store.fork()
    await store.get('k')
    await store.set('k', 'v')
    await slow.get('k')
    await store.delete('k')
    await expect(slow.set('k', 'stale')).rejects.toBeInstanceOf(StaleWriteError)
    expect(await store.get('k')).toBeUndefined()
  })

  it('opens and closes its own connection when given a URL', async () => {
    const store = redisStore(server.url, { prefix: 'url:' })
    await store.get('k')
    await store.set('k', 'v')
    expect(await client.hget('url:state:k', 'value')).toBe('v')
    await store.close()
  })

  it('two workers racing to write one source: the newer baseline wins and the older sync reports nothing', async () => {
    const prefix = 'race:'
    const seed = new LiveSyncService({ store: redisStore(client, { prefix }), loader: new FakeLoader().script('pets', content(v1)) })
    await seed.addSource({ id: 'pets', name: 'Pets', type: 'openapi', url: 'http://127.0.0.1/pets', refreshInterval: 0 })
    expect((await seed.syncSource('pets')).status).toBe('success')
    await seed.dispose()

    // The slow worker fetched v2 first but is held at a gate until the fast one has committed v3.
    let releaseSlow!: () => void
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve))
    let slowLoaded!: () => void
    const slowHasLoaded = new Promise<void>((resolve) => (slowLoaded = resolve))
    const slowStep = async (): Promise<LoadResult> => {
      slowLoaded()
      await slowGate
      return content(v2)
    }
    const store = redisStore(client, { prefix })
    const slow = new LiveSyncService({ store: store.fork(), loader: new FakeLoader().script('pets', slowStep) })
    const fast = new LiveSyncService({ store: store.fork(), loader: new FakeLoader().script('pets', content(v3)) })
    const slowChanges: unknown[] = []
    slow.on('changes:detected', (event) => slowChanges.push(event))
    for (const service of [slow, fast]) {
      await service.addSource({ id: 'pets', name: 'Pets', type: 'openapi', url: 'http://127.0.0.1/pets', refreshInterval: 0 })
    }
    const slowSync = slow.syncSource('pets')
    await slowHasLoaded
    const fastResult = await fast.syncSource('pets')
    releaseSlow()
    const slowResult = await slowSync

    expect(fastResult.status).toBe('success')
    expect(slowResult).toMatchObject({ status: 'failed', error: { code: 'STATE_ERROR' } })
    expect(slowChanges).toEqual([])
    const saved = deserializeSourceState('pets', (await store.get(stateKey('pets')))!)
    expect(saved.snapshot?.fingerprint).toBe(fastResult.fingerprint)
    expect(slow.getSnapshot('pets')?.fingerprint).not.toBe(fastResult.fingerprint)
    await Promise.all([slow.dispose(), fast.dispose()])
  })
})
