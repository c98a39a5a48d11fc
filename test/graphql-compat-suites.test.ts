import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Severity } from '../src/model/change.js'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'

/**
 * Runs the 151 GraphQL cases of the qubership compatibility suites (see
 * ../shared/fixtures/specs/SOURCES.md) and compares our most severe change per case with their
 * labels. Their labels are one tool's conventions, so the test pins agreement rather than
 * demanding all of it; docs/compat-suites-graphql.md explains each disagreement kept on purpose.
 */
const suitesRoot = join(import.meta.dirname, '../../shared/fixtures/specs/compat-suites')
const graphqlRoot = join(suitesRoot, 'graphql')
const available = existsSync(graphqlRoot) && existsSync(join(suitesRoot, 'labels.json'))

/** Agreement reached when this test was written: it may rise, never fall. */
const MIN_AGREEING_CASES = 107

type Verdict = Severity | 'none'
type Expected = Verdict | 'unclassified' | 'unlabeled'

interface Label {
  spec: string
  suite: string
  testId: string
  expectedTypes: string[]
  expectsNoDiffs: boolean
  dataDir: string
}

interface CaseResult {
  suite: string
  name: string
  expected: Expected
  ours: Verdict
  kinds: string[]
  error?: string
}

const LABEL_SEVERITY: Record<string, Severity> = {
  breaking: 'breaking',
  risky: 'warning',
  dangerous: 'warning',
  'non-breaking': 'info',
  annotation: 'info',
  deprecated: 'info',
}
const RANK: Record<Verdict, number> = { breaking: 0, warning: 1, info: 2, none: 3 }

function expectedVerdict(label: Label | undefined): Expected {
  if (label === undefined) return 'unlabeled'
  if (label.expectsNoDiffs) return 'none'
  const mapped = label.expectedTypes.map((type) => LABEL_SEVERITY[type]).filter((severity): severity is Severity => severity !== undefined)
  if (mapped.length === 0) return 'unclassified'
  return mapped.sort((a, b) => RANK[a] - RANK[b])[0]!
}

async function snapshotOf(path: string, sourceId: string): Promise<ApiSnapshot> {
  const { snapshot, canonical } = await graphqlFormat.normalize(readFileSync(path, 'utf8'), { sourceId })
  return { ...snapshot, fingerprint: canonical }
}

async function runCase(suite: string, name: string, label: Label | undefined): Promise<CaseResult> {
  const dir = join(graphqlRoot, suite, name)
  const expected = expectedVerdict(label)
  try {
    const before = await snapshotOf(join(dir, 'before.graphql'), `${suite}/${name}/before`)
    const after = await snapshotOf(join(dir, 'after.graphql'), `${suite}/${name}/after`)
    const changeSet = graphqlFormat.diff(before, after)
    const ours: Verdict = changeSet.changes[0]?.severity ?? 'none'
    return { suite, name, expected, ours, kinds: [...new Set(changeSet.changes.map((change) => `${change.kind}:${change.severity}`))] }
  } catch (error) {
    return { suite, name, expected, ours: 'none', kinds: [], error: String(error) }
  }
}

describe.skipIf(!available)(`GraphQL compatibility suites${available ? '' : ' (skipped: ../shared/fixtures/specs/compat-suites/graphql not found)'}`, () => {
  it('runs every case without throwing and keeps agreement with the labels', async () => {
    const labels = (JSON.parse(readFileSync(join(suitesRoot, 'labels.json'), 'utf8')) as { cases: Label[] }).cases
    const labelByDir = new Map(labels.filter((label) => label.spec === 'graphql').map((label) => [label.dataDir, label]))
    const results: CaseResult[] = []
    for (const suite of readdirSync(graphqlRoot).sort()) {
      for (const name of readdirSync(join(graphqlRoot, suite)).sort()) {
        results.push(await runCase(suite, name, labelByDir.get(`graphql/${suite}/${name}`)))
      }
    }

    const lines = ['suite                                                     agree / classified  (unclassified: changes found)']
    const classified = (result: CaseResult) => result.expected !== 'unclassified' && result.expected !== 'unlabeled'
    for (const suite of [...new Set(results.map((result) => result.suite))]) {
      const inSuite = results.filter((result) => result.suite === suite)
      const judged = inSuite.filter(classified)
      const agreeing = judged.filter((result) => result.ours === result.expected).length
      const unclassified = inSuite.filter((result) => !classified(result))
      const found = unclassified.filter((result) => result.ours !== 'none').length
      lines.push(`${suite.padEnd(58)}${String(agreeing).padStart(5)} / ${String(judged.length).padEnd(5)}       (${found}/${unclassified.length})`)
    }
    const judged = results.filter(classified)
    const agreeing = judged.filter((result) => result.ours === result.expected)
    lines.push(`overall: ${agreeing.length} / ${judged.length} classified cases agree (${((100 * agreeing.length) / judged.length).toFixed(1)}%), ${results.length} cases run`)
    lines.push('disagreements (suite/case: expected -> ours [kinds]):')
    for (const result of judged.filter((item) => item.ours !== item.expected)) {
      lines.push(`  ${result.suite}/${result.name}: ${result.expected} -> ${result.ours} [${result.kinds.join(', ')}]`)
    }
    lines.push('unclassified or unlabeled (ours [kinds]):')
    for (const result of results.filter((item) => !classified(item))) {
      lines.push(`  ${result.suite}/${result.name} (${result.expected}): ${result.ours} [${result.kinds.join(', ')}]`)
    }
    console.log(lines.join('\n'))

    expect(results.filter((result) => result.error !== undefined).map((result) => `${result.suite}/${result.name}: ${result.error}`)).toEqual([])
    expect(results).toHaveLength(151)
    expect(agreeing.length).toBeGreaterThanOrEqual(MIN_AGREEING_CASES)
  })
})
