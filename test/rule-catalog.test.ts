import { readFileSync, writeFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { RULE_CATALOG, ruleOf } from '../src/diff/rule-catalog.js'
import { compareSeverity } from '../src/diff/severity.js'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { postmanFormat } from '../src/formats/postman/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import type { SpecFormat } from '../src/formats/types.js'
import { RULE_CASES } from './fixtures/rule-cases.js'
import { COMPAT_DIR } from './helpers/compat-suites.js'
import { KindCollector, collectCompatSuites, collectPair, collectRealPairs, compatPresent, graphqlFormats, PAIRS_DIR, pairsPresent } from './helpers/emitted-kinds.js'
import { ruleTable, ruleTableIn } from './helpers/rule-table.js'

const FORMATS = { openapi: openapiFormat, graphql: graphqlFormat, postman: postmanFormat }

/** Kinds emitted by the small rule cases, plus the safety net (an operation whose hash moved with nothing a rule names). */
async function collectRuleCases(collector: KindCollector): Promise<void> {
  for (const ruleCase of RULE_CASES) {
    const formats = ruleCase.format === 'graphql' ? graphqlFormats : [FORMATS[ruleCase.format]]
    for (const format of formats) await collectPair(collector, format, ruleCase.before, ruleCase.after, `case ${ruleCase.kinds.join(',')}`)
  }
  for (const [format, text] of [
    [graphqlFormat, 'type Query { a: Int }'],
    [postmanFormat, RULE_CASES.find((ruleCase) => ruleCase.format === 'postman')!.before],
  ] as const) {
    const { snapshot } = await (format as SpecFormat).normalize(text, { sourceId: 'safety-net' })
    const before: ApiSnapshot = { ...snapshot, fingerprint: 'before' }
    const after: ApiSnapshot = { ...before, fingerprint: 'after', operations: before.operations.map((operation) => ({ ...operation, hash: `${operation.hash}-moved` })) }
    collector.add(format.diff(before, after), format.type === 'graphql' ? 'graphql' : 'postman', 'safety net')
  }
}

/** Every emitted kind is a catalogued rule, of a format the rule names, never more severe than its default. */
function expectCatalogued(collector: KindCollector): void {
  const problems: string[] = []
  for (const emitted of collector.kinds.values()) {
    const rule = ruleOf(emitted.kind)
    if (rule === undefined) {
      problems.push(`${emitted.kind} is not in the catalog (seen in ${emitted.source}: ${emitted.example})`)
      continue
    }
    for (const format of emitted.formats) if (!rule.formats.includes(format)) problems.push(`${emitted.kind} is emitted for ${format}, the catalog says ${rule.formats.join(', ')}`)
    for (const severity of emitted.severities) {
      if (compareSeverity(severity, rule.severity) < 0) problems.push(`${emitted.kind} is emitted as ${severity}, above its catalogued ${rule.severity}`)
    }
  }
  expect(problems).toEqual([])
}

describe('rule catalog', () => {
  it('names each kind once, with a reason and an example', () => {
    for (const entry of RULE_CATALOG.values()) {
      expect(entry.reason.length, entry.kind).toBeGreaterThan(0)
      expect(entry.example.length, entry.kind).toBeGreaterThan(0)
      expect(entry.formats.length, entry.kind).toBeGreaterThan(0)
    }
    const variants = [...RULE_CATALOG.values()].flatMap((entry) => entry.variants ?? [])
    expect(new Set(variants).size).toBe(variants.length)
    expect(ruleOf('schema-property-enum-value-added')?.kind).toBe('schema-enum-value-added')
    expect(ruleOf('request-parameter-deprecated')?.family).toBe('parameter')
    expect(ruleOf('no-such-rule')).toBeUndefined()
  })

  it('each small rule case emits the kinds it is there for', async () => {
    for (const ruleCase of RULE_CASES) {
      const collector = new KindCollector()
      await collectPair(collector, FORMATS[ruleCase.format], ruleCase.before, ruleCase.after, 'case')
      expect([...collector.kinds.keys()], ruleCase.kinds.join(', ')).toEqual(expect.arrayContaining(ruleCase.kinds))
    }
  })

  describe.skipIf(!compatPresent)(`against everything the tests emit${compatPresent ? '' : ` (skipped: ${COMPAT_DIR} not found)`}`, () => {
    const collector = new KindCollector()
    beforeAll(async () => {
      await collectCompatSuites(collector)
      await collectRuleCases(collector)
    }, 120_000)

    it('every kind the compatibility suites and the rule cases emit is catalogued', () => {
      expectCatalogued(collector)
    })

    it('every catalogued rule is emitted by at least one case', () => {
      const silent = [...RULE_CATALOG.values()].filter((entry) => ![entry.kind, ...(entry.variants ?? [])].some((kind) => collector.kinds.has(kind)))
      expect(silent.map((entry) => entry.kind)).toEqual([])
    })
  })

  describe.skipIf(!pairsPresent)(`against the real version pairs${pairsPresent ? '' : ` (skipped: ${PAIRS_DIR} not found)`}`, () => {
    it('every kind the real pairs emit is catalogued', async () => {
      const collector = new KindCollector()
      await collectRealPairs(collector)
      expectCatalogued(collector)
    }, 300_000)
  })

  it("the README's rule table is the one generated from the catalog", () => {
    const readmePath = new URL('../README.md', import.meta.url)
    const readme = readFileSync(readmePath, 'utf8')
    const current = ruleTableIn(readme)
    // UPDATE_RULE_TABLE=1 rewrites the table in place (review the diff before committing).
    if (process.env.UPDATE_RULE_TABLE === '1' && current !== undefined) writeFileSync(readmePath, readme.replace(current, () => ruleTable()))
    else expect(current, 'README.md lacks the rule-table marks, or the table is stale: run UPDATE_RULE_TABLE=1 npx vitest run test/rule-catalog.test.ts').toBe(ruleTable())
  })
})
