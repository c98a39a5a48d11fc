// `diff --format` and `--by-operation` run in-process through runCli, on a small two-version spec
// (test/fixtures/report/) whose markdown and GitHub reports are checked against golden files.
// Regenerate the golden files after a deliberate change of output with:
//   UPDATE_GOLDEN=1 npx vitest run test/cli-report-formats.test.ts
// and review their diff.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChangeSetJson } from '../src/diff/change-set-json.js'
import { runCliInProcess } from './helpers/cli-in-process.js'

const FIXTURES = join(import.meta.dirname, 'fixtures', 'report')
const GOLDEN = join(import.meta.dirname, 'fixtures', 'golden')
const PAIR = ['pets.v1.yaml', 'pets.v2.yaml']

function diff(...options: string[]) {
  return runCliInProcess(['diff', ...PAIR, ...options], { cwd: FIXTURES })
}

/** Compares with a golden file, or rewrites it when UPDATE_GOLDEN is set. */
function expectGolden(actual: string, name: string): void {
  const path = join(GOLDEN, name)
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

describe('api-live-sync diff --format', () => {
  it('markdown: the pull-request comment matches its golden file', async () => {
    const { code, stdout, stderr } = await diff('--format', 'markdown')
    expect(stderr).toBe('')
    expect(code).toBe(1)
    expectGolden(stdout, 'pets.report.md')
  })

  it('github: the workflow annotations match their golden file, pointing at the new definition', async () => {
    const { code, stdout } = await diff('--format', 'github')
    expect(code).toBe(1)
    expect(stdout).toContain('::error file=pets.v2.yaml,title=Breaking change%3A operation-removed::DELETE /pets/{petId} was removed\n')
    expectGolden(stdout, 'pets.report.github.txt')
  })

  it('json: each cause once, the per-operation view refers to causes by index; --json is the same', async () => {
    const { code, stdout } = await diff('--format', 'json')
    const json = JSON.parse(stdout) as ChangeSetJson

    expect(code).toBe(1)
    expect((await diff('--json')).stdout).toBe(stdout)
    expect(json.summary).toMatchObject({ added: 1, removed: 1, modified: 3, operations: 5 })
    expect(json.modified.length).toBe(3)
    for (const entry of json.modified) {
      expect(entry.changes.every((index) => Number.isInteger(index) && json.changes[index] !== undefined)).toBe(true)
      for (const index of entry.changes) {
        const change = json.changes[index]!
        expect(change.operation === entry.operation.key || change.operations?.some((reach) => reach.operation === entry.operation.key)).toBe(true)
      }
    }
    const records = json.changes.map((change) => JSON.stringify(change))
    expect(new Set(records).size).toBe(records.length)
  })

  it('html: one page, the causes in it', async () => {
    const { code, stdout } = await diff('--format', 'html')
    expect(code).toBe(1)
    expect(stdout.startsWith('<!doctype html>')).toBe(true)
    expect(stdout).toContain('DELETE /pets/{petId} was removed')
    expect(stdout).toContain('2.0 &lt;b&gt;beta&lt;/b&gt;')
  })

  it('text by default: the summary, then causes grouped breaking first', async () => {
    const { code, stdout } = await diff()
    const lines = stdout.trimEnd().split('\n')
    expect(code).toBe(1)
    expect(lines[0]).toMatch(/^\d+ breaking, \d+ warnings?, \d+ info \(1 added, 1 removed, 3 modified\)$/)
    expect(lines[1]).toBe('BREAKING')
    expect(lines).toContain('  DELETE /pets/{petId} was removed [operation-removed]')
    expect(lines.indexOf('WARNING')).toBeGreaterThan(lines.indexOf('BREAKING'))
    expect(lines.indexOf('INFO')).toBeGreaterThan(lines.indexOf('WARNING'))
  })

  it('--by-operation: each operation with what reached it', async () => {
    const { code, stdout } = await diff('--by-operation')
    const lines = stdout.trimEnd().split('\n')
    expect(code).toBe(1)
    const headers = lines.slice(1).filter((line) => !line.startsWith(' '))
    expect(headers.slice().sort()).toEqual(['(document)', 'DELETE /pets/{petId}', 'GET /pets', 'GET /pets/{petId}', 'POST /pets', 'POST /store/orders'])
    expect(headers[0]).toBe('DELETE /pets/{petId}')
    const postPets = lines.slice(lines.indexOf('POST /pets') + 1)
    expect(postPets.slice(0, postPets.findIndex((line) => !line.startsWith(' ')))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ {2}BREAKING .*'nickname' was removed.*\[schema-property-removed\]/), expect.stringMatching(/^ {2}WARNING {2}.*'nickname' was removed.*\[schema-property-removed\]/)]),
    )
  })

  it('usage mistakes exit 2 with one line', async () => {
    for (const options of [['--format', 'xml'], ['--format', 'html', '--json'], ['--format', 'github', '--by-operation']]) {
      const { code, stdout, stderr } = await diff(...options)
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr.split('\n')).toHaveLength(2)
    }
  })
})
