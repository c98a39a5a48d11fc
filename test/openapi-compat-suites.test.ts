import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { diffOpenApi } from '../src/formats/openapi/diff/index.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { agrees, COMPAT_DIR, expectedClass, loadOpenApiCases, worstSeverity, type CompatCase } from './helpers/compat-suites.js'

/**
 * Agreement floors: the counts reached when the rules were last tuned (docs/compat-suites.md
 * explains every disagreement kept on purpose). Raising agreement is welcome; falling below
 * a floor means a rule regressed.
 */
const AGREEMENT_FLOOR: Record<string, number> = {
  'general-operation-parameters': 50,
  'operation-parameters': 46,
  'parameters-examples': 12,
  request: 15,
  'request-body-examples': 12,
  response: 21,
  'response-body-examples': 12,
  'response-body-schema': 82,
}
const OVERALL_FLOOR = 250
const LABELLED_CASES = 260
const CASE_FOLDERS = 460

async function snapshotOf(text: string, sourceId: string): Promise<ApiSnapshot> {
  const { snapshot } = await openapiFormat.normalize(text, { sourceId })
  return { ...snapshot, fingerprint: sourceId }
}

interface Outcome {
  entry: CompatCase
  severities: string[]
  agreed: boolean
  error?: string
}

async function runCase(entry: CompatCase): Promise<Outcome> {
  const severities: string[] = []
  let agreed = true
  try {
    for (const run of entry.runs) {
      const changes = diffOpenApi(await snapshotOf(run.before, `${entry.id}:before`), await snapshotOf(run.after, `${entry.id}:after`))
      const severity = worstSeverity(changes)
      severities.push(severity)
      if (entry.expected !== undefined && !agrees(severity, expectedClass(entry.expected))) agreed = false
    }
    return { entry, severities, agreed }
  } catch (error) {
    return { entry, severities, agreed: false, error: `${entry.suite}/${entry.id}: ${(error as Error).message}` }
  }
}

const present = existsSync(COMPAT_DIR)

describe.skipIf(!present)(`OpenAPI compatibility suites${present ? '' : ` (skipped: ${COMPAT_DIR} is missing)`}`, () => {
  it('runs every OpenAPI case without throwing and keeps its agreement with the labels', async () => {
    const cases = loadOpenApiCases()
    const outcomes: Outcome[] = []
    for (const entry of cases) outcomes.push(await runCase(entry))

    expect(cases.filter((entry) => entry.fromFolder)).toHaveLength(CASE_FOLDERS)
    expect(outcomes.flatMap((outcome) => (outcome.error === undefined ? [] : [outcome.error]))).toEqual([])

    const labelled = outcomes.filter((outcome) => outcome.entry.expected !== undefined)
    expect(labelled).toHaveLength(LABELLED_CASES)
    const bySuite = new Map<string, { total: number; agreed: number }>()
    for (const outcome of labelled) {
      const tally = bySuite.get(outcome.entry.suite) ?? { total: 0, agreed: 0 }
      tally.total++
      if (outcome.agreed) tally.agreed++
      bySuite.set(outcome.entry.suite, tally)
    }
    const agreedTotal = labelled.filter((outcome) => outcome.agreed).length
    const lines = [...bySuite].map(([suite, { total, agreed }]) => `  ${suite.padEnd(30)} ${agreed}/${total} (${((100 * agreed) / total).toFixed(1)}%)`)
    const disagreements = labelled
      .filter((outcome) => !outcome.agreed)
      .map((outcome) => `  ${outcome.entry.suite}/${outcome.entry.id}: expected ${expectedClass(outcome.entry.expected!)}, got ${outcome.severities.join('/')}`)
    console.log(
      `OpenAPI compatibility suites: ${cases.length} cases run, ${labelled.length} labelled\n${lines.join('\n')}\n` +
        `  ${'overall'.padEnd(30)} ${agreedTotal}/${labelled.length} (${((100 * agreedTotal) / labelled.length).toFixed(1)}%)\n` +
        `Disagreements (see docs/compat-suites.md):\n${disagreements.join('\n')}`,
    )

    for (const [suite, floor] of Object.entries(AGREEMENT_FLOOR)) expect(bySuite.get(suite)?.agreed, suite).toBeGreaterThanOrEqual(floor)
    expect(agreedTotal).toBeGreaterThanOrEqual(OVERALL_FLOOR)
  }, 120_000)
})
