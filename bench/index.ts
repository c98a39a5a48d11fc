import os from 'node:os'
import { printTable, type BenchRow } from './harness.js'
import { benchServiceOverhead } from './service-overhead.js'
import { benchFixtures } from './fixtures.js'
import { benchMerge } from './merge.js'
import { benchEtagPoll } from './etag-poll.js'
import { benchYaml } from './yaml.js'
import { benchHashes } from './hash.js'
import { benchGraphqlCollection } from './graphql-collection.js'
import { benchEventLoopBlocks } from './event-loop-block.js'
import { benchRedisWorkers } from './redis-workers.js'
import { formatMs } from './harness.js'

async function mergeRows(): Promise<BenchRow[]> {
  const { generateMs, mergeMs, ratio } = await benchMerge()
  return [
    {
      benchmark: 'merge 1,000-operation collection, 100 changed',
      measured: formatMs(mergeMs),
      baseline: `${formatMs(generateMs)} generateCollection`,
      ratio,
      goal: '<= 5',
    },
  ]
}

async function graphqlCollectionRows(): Promise<BenchRow[]> {
  const { smallMs, largeMs, ratio } = await benchGraphqlCollection()
  return [
    {
      benchmark: 'generateCollection, GraphQL 60,000 root fields',
      measured: formatMs(largeMs),
      baseline: `${formatMs(smallMs)} at 6,000 root fields`,
      ratio,
      goal: '<= 15 (linear: ~10)',
    },
  ]
}

/** Runs every benchmark and prints one table of figures with ratios against baselines measured in the same run. */
async function main(): Promise<void> {
  const rows: BenchRow[] = []
  const benches: Array<[string, () => Promise<BenchRow[]>]> = [
    ['service overhead', benchServiceOverhead],
    ['real fixtures', benchFixtures],
    ['collection merge', mergeRows],
    ['ETag polling', benchEtagPoll],
    ['YAML parsing', benchYaml],
    ['fast hash', benchHashes],
    ['GraphQL collection generation', graphqlCollectionRows],
    ['event-loop blocks', benchEventLoopBlocks],
    ['Redis workers', benchRedisWorkers],
  ]
  for (const [name, bench] of benches) {
    process.stderr.write(`running ${name}...\n`)
    rows.push(...(await bench()))
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  console.log(`\napi-live-sync benchmarks — node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB\n`)
  printTable(rows)
}

await main()
