import PQueue from 'p-queue'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { sha256Hex } from '../src/formats/hash.js'
import type { LoadResult, SourceLoader } from '../src/model/loader.js'
import { formatBytes, heapUsed, type BenchRow } from './harness.js'

const SOURCES = 10_000
const CONCURRENCY = 64

function smallDocument(version: number): string {
  const paths: Record<string, unknown> = {}
  for (let index = 0; index < 8; index++) {
    paths[`/things${index}/{id}`] = {
      get: {
        operationId: `getThing${index}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } },
      },
    }
  }
  if (version === 2) paths['/extra'] = { post: { responses: { '201': { description: 'created' } } } }
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Bench', version: String(version) }, paths })
}

/** Alternates between two documents per source, so every other sync of a source sees a change. */
function alternatingLoader(): SourceLoader & { reset(): void } {
  const documents = [smallDocument(1), smallDocument(2)]
  const counts = new Map<string, number>()
  return {
    async load(source): Promise<LoadResult> {
      const count = counts.get(source.id) ?? 0
      counts.set(source.id, count + 1)
      return { content: documents[count % 2]!, contentType: 'application/json' }
    },
    reset: () => counts.clear(),
  }
}

/** The same load, hash, parse, fingerprint and diff work pushed through a bare p-queue. */
async function barePipeline(rounds: number): Promise<number> {
  const loader = alternatingLoader()
  const queue = new PQueue({ concurrency: CONCURRENCY })
  const last = new Map<string, { hash: string; snapshot: Awaited<ReturnType<typeof normalize>> }>()
  const controller = new AbortController()
  const start = performance.now()
  for (let round = 0; round < rounds; round++) {
    const tasks: Array<Promise<unknown>> = []
    for (let index = 0; index < SOURCES; index++) {
      const id = `s${index}`
      tasks.push(
        queue.add(async () => {
          const loaded = await loader.load({ id } as never, { signal: controller.signal, maxBytes: 1 << 30 })
          if (loaded.notModified) return
          const hash = await sha256Hex(loaded.content)
          const previous = last.get(id)
          if (previous?.hash === hash) return
          const snapshot = await normalize(loaded.content, id)
          if (previous && previous.snapshot.fingerprint !== snapshot.fingerprint) openapiFormat.diff(previous.snapshot, snapshot)
          last.set(id, { hash, snapshot })
        }),
      )
    }
    await Promise.all(tasks)
  }
  return performance.now() - start
}

async function normalize(text: string, sourceId: string) {
  const { snapshot, canonical } = await openapiFormat.normalize(text, { sourceId, contentType: 'application/json' })
  return { ...snapshot, fingerprint: await sha256Hex(canonical) }
}

async function servicePipeline(rounds: number): Promise<{ ms: number; bytesPerSource: number }> {
  const loader = alternatingLoader()
  const heapBefore = heapUsed()
  const service = new LiveSyncService({ loader, concurrency: CONCURRENCY })
  for (let index = 0; index < SOURCES; index++) {
    await service.addSource({ id: `s${index}`, name: `Source ${index}`, type: 'openapi', url: `http://127.0.0.1/${index}`, refreshInterval: 0 })
  }
  const start = performance.now()
  for (let round = 0; round < rounds; round++) await service.syncAllSources()
  const ms = performance.now() - start
  // Retained heap per source: the service's growth over its sources, minus the snapshot each holds.
  const heapAfter = heapUsed()
  const bytesPerSource = (heapAfter - heapBefore) / SOURCES - (await snapshotSize())
  await service.dispose()
  return { ms, bytesPerSource }
}

/** Heap taken by one snapshot of the small document (averaged over many). */
async function snapshotSize(): Promise<number> {
  const count = 2000
  const document = smallDocument(2)
  for (let index = 0; index < 200; index++) await normalize(document, 'warm-up') // so garbage of first runs is not counted
  const before = heapUsed()
  const kept = []
  for (let index = 0; index < count; index++) kept.push(await normalize(document, `m${index}`))
  const afterBytes = heapUsed()
  // Read after the measurement, so the snapshots stay alive through it.
  if (kept.length !== count) throw new Error('unreachable')
  return (afterBytes - before) / count
}

export async function benchServiceOverhead(): Promise<BenchRow[]> {
  const rounds = 4
  // Alternate the two pipelines and keep each one's best run, so JIT warm-up and GC timing favour neither.
  let bareMs = Infinity
  let service = { ms: Infinity, bytesPerSource: 0 }
  for (let trial = 0; trial < 3; trial++) {
    bareMs = Math.min(bareMs, await barePipeline(rounds))
    const measured = await servicePipeline(rounds)
    if (measured.ms < service.ms) service = measured
  }
  const syncs = SOURCES * rounds
  const bareRate = syncs / (bareMs / 1000)
  const serviceRate = syncs / (service.ms / 1000)
  return [
    {
      benchmark: `service overhead (${SOURCES} sources x ${rounds} syncAllSources, concurrency ${CONCURRENCY})`,
      measured: `${Math.round(serviceRate)} syncs/s`,
      baseline: `${Math.round(bareRate)} syncs/s (bare p-queue)`,
      ratio: bareRate / serviceRate,
      goal: '<= 1.5',
    },
    {
      benchmark: 'retained heap per registered source (beyond its snapshot)',
      measured: formatBytes(service.bytesPerSource),
      baseline: '4 KiB',
      ratio: service.bytesPerSource / 4096,
      goal: '<= 1',
    },
  ]
}
