/**
 * OpenAPI normalization benchmark: normalize (parse + snapshot + Merkle hashes + canonical
 * summary) against plain JSON.parse on the large fixtures. Run: node --import tsx bench/openapi-normalize.ts
 * Reports the best and median of several warm runs, since other work on the machine adds noise.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { normalizeOpenApi } from '../src/formats/openapi/index.js'

const specs = fileURLToPath(new URL('../../shared/fixtures/specs/', import.meta.url))
const files = [
  'stripe.2022-04-12.json',
  'stripe.2022-04-12.yaml',
  'github-api.2021-10.json',
  'github-api.2020-07.json',
  'kubernetes.v1.33.swagger.json',
  'kubernetes.v1.32.swagger.json',
]
const RUNS = 15

async function timings(run: () => unknown): Promise<{ best: number; median: number }> {
  const times: number[] = []
  for (let index = 0; index < RUNS; index++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { best: times[0]!, median: times[Math.floor(times.length / 2)]! }
}

if (!existsSync(specs)) {
  console.log(`Skipped: fixture folder ${specs} is missing`)
} else {
  for (const file of files) {
    const path = specs + file
    if (!existsSync(path)) continue
    const text = readFileSync(path, 'utf8')
    const yaml = file.endsWith('.yaml')
    const parse = yaml ? undefined : await timings(() => JSON.parse(text))
    let canonicalLength = 0
    const normalize = await timings(async () => {
      canonicalLength = (await normalizeOpenApi(text, { sourceId: file, contentType: yaml ? 'application/yaml' : 'application/json' })).canonical.length
    })
    const ratio = parse === undefined ? '' : `  ratio best ${(normalize.best / parse.best).toFixed(1)}x, median ${(normalize.median / parse.median).toFixed(1)}x`
    console.log(
      `${file.padEnd(32)} ${(text.length / 1e6).toFixed(1)} MB  JSON.parse ${parse === undefined ? '   -  ' : parse.best.toFixed(1).padStart(6)} ms` +
        `  normalize best ${normalize.best.toFixed(1).padStart(6)} ms, median ${normalize.median.toFixed(1).padStart(6)} ms` +
        `  canonical ${(canonicalLength / 1e3).toFixed(0)} kB${ratio}`,
    )
  }
  const memory = process.memoryUsage()
  console.log(`heapUsed ${(memory.heapUsed / 1e6).toFixed(0)} MB, rss ${(memory.rss / 1e6).toFixed(0)} MB`)
}
