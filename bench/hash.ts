import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { idHash as fnvHash } from '../src/collections/ids.js'
import { canonicalJson, fastHash } from '../src/formats/hash.js'
import { SPECS_DIR } from './fixtures.js'
import { formatBytes, medianMs, type BenchRow } from './harness.js'

/**
 * Why `fastHash` is the formats' one hash (issue 10, move 6), by measurement: it (Murmur3 style, four
 * UTF-8 bytes at a time) against the FNV-1a style hash of one UTF-16 unit at a time that Postman and
 * GraphQL used before (it lives on, frozen, for generated ids: `collections/ids.ts`), on the texts
 * they are given: short keys, and the JSON of a real document's parts, bucketed by length.
 */
export async function benchHashes(): Promise<BenchRow[]> {
  const buckets = textBuckets()
  const rows: BenchRow[] = []
  for (const [label, texts] of buckets) {
    const bytes = texts.reduce((sum, text) => sum + text.length, 0)
    // Enough rounds that one run takes some milliseconds.
    const rounds = Math.max(1, Math.round(2_000_000 / Math.max(bytes, 1)))
    const run = (hash: (text: string) => string) => () => {
      let sink = 0
      for (let round = 0; round < rounds; round++) for (const text of texts) sink ^= hash(text).charCodeAt(3)
      return sink
    }
    const fnv = (await medianMs(run(fnvHash), 7, 2)) / rounds
    const murmur = (await medianMs(run(fastHash), 7, 2)) / rounds
    const perText = (ms: number) => `${((ms * 1e6) / texts.length).toFixed(0)} ns/text`
    rows.push({
      benchmark: `hash ${texts.length} ${label} (${formatBytes(bytes)} in all): fastHash / FNV-1a`,
      measured: `${perText(murmur)} fastHash`,
      baseline: `${perText(fnv)} FNV-1a`,
      ratio: murmur / fnv,
      goal: 'info',
    })
  }
  return rows
}

/** Short operation keys, and the JSON of every object of a real document, by length. */
function textBuckets(): Array<[string, string[]]> {
  const file = join(SPECS_DIR, 'stripe.2022-04-12.json')
  const parts: string[] = []
  if (existsSync(file)) collect(JSON.parse(readFileSync(file, 'utf8')), parts, 0)
  else for (let index = 0; index < 5000; index++) parts.push(canonicalJson({ index, name: `part ${index}`, items: Array.from({ length: index % 40 }, (_, item) => ({ item })) }))
  const keys = Array.from({ length: 5000 }, (_, index) => `GET /v1/resources/{}/items/${index}`)
  const sized = (min: number, max: number) => parts.filter((text) => text.length >= min && text.length < max)
  return [
    ['operation keys (~32 chars)', keys],
    ['document parts of 64 B-1 KiB', sized(64, 1024)],
    ['document parts of 1-16 KiB', sized(1024, 16 * 1024)],
    ['document parts of 16 KiB-1 MiB', sized(16 * 1024, 1024 * 1024)],
  ]
}

function collect(value: unknown, into: string[], depth: number): void {
  if (typeof value !== 'object' || value === null || depth > 6) return
  into.push(JSON.stringify(value))
  for (const child of Object.values(value)) collect(child, into, depth + 1)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchHashes()) console.log(`${row.benchmark}: ${row.measured} vs ${row.baseline} (ratio ${row.ratio.toFixed(2)})`)
}
