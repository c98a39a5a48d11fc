import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../src/formats/hash.js'
import { createRedisLiveSync, type RedisLiveSync } from '../src/redis/index.js'
import { sourceDocument, startRecordingSpecServer, type RecordingSpecServer } from './helpers/recording-spec-server.js'
import { REDIS_SKIP_MESSAGE, skipRedisTests, startRedisServer, type RedisServerHandle } from './helpers/redis-server.js'
import { spawnWorker, type WorkerProcess } from './helpers/redis-workers.js'

const SOURCES = 200
/** Poll interval of every source: long enough for 200 syncs per interval on a loaded 2-core machine. */
const INTERVAL = 2000
/** How long a killed worker's source lock outlives it. */
const LOCK_MS = 1500
const QUEUE = 'acceptance'

// One bounded run (about 15 s) shared by the assertions below: 3 worker processes, 200 sources,
// a document change in the middle, then kill -9 of one worker while it has a fetch in flight.
describe.skipIf(skipRedisTests)(`3 worker processes sharing 200 sources through Redis ${skipRedisTests ? REDIS_SKIP_MESSAGE : ''}`, () => {
  let redisServer: RedisServerHandle
  let spec: RecordingSpecServer
  let dashboard: RedisLiveSync
  let workers: WorkerProcess[] = []
  const dashboardChanges = new Map<string, number>()
  let changedAt = 0
  let killedAt = 0
  let heldSource = -1
  let stored: Map<number, string | undefined>

  beforeAll(async () => {
    if (!existsSync(join(import.meta.dirname, '..', 'dist', 'redis.js'))) throw new Error('dist/redis.js is missing: run `npm run build` first')
    redisServer = await startRedisServer()
    spec = await startRecordingSpecServer(SOURCES)
    // The test process is a dashboard: it registers the sources and listens, and runs no worker.
    dashboard = await createRedisLiveSync({ connection: { host: '127.0.0.1', port: redisServer.port }, queueName: QUEUE, worker: false })
    dashboard.on('changes:detected', ({ sourceId }) => dashboardChanges.set(sourceId, (dashboardChanges.get(sourceId) ?? 0) + 1))
    const env = { port: redisServer.port, queue: QUEUE, lockMs: LOCK_MS }
    workers = ['w1', 'w2', 'w3'].map((name) => spawnWorker(name, env))
    await Promise.all(workers.map((worker) => worker.ready))
    for (let index = 0; index < SOURCES; index++) {
      await dashboard.addSource({ id: `s${index}`, name: `Source ${index}`, type: 'openapi', url: spec.urlOf(index), refreshInterval: INTERVAL })
    }

    await spec.until('every source was fetched twice', () => spec.logs.every((log) => log.starts.length >= 2))
    spec.documents[0] = sourceDocument(0, 2)
    changedAt = Date.now()
    await spec.until('the changed source was fetched twice more and every source four times', () =>
      spec.logs[0]!.starts.filter((at) => at > changedAt).length >= 2 && spec.logs.every((log) => log.starts.length >= 4),
    )

    heldSource = await spec.holdNextFrom('w3')
    workers[2]!.child.kill('SIGKILL')
    killedAt = Date.now()
    await workers[2]!.exited
    await spec.until('every source was fetched twice after the kill', () =>
      spec.logs.every((log) => log.starts.filter((at) => at > killedAt).length >= 2),
    )

    // Graceful stops finish the syncs in flight, so every document served whole is committed.
    await Promise.all(workers.slice(0, 2).map((worker) => worker.stop()))
    const admin = new Redis(redisServer.port, '127.0.0.1')
    stored = new Map()
    for (let index = 0; index < SOURCES; index++) {
      const text = await admin.hget(`als:${QUEUE}:state:source:s${index}`, 'value')
      stored.set(index, text === null ? undefined : (JSON.parse(text) as { contentHash?: string }).contentHash)
    }
    await admin.quit()
  }, 90_000)

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()))
    await dashboard?.dispose()
    await spec?.close()
    await redisServer?.stop()
  })

  it('never has two fetches of one source in flight', () => {
    expect(spec.logs.filter((log) => log.overlaps > 0).map((_, index) => `s${index}`)).toEqual([])
  })

  it('fetches every source about once per interval in total, as one instance would (not three times)', () => {
    for (const [index, log] of spec.logs.entries()) {
      const span = log.starts.at(-1)! - log.starts[0]!
      // One instance polls span/INTERVAL + 1 times, and one slack for a poll that lands at the edge of the
      // span; three uncoordinated instances would poll three times that. Any source may get one more: a
      // job the killed worker had taken (fetched or not yet: the server cannot tell) is retried by
      // another worker after its lock expires (stalled-job recovery).
      const allowed = Math.floor(span / INTERVAL) + 3
      const starts = log.starts.map((at, i) => `${at - log.starts[0]!}${log.workers[i]}`).join(',')
      expect(log.starts.length, `s${index} (held: s${heldSource}, killed at ${killedAt - log.starts[0]!}), starts ${starts}`).toBeLessThanOrEqual(allowed)
    }
  })

  it('spreads the syncs over the three workers', () => {
    const byWorker = new Set(spec.logs.flatMap((log) => log.workers))
    expect([...byWorker].sort()).toEqual(['w1', 'w2', 'w3'])
  })

  it('fetches every source within its interval tolerance before the kill', () => {
    const late: string[] = []
    for (const [index, log] of spec.logs.entries()) {
      const before = log.starts.filter((at) => at <= killedAt)
      for (let i = 1; i < before.length; i++) if (before[i]! - before[i - 1]! > 2 * INTERVAL) late.push(`s${index}`)
    }
    expect(late).toEqual([])
  })

  it('after kill -9 of a worker mid-sync, its source and all others are polled again within two intervals (after its lock expires)', () => {
    const waits = spec.logs.map((log) => log.starts.find((at) => at > killedAt)! - killedAt)
    expect(waits.filter((wait) => wait > 2 * INTERVAL + LOCK_MS)).toEqual([])
    expect(heldSource).toBeGreaterThanOrEqual(0)
  })

  it('reports the one document change once per listening instance, the dashboard included', () => {
    // Each instance heard s0 change twice: its first sync (everything added) and the edit; the killed worker is not counted.
    expect(dashboardChanges.get('s0')).toBe(2)
    for (const worker of workers.slice(0, 2)) expect(worker.changes.get('s0'), worker.name).toBe(2)
    expect(dashboardChanges.get('s1')).toBe(1)
  })

  it('loses and rolls back no baseline: each stored snapshot is of the last document served whole', async () => {
    const wrong: string[] = []
    for (const [index, log] of spec.logs.entries()) {
      if (stored.get(index) !== (await sha256Hex(log.lastServedWhole!))) wrong.push(`s${index}`)
    }
    expect(wrong).toEqual([])
  })
})
