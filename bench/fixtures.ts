import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import microdiff from 'microdiff'
import { diff as scalarDiff } from '@scalar/json-diff'
import { load as loadYaml } from 'js-yaml'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import type { LoadResult, SourceLoader } from '../src/model/loader.js'
import type { SourceType } from '../src/model/identity.js'
import { defaultFormats } from '../src/formats/default-formats.js'
import { textReportLines } from '../src/report/text.js'
import { formatBytes, formatMs, heapUsed, medianMs, type BenchRow } from './harness.js'

/** The real documents live beside the project, not in it: users' machines do not have them. */
export const SPECS_DIR = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'specs')
/** Version pairs of real documents (`<pair>.old.<ext>` / `<pair>.new.<ext>`), beside the project too. */
export const PAIRS_DIR = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'pairs')

export interface Pair {
  label: string
  type: SourceType
  before: string
  after: string
  /** The parser that dominates for this syntax, used as the baseline. */
  baseline: 'json' | 'yaml' | 'graphql'
}

const PAIRS: Pair[] = [
  { label: 'github-api 2020-07 -> 2021-01', type: 'openapi', before: 'github-api.2020-07.json', after: 'github-api.2021-01.json', baseline: 'json' },
  { label: 'github-api 2021-01 -> 2021-10', type: 'openapi', before: 'github-api.2021-01.json', after: 'github-api.2021-10.json', baseline: 'json' },
  { label: 'stripe 2021-04 -> 2022-04-12', type: 'openapi', before: 'stripe.2021-04.json', after: 'stripe.2022-04-12.json', baseline: 'json' },
  { label: 'stripe 2021-04 -> 2022-04-07', type: 'openapi', before: 'stripe.2021-04.json', after: 'stripe.2022-04-07.json', baseline: 'json' },
  { label: 'stripe 2022-04-07 -> 2022-04-12', type: 'openapi', before: 'stripe.2022-04-07.json', after: 'stripe.2022-04-12.json', baseline: 'json' },
  { label: 'kubernetes 1.32 -> 1.33', type: 'openapi', before: 'kubernetes.v1.32.swagger.json', after: 'kubernetes.v1.33.swagger.json', baseline: 'json' },
  { label: 'stripe postman 2023-06 -> 2024-04', type: 'postman', before: 'stripe.postman.2023-06.json', after: 'stripe.postman.2024-04.json', baseline: 'json' },
  { label: 'github graphql 2024-02 -> 2025-02 (SDL)', type: 'graphql', before: 'github.2024-02.schema.graphql', after: 'github.2025-02.schema.graphql', baseline: 'graphql' },
  ...pairsOf([
    ['stripe-close', 'openapi', 'json'],
    ['box', 'openapi', 'json'],
    ['discord-3.1', 'openapi', 'json'],
    ['twilio-api', 'openapi', 'json'],
    ['kratos-2.0', 'openapi', 'json'],
    ['stripe-far', 'openapi', 'yaml'],
    ['openai-3.1', 'openapi', 'yaml'],
    ['openai-3.0', 'openapi', 'yaml'],
    ['netlify-2.0', 'openapi', 'yaml'],
    ['alertmanager-2.0', 'openapi', 'yaml'],
    ['twilio-events', 'openapi', 'yaml'],
  ]),
]

/** Pairs of ../shared/fixtures/pairs, by name (files named relative to SPECS_DIR). */
function pairsOf(entries: Array<[string, SourceType, 'json' | 'yaml']>): Pair[] {
  return entries.map(([name, type, syntax]) => ({
    label: `pairs/${name}`,
    type,
    before: join('..', 'pairs', `${name}.old.${syntax}`),
    after: join('..', 'pairs', `${name}.new.${syntax}`),
    baseline: syntax,
  }))
}

/**
 * A loader that serves whatever text the benchmark sets for a source, with its bytes, as the HTTP and
 * file loaders do (they have the bytes before decoding them).
 */
export function settableLoader(): SourceLoader & { serve(id: string, text: string): void } {
  const documents = new Map<string, { content: string; bytes: Uint8Array }>()
  const encoder = new TextEncoder()
  return {
    serve: (id, text) => void documents.set(id, { content: text, bytes: encoder.encode(text) }),
    async load(source): Promise<LoadResult> {
      const document = documents.get(source.id)!
      return { ...document, contentType: source.url?.endsWith('.yaml') ? 'application/yaml' : undefined }
    },
  }
}

async function baselineParse(kind: Pair['baseline'], text: string): Promise<void> {
  if (kind === 'json') JSON.parse(text)
  else if (kind === 'yaml') loadYaml(text)
  // assumeValidSDL: GitHub's 2025-02 SDL defines two fields twice, which full validation rejects.
  else (await import('graphql')).buildSchema(text, { assumeValidSDL: true })
}

function read(name: string): string {
  return readFileSync(join(SPECS_DIR, name), 'utf8')
}

