import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isKnownKind } from '../src/diff/rule-catalog.js'
import { SEVERITY_ORDER, atLeast, compareSeverity, isSeverity, maxSeverity } from '../src/diff/severity.js'

// Issue 10 move 5: every diff is written one way. Rules report through `AddChange` and build each
// record with `createChange` (src/diff/create-change.ts); severities are ranked by
// src/diff/severity.ts alone. This test reads the sources, as oasdiff's rule_symmetry_test reads
// its rules: a hand-built change record, a kind missing from the rule catalog, or a severity
// ranked by hand anywhere else fails it. (test/rule-catalog.test.ts audits the other direction:
// every catalogued kind is emitted by some case.)

const SRC = join(import.meta.dirname, '..', 'src')

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** The shared diff core and every format's diff folder. */
function diffSources(): string[] {
  const formats = readdirSync(join(SRC, 'formats'), { withFileTypes: true }).filter((entry) => entry.isDirectory())
  const folders = [join(SRC, 'diff'), ...formats.map((entry) => join(SRC, 'formats', entry.name, 'diff'))]
  return folders.flatMap((folder) => {
    try {
      return filesUnder(folder)
    } catch {
      return []
    }
  })
}

/** Where the one constructor of each record lives: the change (`createChange`) and the OpenAPI schema finding (`report`, `revised`). */
const CONSTRUCTORS = new Set(['diff/create-change.ts', 'formats/openapi/diff/schema/scope.ts'])

/** The text of the `{ ... }` that encloses `index`, or undefined outside braces. */
function enclosingBraces(text: string, index: number): string | undefined {
  let depth = 0
  let start = -1
  for (let at = index; at >= 0; at--) {
    const char = text[at]
    if (char === '}') depth++
    else if (char === '{') {
      if (depth === 0) {
        start = at
        break
      }
      depth--
    }
  }
  if (start < 0) return undefined
  depth = 0
  for (let at = start; at < text.length; at++) {
    if (text[at] === '{') depth++
    else if (text[at] === '}' && --depth === 0) return text.slice(start, at + 1)
  }
  return undefined
}

/** Object literals with a `severity` that read like a change record: with a message, a spread of another record, or a kind and a location. */
function handBuiltRecords(text: string): string[] {
  const found: string[] = []
  // A type annotation (`severity: Severity`) is no record.
  for (const match of text.matchAll(/\bseverity\s*:(?!\s*Severity\b)/g)) {
    const literal = enclosingBraces(text, match.index)
    if (literal === undefined) continue
    // Destructuring (`const { severity, ...rest } = reach`) reads a record, it does not build one.
    const end = text.indexOf(literal, Math.max(0, match.index - literal.length)) + literal.length
    if (/^\s*=(?![=>])/.test(text.slice(end))) continue
    const looksLikeChange = /\bmessage\s*:/.test(literal) || /\.\.\.\w/.test(literal) || (/\bkind\s*:/.test(literal) && /\blocation\s*:/.test(literal))
    if (looksLikeChange) found.push(literal.replace(/\s+/g, ' ').slice(0, 120))
  }
  return found
}

/**
 * Kinds written as a literal where a change is built (`createChange('kind'`, `localChange('kind'`,
 * `makeChange(operation, 'kind'`), and OpenAPI schema facets (`report(scope, path, 'facet'`) as the
 * `schema-<facet>` kind they are reported under.
 */
