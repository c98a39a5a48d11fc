import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { isDuplicateSourceError, isSourceNotFoundError } from '../src/errors/errors.js'
import type { SyncEventName } from '../src/events/events.js'
import { createRedisLiveSync, type RedisLiveSync, type RedisLiveSyncOptions } from '../src/redis/index.js'
import { openapiDoc } from './helpers/fake-loader.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'
import { REDIS_SKIP_MESSAGE, skipRedisTests, startRedisServer, type RedisServerHandle } from './helpers/redis-server.js'

const v1 = openapiDoc({ 'get /pets': {} })
const v2 = openapiDoc({ 'get /pets': {}, 'post /pets': {} })

describe.skipIf(skipRedisTests)(`createRedisLiveSync: instances sharing sources ${skipRedisTests ? REDIS_SKIP_MESSAGE : ''}`, () => {
  let redisServer: RedisServerHandle
  let specServer: TestServer
  let document = v1
  let admin: Redis
  const open: RedisLiveSync[] = []
  let queue = 0

  beforeAll(async () => {
    redisServer = await startRedisServer()
    admin = new Redis(redisServer.port, '127.0.0.1')
    specServer = await startTestServer((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(document)
    })
  })
  afterEach(async () => {
    await Promise.all(open.splice(0).map((instance) => instance.dispose()))
    document = v1
  })
  afterAll(async () => {
    await admin?.quit()
    await specServer?.close()
    await redisServer?.stop()
  })

  async function instance(options: Partial<RedisLiveSyncOptions> = {}): Promise<RedisLiveSync> {
    const created = await createRedisLiveSync({ connection: { host: '127.0.0.1', port: redisServer.port }, queueName: `q${queue}`, ...options })
    open.push(created)
    return created
  }

  function record(target: RedisLiveSync, events: SyncEventName[]): string[] {
    const seen: string[] = []
    for (const event of events) target.on(event, (payload) => seen.push(`${event} ${(payload as { sourceId: string }).sourceId}`))
    return seen
  }

  /** Resolves once `seen` holds `count` sync:completed events (they arrive through Redis pub/sub). */
  function completions(target: RedisLiveSync, count: number, seen: string[]): Promise<void> {
    const done = () => seen.filter((entry) => entry.startsWith('sync:completed')).length >= count
    return new Promise((resolve) => {
      if (done()) return resolve()
      const check = () => {
        if (!done()) return
        target.off('sync:completed', check)
        resolve()
      }
      target.on('sync:completed', check)
    })
  }

  const source = (overrides: Record<string, unknown> = {}) => ({
    id: 'pets',
    name: 'Pets',
    type: 'openapi' as const,
    url: `${specServer.url}/pets.json`,
    refreshInterval: 0,
    ...overrides,
  })

  it('shares one registry: identical re-add is fine, another config under the id is DUPLICATE_SOURCE', async () => {
    queue++
    const a = await instance()
    const b = await instance({ worker: false })
    await a.addSource(source())
    await b.addSource(source())
    await expect(b.addSource(source({ name: 'Other' }))).rejects.toSatisfy(isDuplicateSourceError)
    expect(b.getAllSourceStatuses().map((status) => status.sourceId)).toEqual(['pets'])
    const removedOnA = new Promise((resolve) => a.once('source:removed', resolve))
    await b.removeSource('pets')
    expect(await removedOnA).toEqual({ sourceId: 'pets' })
    expect(a.getAllSourceStatuses()).toEqual([])
    await expect(a.syncSource('pets')).rejects.toSatisfy(isSourceNotFoundError)
  })

  it('syncSource on an instance without a worker resolves with the result of the worker that ran it; every instance hears each event once', async () => {
    queue++
    const worker = await instance()
    const dashboard = await instance({ worker: false })
    const events: SyncEventName[] = ['sync:started', 'sync:completed', 'changes:detected']
    const onWorker = record(worker, events)
    const onDashboard = record(dashboard, events)
    worker.start()
    await dashboard.addSource(source())

    const first = await dashboard.syncSource('pets')
    expect(first).toMatchObject({ sourceId: 'pets', status: 'success', trigger: 'manual', changesDetected: true })
    expect(first.startedAt).toBeInstanceOf(Date)
    document = v2
    const second = await dashboard.syncSource('pets')
    expect(second.changes?.changes.map((change) => change.kind)).toEqual(['operation-added'])
    // Events and results travel on different connections: wait for the second sync:completed on each.
    await Promise.all([completions(worker, 2, onWorker), completions(dashboard, 2, onDashboard)])
    const expected = ['sync:started pets', 'changes:detected pets', 'sync:completed pets']
    expect(onDashboard).toEqual([...expected, ...expected])
    expect(onWorker).toEqual(onDashboard)
    expect(dashboard.getSourceStatus('pets')).toMatchObject({ status: 'success', syncing: false, fingerprint: second.fingerprint })
  })

  it('many syncs waited for at once print no process warning (the host owns stderr)', async () => {
    queue++
    const worker = await instance()
    worker.start()
    for (let index = 0; index < 15; index++) await worker.addSource(source({ id: `pets${index}`, name: `Pets ${index}` }))
    const warnings: Error[] = []
    const onWarning = (warning: Error) => warnings.push(warning)
    process.on('warning', onWarning)
    try {
      const results = await worker.syncAllSources()
      expect(results.map((result) => result.status)).toEqual(Array(15).fill('success'))
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings.map((warning) => `${warning.name}: ${warning.message}`)).toEqual([])
  })

  it('syncSource with no worker anywhere rejects with TIMEOUT after syncWaitTimeout instead of waiting for good', async () => {
    queue++
    const dashboard = await instance({ worker: false, syncWaitTimeout: 300 })
    await dashboard.addSource(source())
    await expect(dashboard.syncSource('pets')).rejects.toMatchObject({ code: 'TIMEOUT', sourceId: 'pets', timeoutMs: 300 })
  })

  it('an instance that never registered a source knows it and its status from the events', async () => {
    queue++
    const a = await instance({ worker: false })
    const b = await instance({ worker: false })
    const statusOnB = new Promise((resolve) => b.once('status:changed', resolve))
    await a.addSource(source())
    expect(await statusOnB).toMatchObject({ sourceId: 'pets', status: 'pending' })
    expect(b.getSourceStatus('pets')).toMatchObject({ sourceId: 'pets', status: 'pending', syncing: false })
  })

  it('keeps one Job Scheduler per polled source, following updateSource and removeSource', async () => {
    queue++
    const a = await instance({ worker: false })
    const b = await instance({ worker: false })
    const { Queue } = await import('bullmq')
    const bull = new Queue(`q${queue}`, { connection: { host: '127.0.0.1', port: redisServer.port }, prefix: 'als-bull' })
    const schedulers = async () => (await bull.getJobSchedulers()).map((scheduler) => [scheduler.key, scheduler.every])
    try {
      await a.addSource(source({ refreshInterval: 5000 }))
      await b.addSource(source({ refreshInterval: 5000 }))
      expect(await schedulers()).toEqual([['source-pets', 5000]])
      await b.updateSource(source({ refreshInterval: 7000 }))
      expect(await schedulers()).toEqual([['source-pets', 7000]])
      await a.updateSource(source({ refreshInterval: 7000, enabled: false }))
      expect(await schedulers()).toEqual([])
      expect(a.getSourceStatus('pets')).toMatchObject({ enabled: false })
      await a.updateSource(source({ refreshInterval: 7000 }))
      await a.removeSource('pets')
      expect(await schedulers()).toEqual([])
    } finally {
      await bull.close()
    }
  })

  it('keeps header values out of Redis; each worker gets them from its resolveHeaders', async () => {
    queue++
    const secret = 'Bearer s3cr3t-value'
    const worker = await instance({ worker: { resolveHeaders: (sourceId) => (sourceId === 'pets' ? { Authorization: secret } : undefined) } })
    worker.start()
    await worker.addSource(source({ headers: { Authorization: secret } }))
    expect((await worker.syncSource('pets')).status).toBe('success')
    expect(specServer.requests.at(-1)?.headers.authorization).toBe(secret)

    const dump: string[] = []
    for (const key of await admin.keys('*')) {
      const type = await admin.type(key)
      if (type === 'string') dump.push((await admin.get(key)) ?? '')
      if (type === 'hash') dump.push(JSON.stringify(await admin.hgetall(key)))
    }
    expect(dump.join('\n')).toContain('Authorization') // the header's name is kept, to compare registrations
    expect(dump.join('\n')).not.toContain('s3cr3t')
  })

  it('dispose leaves no connection behind', async () => {
    queue++
    const worker = await instance()
    worker.start()
    await worker.addSource(source({ refreshInterval: 1000 }))
    await worker.syncSource('pets')
    await worker.dispose()
    await instance({ worker: false }).then((dashboard) => dashboard.dispose())
    const clients = (await admin.client('LIST')) as string
    expect(clients.trim().split('\n')).toHaveLength(1) // the test's own
  })
})