async function newService(loader: SourceLoader, id: string, type: SourceType, url: string): Promise<LiveSyncService> {
  const service = new LiveSyncService({ loader, concurrency: 1 })
  await service.addSource({ id, name: id, type, url, refreshInterval: 0 })
  return service
}

/** A measured task and its baseline parse, timed in alternation (see `fullSyncMs`). */
export interface PairedTiming {
  /** Median time of the task. */
  ms: number
  /** Median time of the baseline parse of the new document, measured between the task's runs. */
  baselineMs: number
  /** Median of the per-round ratios task / baseline. */
  ratio: number
}

/** Median of a list (the mean of the middle two for an even length). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Rounds of a task, each preceded by one baseline parse of the new document: on a shared machine
 * whose speed drifts (`JSON.parse` of the same 4 MB document took 12-24 ms within one run), a ratio
 * of times measured side by side is stable where a ratio of times measured minutes apart is not.
 * The first round warms up and is dropped.
 */
async function pairedRounds(pair: Pair, afterText: string, rounds: number, task: () => Promise<number>): Promise<PairedTiming> {
  const times: number[] = []
  const baselines: number[] = []
  for (let round = 0; round <= rounds; round++) {
    const start = performance.now()
    await baselineParse(pair.baseline, afterText)
    const baselineMs = performance.now() - start
    const ms = await task()
    if (round === 0) continue
    times.push(ms)
    baselines.push(baselineMs)
  }
  return { ms: median(times), baselineMs: median(baselines), ratio: median(times.map((ms, index) => ms / baselines[index]!)) }
}

/** A full sync from `before` to `after` (parse, normalize, fingerprint, diff), on a fresh baseline each round, against the baseline parse. */
export async function fullSyncMs(pair: Pair, beforeText: string, afterText: string): Promise<PairedTiming & { summary: string }> {
  const loader = settableLoader()
  const service = await newService(loader, 'pair', pair.type, `http://127.0.0.1/${pair.after}`)
  let summary = ''
  const timing = await pairedRounds(pair, afterText, 5, async () => {
    loader.serve('pair', beforeText)
    await service.syncSource('pair')
    loader.serve('pair', afterText)
    const start = performance.now()
    const result = await service.syncSource('pair')
    const ms = performance.now() - start
    if (result.status !== 'success') throw new Error(`${pair.label}: ${result.error?.message}`)
    const s = result.changes!.summary
    summary = `+${s.added} -${s.removed} ~${s.modified}, ${s.breaking + s.warning + s.info} causes (${s.breaking} breaking), ${result.changes!.modified.reduce((sum, entry) => sum + entry.changes.length, 0)} per-operation entries, ${textReportLines(result.changes!).length} lines of text report`
    return ms
  })
  await service.dispose()
  return { ...timing, summary }
}

/** The format's diff alone, on snapshots normalized once, against the baseline parse. */
async function diffAloneMs(pair: Pair, beforeText: string, afterText: string): Promise<PairedTiming> {
  const format = defaultFormats().find((candidate) => candidate.type === pair.type)!
  const read = async (text: string, file: string) => ({
    ...(await format.normalize(text, { sourceId: file, contentType: file.endsWith('.yaml') ? 'application/yaml' : undefined })).snapshot,
    fingerprint: file,
  })
  const before = await read(beforeText, pair.before)
  const after = await read(afterText, pair.after)
  return pairedRounds(pair, afterText, 5, async () => {
    const start = performance.now()
    format.diff(before, after)
    return performance.now() - start
  })
}

/** The rows of one pair's changed sync (and its diff alone, outside GraphQL), against the baseline parser. */
export async function changedSyncRows(pair: Pair, beforeText: string, afterText: string): Promise<{ rows: BenchRow[]; full: PairedTiming & { summary: string } }> {
  const parser = pair.baseline === 'json' ? 'JSON.parse' : pair.baseline === 'yaml' ? 'js-yaml load' : 'buildSchema'
  const full = await fullSyncMs(pair, beforeText, afterText)
  const rows: BenchRow[] = [
    { benchmark: `full changed sync, ${pair.label}: ${full.summary}`, measured: formatMs(full.ms), baseline: `${formatMs(full.baselineMs)} ${parser}`, ratio: full.ratio, goal: '<= 3' },
  ]
  if (pair.type !== 'graphql') {
    const diff = await diffAloneMs(pair, beforeText, afterText)
    rows.push({ benchmark: `  diff alone, ${pair.label}`, measured: formatMs(diff.ms), baseline: `${formatMs(diff.baselineMs)} ${parser}`, ratio: diff.ratio, goal: '<= 1' })
  }
  return { rows, full }
}

async function unchangedSyncMs(type: SourceType, file: string, text: string): Promise<number> {
  const loader = settableLoader()
  loader.serve('same', text)
  const service = await newService(loader, 'same', type, `http://127.0.0.1/${file}`)
  await service.syncSource('same')
  const ms = await medianMs(() => service.syncSource('same'), 7)
  await service.dispose()
  return ms
}

