import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { load as loadYaml } from 'js-yaml'
import { parse as parseWithYamlPackage } from 'yaml'
import { parseYamlText } from '../src/formats/parse-document.js'
import { changedSyncRows, SPECS_DIR, type Pair } from './fixtures.js'
import { formatBytes, formatMs, medianMs, type BenchRow } from './harness.js'

const PAIRS_DIR = join(SPECS_DIR, '..', 'pairs')

/** The largest YAML documents of ../shared/fixtures. */
const DOCUMENTS = [join(PAIRS_DIR, 'openai-3.1.new.yaml'), join(PAIRS_DIR, 'stripe-far.new.yaml'), join(SPECS_DIR, 'stripe.2022-04-12.yaml')]

const YAML_PAIRS: Pair[] = [
  { label: 'openai-3.1 old -> new (YAML)', type: 'openapi', before: 'openai-3.1.old.yaml', after: 'openai-3.1.new.yaml', baseline: 'yaml' },
  { label: 'stripe-far old -> new (YAML, 6 months)', type: 'openapi', before: 'stripe-far.old.yaml', after: 'stripe-far.new.yaml', baseline: 'yaml' },
]

/**
 * The choice of YAML parser, by measurement: the `yaml` package (the parser before) against js-yaml,
 * and what parse-document.ts adds to js-yaml (the YAML 1.2 core schema and the alias budget); then
 * changed syncs of real YAML pairs against js-yaml's parse time.
 */
export async function benchYaml(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const file of DOCUMENTS) {
    if (!existsSync(file)) continue
    const text = readFileSync(file, 'utf8')
    const yamlPackage = await medianMs(() => parseWithYamlPackage(text, { maxAliasCount: 1000, uniqueKeys: false, logLevel: 'silent' }), 3)
    const jsYaml = await medianMs(() => loadYaml(text), 5)
    const ours = await medianMs(() => parseYamlText(text), 5)
    const name = file.slice(file.lastIndexOf('/') + 1)
    rows.push({
      benchmark: `YAML parse, ${name} (${formatBytes(statSync(file).size)}): js-yaml / yaml package`,
      measured: `${formatMs(jsYaml)} js-yaml`,
      baseline: `${formatMs(yamlPackage)} yaml`,
      ratio: jsYaml / yamlPackage,
      goal: 'info',
    })
    rows.push({
      benchmark: `  same, parseYamlText (core schema + alias budget) / plain js-yaml load`,
      measured: formatMs(ours),
      baseline: `${formatMs(jsYaml)} js-yaml load`,
      ratio: ours / jsYaml,
      goal: '<= 1.3',
    })
  }
  for (const pair of YAML_PAIRS) {
    const before = join(PAIRS_DIR, pair.before)
    const after = join(PAIRS_DIR, pair.after)
    if (!existsSync(before) || !existsSync(after)) continue
    const afterText = readFileSync(after, 'utf8')
    rows.push(...(await changedSyncRows(pair, readFileSync(before, 'utf8'), afterText)).rows.slice(0, 1))
  }
  return rows
}
