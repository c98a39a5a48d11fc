import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import type { LoadResult, SourceLoader } from '../src/model/loader.js'
import type { SourceType } from '../src/model/identity.js'
import { SPECS_DIR } from './fixtures.js'
import { formatMs, type BenchRow } from './harness.js'

/**
 * The longest the event loop stays blocked during one sync (issue 11, item 9): a host's timers,
 * requests and UI wait at most this long while a large document is synced. Measured with
 * `monitorEventLoopDelay`, against the sync's whole duration (the block if nothing yielded).
 */

interface Case {
  label: string
  type: SourceType
  before: () => string
  after: () => string
}

/** A 3.0 document with `count` paths, ~15 MB at 100,000, each with a parameter and a response. */
export function manyPathsDocument(count: number, variant = 0): string {
  const paths: Record<string, unknown> = {}
  for (let index = 0; index < count; index++) {
    paths[`/resource${index}/items/{id}`] = {
      get: {
        operationId: `getItem${index}`,
        summary: `Reads item of resource ${index}${variant && index % 1000 === 0 ? ' (v2)' : ''}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The item', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    }
  }
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Many paths', version: String(variant) }, paths })
}

/** An SDL of `count` object types, each pointing at the next, reachable from `Query`. */
export function chainedTypesSdl(count: number, variant = 0): string {
  const lines = ['type Query { first: T0 }']
  for (let index = 0; index < count; index++) {
    const next = index + 1 < count ? `next: T${index + 1}` : 'end: String'
    lines.push(`type T${index} { id: ID! ${next}${variant && index % 1000 === 0 ? ' extra: Int' : ''} }`)
  }
  return lines.join('\n')
}

function settableLoader(): SourceLoader & { serve(text: string): void } {
  let document = { content: '', bytes: new Uint8Array() }
  const encoder = new TextEncoder()
  return {
    serve: (text) => void (document = { content: text, bytes: encoder.encode(text) }),
    async load(): Promise<LoadResult> {
      return document
    },
  }
}

/** Longest event-loop block and total time of one sync. */
async function measure(service: LiveSyncService, id: string): Promise<{ blockMs: number; totalMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 })
  histogram.enable()
  const start = performance.now()
  const result = await service.syncSource(id)
  const totalMs = performance.now() - start
  histogram.disable()
  if (result.status !== 'success') throw new Error(`${id}: ${result.error?.message}`)
  return { blockMs: histogram.max / 1e6, totalMs }
}

async function blockRows(testCase: Case): Promise<BenchRow[]> {
  const loader = settableLoader()
  const service = new LiveSyncService({ loader, concurrency: 1 })
  await service.addSource({ id: 'block', name: 'block', type: testCase.type, url: 'http://127.0.0.1/doc', refreshInterval: 0 })
  loader.serve(testCase.before())
  const first = await measure(service, 'block')
  loader.serve(testCase.after())
  const changed = await measure(service, 'block')
  await service.dispose()
  return [
    { benchmark: `longest event-loop block, first sync, ${testCase.label}`, measured: formatMs(first.blockMs), baseline: `${formatMs(first.totalMs)} whole sync`, ratio: first.blockMs / first.totalMs, goal: '<= 0.5' },
    { benchmark: `longest event-loop block, changed sync, ${testCase.label}`, measured: formatMs(changed.blockMs), baseline: `${formatMs(changed.totalMs)} whole sync`, ratio: changed.blockMs / changed.totalMs, goal: '<= 0.5' },
  ]
}

function fixture(name: string): (() => string) | undefined {
  const path = join(SPECS_DIR, name)
  return existsSync(path) ? () => readFileSync(path, 'utf8') : undefined
}

/** Synthetic sizes of the issue; `BENCH_BLOCK_SIZE` scales them down on a busy machine. */
const SIZE = Number(process.env.BENCH_BLOCK_SIZE ?? 100_000)
/** `BENCH_BLOCK_TYPE=graphql` (or `openapi`) measures only the cases of that format. */
const ONLY_TYPE = process.env.BENCH_BLOCK_TYPE

export async function benchEventLoopBlocks(): Promise<BenchRow[]> {
  const size = SIZE.toLocaleString('en-US')
  const cases: Case[] = [
    { label: `${size} paths`, type: 'openapi', before: () => manyPathsDocument(SIZE), after: () => manyPathsDocument(SIZE, 1) },
    { label: `${size} chained GraphQL types`, type: 'graphql', before: () => chainedTypesSdl(SIZE), after: () => chainedTypesSdl(SIZE, 1) },
  ]
  const stripeBefore = fixture('stripe.2022-04-07.json')
  const stripeAfter = fixture('stripe.2022-04-12.json')
  if (stripeBefore && stripeAfter) cases.unshift({ label: 'stripe 2022-04-07 -> 2022-04-12', type: 'openapi', before: stripeBefore, after: stripeAfter })
  const githubBefore = fixture('github.2024-02.schema.graphql')
  const githubAfter = fixture('github.2025-02.schema.graphql')
  if (githubBefore && githubAfter) cases.splice(1, 0, { label: 'github graphql 2024-02 -> 2025-02', type: 'graphql', before: githubBefore, after: githubAfter })
  const rows: BenchRow[] = []
  for (const testCase of cases.filter((item) => ONLY_TYPE === undefined || item.type === ONLY_TYPE)) rows.push(...(await blockRows(testCase)))
  return rows
}

// `node --import tsx bench/event-loop-block.ts` runs this benchmark alone.
if (process.argv[1]?.endsWith('event-loop-block.ts')) {
  const { printTable } = await import('./harness.js')
  printTable(await benchEventLoopBlocks())
}
