import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { ChangeSet } from '../../src/model/change.js'

/** Where the shared compatibility suites live (see ../shared/fixtures/specs/SOURCES.md). */
export const COMPAT_DIR = new URL('../../../shared/fixtures/specs/compat-suites/', import.meta.url).pathname

/** The classes labels.json uses, plus `none` for a case that expects no diff at all. */
export type CompatClass = 'breaking' | 'risky' | 'non-breaking' | 'annotation' | 'deprecated' | 'unclassified' | 'none'

/** One OpenAPI case: before/after documents (one pair per OpenAPI version combination). */
export interface CompatCase {
  suite: string
  id: string
  /** True for a case folder of the suites; false for a labelled schema case rendered from labels.json alone. */
  fromFolder: boolean
  runs: Array<{ versions?: [string, string]; before: string; after: string }>
  /** Expected classes from labels.json, when the case is labelled. */
  expected?: { types: CompatClass[]; noDiff: boolean }
}

interface Label {
  spec: string
  suite: string
  testId: string
  expectedTypes: CompatClass[]
  expectsNoDiffs: boolean
  dataDir: string | null
}

/** Puts a schema document in place of the template's `__SCHEMA__` line, at that line's indentation. */
export function renderTemplate(template: string, schema: string): string {
  return template.replace(/^([ \t]*)__SCHEMA__[ \t]*$/m, (_line, indent: string) =>
    schema
      .replace(/\s+$/, '')
      .split('\n')
      .map((line) => indent + line)
      .join('\n'),
  )
}

function withVersion(document: string, version: string): string {
  return document.replace(/^openapi:.*$/m, `openapi: ${version}`)
}

function versionPairs(caseDir: string): Array<[string, string]> | undefined {
  const file = join(caseDir, 'metadata.yaml')
  if (!existsSync(file)) return undefined
  const metadata = parseYaml(readFileSync(file, 'utf8')) as { version_combinations?: unknown[][] }
  return metadata.version_combinations?.map((pair) => [String(pair[0]), String(pair[1])])
}

function runsFor(before: string, after: string, pairs: Array<[string, string]> | undefined): CompatCase['runs'] {
  if (pairs === undefined || pairs.length === 0) return [{ before, after }]
  return pairs.map((versions) => ({ versions, before: withVersion(before, versions[0]), after: withVersion(after, versions[1]) }))
}

function schemaCase(suiteDir: string, id: string): { before: string; after: string } {
  const template = readFileSync(join(suiteDir, 'template.yaml.tpl'), 'utf8')
  const schemaDir = join(COMPAT_DIR, 'schemas', 'json-schema', id)
  return {
    before: renderTemplate(template, readFileSync(join(schemaDir, 'before.yaml'), 'utf8')),
    after: renderTemplate(template, readFileSync(join(schemaDir, 'after.yaml'), 'utf8')),
  }
}

/**
 * Every OpenAPI case folder (stored before/after, or a schema delta rendered into the suite's
 * template), plus the labelled schema cases that labels.json renders into the
 * response-body-schema template without a folder of their own.
 */
export function loadOpenApiCases(): CompatCase[] {
  const labels = (JSON.parse(readFileSync(join(COMPAT_DIR, 'labels.json'), 'utf8')) as { cases: Label[] }).cases.filter(
    (label) => label.spec === 'openapi',
  )
  const labelOf = new Map(labels.map((label) => [`${label.suite}/${label.testId}`, label]))
  const cases: CompatCase[] = []
  const openapiDir = join(COMPAT_DIR, 'openapi')
  for (const suite of readdirSync(openapiDir).sort()) {
    const suiteDir = join(openapiDir, suite)
    for (const id of readdirSync(suiteDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
      const caseDir = join(suiteDir, id)
      const stored = existsSync(join(caseDir, 'before.yaml'))
      const documents = stored
        ? { before: readFileSync(join(caseDir, 'before.yaml'), 'utf8'), after: readFileSync(join(caseDir, 'after.yaml'), 'utf8') }
        : schemaCase(suiteDir, id)
      const entry: CompatCase = { suite, id, fromFolder: true, runs: runsFor(documents.before, documents.after, versionPairs(caseDir)) }
      const label = labelOf.get(`${suite}/${id}`)
      if (label !== undefined) {
        entry.expected = { types: label.expectedTypes, noDiff: label.expectsNoDiffs }
        labelOf.delete(`${suite}/${id}`)
      }
      cases.push(entry)
    }
  }
  for (const label of labelOf.values()) {
    if (label.dataDir !== null) continue
    const documents = schemaCase(join(openapiDir, label.suite), label.testId)
    cases.push({
      suite: label.suite,
      id: label.testId,
      fromFolder: false,
      runs: [documents],
      expected: { types: label.expectedTypes, noDiff: label.expectsNoDiffs },
    })
  }
  return cases
}

/** The worst severity a change set reports, or `none`. */
export function worstSeverity(changeSet: ChangeSet): 'breaking' | 'warning' | 'info' | 'none' {
  if (changeSet.changes.some((change) => change.severity === 'breaking')) return 'breaking'
  if (changeSet.changes.some((change) => change.severity === 'warning')) return 'warning'
  return changeSet.changes.length > 0 ? 'info' : 'none'
}

const CLASS_RANK: Record<CompatClass, number> = {
  breaking: 0,
  risky: 1,
  'non-breaking': 2,
  deprecated: 2,
  annotation: 2,
  unclassified: 3,
  none: 4,
}

/** The expected class that decides a case: its worst labelled type, or `none` when no diff is expected. */
export function expectedClass(expected: NonNullable<CompatCase['expected']>): CompatClass {
  if (expected.noDiff || expected.types.length === 0) return 'none'
  return [...expected.types].sort((a, b) => CLASS_RANK[a] - CLASS_RANK[b])[0]!
}

/**
 * Whether our worst severity agrees with their class: breaking = breaking, warning = risky,
 * info = non-breaking / annotation / deprecated, nothing = no diff expected; their
 * `unclassified` (a change they decline to rate) agrees with any non-breaking report.
 */
export function agrees(ours: ReturnType<typeof worstSeverity>, theirs: CompatClass): boolean {
  switch (theirs) {
    case 'breaking':
      return ours === 'breaking'
    case 'risky':
      return ours === 'warning'
    case 'non-breaking':
    case 'annotation':
    case 'deprecated':
      return ours === 'info'
    case 'unclassified':
      return ours === 'info' || ours === 'warning'
    case 'none':
      return ours === 'none'
  }
}