async function snapshotBytes(type: SourceType, file: string, text: string): Promise<number> {
  const loader = settableLoader()
  loader.serve('mem', text)
  const service = await newService(loader, 'mem', type, `http://127.0.0.1/${file}`)
  const before = heapUsed()
  await service.syncSource('mem')
  const after = heapUsed()
  const snapshot = service.getSnapshot('mem')
  await service.dispose()
  void snapshot
  return after - before
}

export async function benchFixtures(): Promise<BenchRow[]> {
  if (!existsSync(SPECS_DIR)) {
    process.stderr.write(`skipping fixture benchmarks: ${SPECS_DIR} is missing (it ships beside the repository, not in the package)\n`)
    return []
  }
  const rows: BenchRow[] = []

  // Unchanged re-sync of the largest JSON document: only a hash of the raw bytes.
  const largest = 'stripe.2022-04-12.json'
  const largestText = read(largest)
  const parseMs = await medianMs(() => JSON.parse(largestText), 7)
  const unchangedMs = await unchangedSyncMs('openapi', largest, largestText)
  rows.push({
    benchmark: `unchanged re-sync, ${largest} (${formatBytes(statSync(join(SPECS_DIR, largest)).size)})`,
    measured: formatMs(unchangedMs),
    baseline: `${formatMs(parseMs)} JSON.parse`,
    ratio: unchangedMs / parseMs,
    goal: '<= 0.5',
  })

  for (const pair of PAIRS) {
    if (!existsSync(join(SPECS_DIR, pair.before)) || !existsSync(join(SPECS_DIR, pair.after))) continue
    const beforeText = read(pair.before)
    const afterText = read(pair.after)
    const { rows: pairRows, full } = await changedSyncRows(pair, beforeText, afterText)
    rows.push(...pairRows)
    if (pair.baseline === 'json' && !pair.label.startsWith('pairs/')) {
      const oldObject = JSON.parse(beforeText)
      const micro = await medianMs(() => microdiff(oldObject, JSON.parse(afterText)), 3)
      const scalar = await medianMs(() => scalarDiff(oldObject, JSON.parse(afterText)), 3)
      rows.push({
        benchmark: `  same pair, parse + microdiff / @scalar/json-diff (untyped)`,
        measured: `${formatMs(micro)} / ${formatMs(scalar)}`,
        baseline: `${formatMs(full.ms)} api-live-sync`,
        ratio: full.ms / micro,
        goal: 'info',
      })
    }
  }

  // YAML: Stripe's YAML twin, against js-yaml's own load (the faster parser, see bench/yaml.ts).
  const yamlFile = 'stripe.2022-04-12.yaml'
  if (existsSync(join(SPECS_DIR, yamlFile))) {
    const yamlText = read(yamlFile)
    const yamlParse = await medianMs(() => loadYaml(yamlText), 3)
    const unchangedYaml = await unchangedSyncMs('openapi', yamlFile, yamlText)
    rows.push({
      benchmark: `unchanged re-sync, ${yamlFile}`,
      measured: formatMs(unchangedYaml),
      baseline: `${formatMs(yamlParse)} js-yaml load`,
      ratio: unchangedYaml / yamlParse,
      goal: '<= 0.5',
    })
    const yamlPair: Pair = { label: 'stripe 2022-04-07 json -> 2022-04-12 yaml', type: 'openapi', before: 'stripe.2022-04-07.json', after: yamlFile, baseline: 'yaml' }
    rows.push(...(await changedSyncRows(yamlPair, read(yamlPair.before), yamlText)).rows.slice(0, 1))
  }

  // GraphQL SDL unchanged: hashing the text first means buildSchema never runs.
  const sdl = 'github.2025-02.schema.graphql'
  if (existsSync(join(SPECS_DIR, sdl))) {
    const sdlText = read(sdl)
    const build = await medianMs(() => baselineParse('graphql', sdlText), 3)
    const unchangedSdl = await unchangedSyncMs('graphql', sdl, sdlText)
    rows.push({
      benchmark: `unchanged re-sync, ${sdl}`,
      measured: formatMs(unchangedSdl),
      baseline: `${formatMs(build)} graphql buildSchema`,
      ratio: unchangedSdl / build,
      goal: '<= 0.5',
    })
  }

  // Retained memory of one snapshot, as a share of the document's size.
  for (const [type, file] of [
    ['openapi', 'stripe.2022-04-12.json'],
    ['openapi', 'github-api.2021-10.json'],
    ['openapi', 'kubernetes.v1.33.swagger.json'],
  ] as Array<[SourceType, string]>) {
    if (!existsSync(join(SPECS_DIR, file))) continue
    const text = read(file)
    const bytes = await snapshotBytes(type, file, text)
    const size = statSync(join(SPECS_DIR, file)).size
    rows.push({
      benchmark: `retained snapshot memory, ${file}`,
      measured: formatBytes(bytes),
      baseline: `${formatBytes(size)} document`,
      ratio: bytes / size,
      goal: '<= 1.5',
    })
  }
  return rows
}