function literalKinds(text: string): string[] {
  const pattern = /(?:createChange\(|localChange\(|makeChange\(\s*[\w.]+\s*,)\s*'([a-z0-9-]+)'|\breport\(\s*\w+\s*,\s*(?:\[[^\]]*\]|[\w.]+)\s*,\s*'([a-z0-9-]+)'/g
  return [...text.matchAll(pattern)].map((match) => match[1] ?? `schema-${match[2]!}`)
}

/** Places that rank the three severities themselves: a list of all three, a rank table, an `indexOf` a severity. */
function handRankedSeverities(text: string): string[] {
  const patterns = [/['"]breaking['"]\s*,\s*['"]warning['"]\s*,\s*['"]info['"]/g, /indexOf\(\s*\w*[sS]everity\b/g]
  const found = patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[0]))
  // A table of numbers by severity ranks them unless every number is the same (`{ breaking: 0, warning: 0, info: 0 }` counts).
  for (const match of text.matchAll(/\{\s*(breaking|warning|info)\s*:\s*(\d+)\s*,\s*(breaking|warning|info)\s*:\s*(\d+)\s*,\s*(breaking|warning|info)\s*:\s*(\d+)\s*\}/g)) {
    if (new Set([match[2], match[4], match[6]]).size > 1) found.push(match[0])
  }
  return found
}

describe('every diff written one way', () => {
  it('the scanners find what they look for', () => {
    expect(handBuiltRecords("changes.push({ kind: 'type-added', severity: 'info', location: [name], message: 'Type added' })")).toHaveLength(1)
    expect(handBuiltRecords("const copy = { ...change, severity: 'info' }")).toHaveLength(1)
    expect(handBuiltRecords("added: { kind: 'request-header-added', severity: 'info' }")).toEqual([])
    expect(handBuiltRecords('const { severity: _severity, ...rest } = reach')).toEqual([])
    expect(handBuiltRecords('class A { add(kind: string, severity: Severity, location: string[], message: string): void {} }')).toEqual([])
    expect(literalKinds("addChange(createChange('operation-removed', 'breaking', {}))")).toEqual(['operation-removed'])
    expect(literalKinds("changes.addChange(makeChange(changes.operation, 'request-body-added', 'info', [], 'was added'))")).toEqual(['request-body-added'])
    expect(literalKinds("report(scope, [...path, 'x'], 'type-changed', severity, 'detail')")).toEqual(['schema-type-changed'])
    expect(handRankedSeverities('const RANK = { breaking: 2, warning: 1, info: 0 }')).not.toEqual([])
    expect(handRankedSeverities('const counts = { breaking: 0, warning: 0, info: 0 }')).toEqual([])
    expect(handRankedSeverities("const ORDER = ['breaking', 'warning', 'info']")).not.toEqual([])
    expect(handRankedSeverities('SEVERITIES.indexOf(severity)')).not.toEqual([])
  })

  it('no rule builds a change record by hand: each goes through createChange', () => {
    const found = diffSources()
      .filter((file) => !CONSTRUCTORS.has(relative(SRC, file)))
      .flatMap((file) => handBuiltRecords(readFileSync(file, 'utf8')).map((literal) => `${relative(SRC, file)}: ${literal}`))
    expect(found).toEqual([])
  })

  it('every kind a rule writes out is in the rule catalog', () => {
    const unknown = diffSources().flatMap((file) =>
      literalKinds(readFileSync(file, 'utf8'))
        .filter((kind) => !isKnownKind(kind))
        .map((kind) => `${relative(SRC, file)}: ${kind}`),
    )
    expect(unknown).toEqual([])
  })

  it('only src/diff/severity.ts ranks severities (reports, the CLI and the diffs use it)', () => {
    const found = filesUnder(SRC)
      .filter((file) => relative(SRC, file) !== 'diff/severity.ts')
      .flatMap((file) => handRankedSeverities(readFileSync(file, 'utf8')).map((text) => `${relative(SRC, file)}: ${text}`))
    expect(found).toEqual([])
  })

  it('ranks breaking over warning over info', () => {
    expect(SEVERITY_ORDER).toEqual(['breaking', 'warning', 'info'])
    expect([...SEVERITY_ORDER].reverse().sort(compareSeverity)).toEqual(['breaking', 'warning', 'info'])
    expect(maxSeverity('info', 'warning')).toBe('warning')
    expect(maxSeverity('breaking', 'warning')).toBe('breaking')
    expect(atLeast('warning', 'warning')).toBe(true)
    expect(atLeast('info', 'warning')).toBe(false)
    expect(atLeast('breaking', 'warning')).toBe(true)
    expect(isSeverity('warning')).toBe(true)
    expect(isSeverity('fatal')).toBe(false)
    expect(isSeverity('toString')).toBe(false)
  })
})
