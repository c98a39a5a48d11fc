import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { createRedisLiveSync } from '../src/redis/index.js'
import { redisServerAvailable, startRedisServer } from '../test/helpers/redis-server.js'
import { startRecordingSpecServer, type RecordingSpecServer } from '../test/helpers/recording-spec-server.js'
import { spawnWorker } from '../test/helpers/redis-workers.js'
import type { BenchRow } from './harness.js'

const SOURCES = 200
const ROUNDS = 3
const CONCURRENCY = 16

function skipped(why: string): BenchRow[] {
  return [{ benchmark: 'redis: syncs/s with 1, 2, 4 worker processes', measured: `skipped (${why})`, baseline: '', ratio: Number.NaN, goal: 'report' }]
}

const sources = (spec: RecordingSpecServer) =>
  Array.from({ length: SOURCES }, (_, index) => ({ id: `s${index}`, name: `Source ${index}`, type: 'openapi' as const, url: spec.urlOf(index), refreshInterval: 0 }))

/** Syncs per second of `syncAll` over ROUNDS rounds, after one warm-up round (the first sync of each source). */
async function rate(syncAll: () => Promise<unknown>): Promise<number> {
  await syncAll()
  const start = performance.now()
  for (let round = 0; round < ROUNDS; round++) await syncAll()
  return (SOURCES * ROUNDS) / ((performance.now() - start) / 1000)
}

/**
 * Syncs per second of 200 unchanged sources over HTTP from the same local server: one in-process
 * LiveSyncService (the baseline), then createRedisLiveSync with 1, 2 and 4 worker processes
 * (concurrency 16 each), driven by a dashboard instance's syncAllSources.
 */
export async function benchRedisWorkers(): Promise<BenchRow[]> {
  if (!redisServerAvailable) return skipped('redis-server not installed')
  if (!existsSync(join(import.meta.dirname, '..', 'dist', 'redis.js'))) return skipped('dist/redis.js missing: npm run build')
  const redis = await startRedisServer()
  const spec = await startRecordingSpecServer(SOURCES, 0)
  try {
    const local = new LiveSyncService({ concurrency: CONCURRENCY })
    for (const source of sources(spec)) await local.addSource(source)
    const inProcess = await rate(() => local.syncAllSources())
    await local.dispose()

    const rows: BenchRow[] = []
    let oneWorker = Number.NaN
    for (const count of [1, 2, 4]) {
      const queue = `bench${count}`
      const workers = Array.from({ length: count }, (_, index) => spawnWorker(`w${index}`, { port: redis.port, queue, lockMs: 30_000, concurrency: CONCURRENCY }))
      await Promise.all(workers.map((worker) => worker.ready))
      const dashboard = await createRedisLiveSync({ connection: { host: '127.0.0.1', port: redis.port }, queueName: queue, worker: false })
      for (const source of sources(spec)) await dashboard.addSource(source)
      const measured = await rate(() => dashboard.syncAllSources())
      await dashboard.dispose()
      await Promise.all(workers.map((worker) => worker.stop()))
      if (count === 1) oneWorker = measured
      rows.push({
        benchmark: `redis: ${SOURCES} sources, ${count} worker process${count > 1 ? 'es' : ''}`,
        measured: `${measured.toFixed(0)} syncs/s`,
        baseline: `${inProcess.toFixed(0)} syncs/s in-process queue`,
        ratio: measured / inProcess,
        goal: 'report',
      })
    }
    const overheadMs = 1000 / oneWorker - 1000 / inProcess
    rows.push({
      benchmark: 'redis: overhead per sync vs in-process queue (1 worker)',
      measured: `${overheadMs.toFixed(2)} ms`,
      baseline: `${(1000 / inProcess).toFixed(2)} ms per sync in-process`,
      ratio: (1000 / oneWorker) / (1000 / inProcess),
      goal: 'report',
    })
    return rows
  } finally {
    await spec.close()
    await redis.stop()
  }
}
