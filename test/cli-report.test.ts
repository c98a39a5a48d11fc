import { describe, expect, it } from 'vitest'
import { buildChangeSet, emptyChangeSet, operationAddedChange, operationRemovedChange } from '../src/diff/change-set.js'
import type { Change } from '../src/model/change.js'
import { HttpError } from '../src/errors/errors.js'
import { colorEnabled, createPalette } from '../src/cli/color.js'
import { jsonLine } from '../src/cli/json-lines.js'
import { ProgressLine, formatBytes } from '../src/cli/progress-line.js'
import { parseReportChoice } from '../src/cli/report.js'
import { summaryLine, textReportLines } from '../src/report/text.js'
import { guessTypeFromName, parseHeaderOptions, parseSourceLocation } from '../src/cli/source-location.js'
import { UsageError } from '../src/cli/usage.js'

const plain = createPalette(false)
const colored = createPalette(true)

const pets = { key: 'GET /pets', method: 'GET', path: '/pets' }
const addPet = { key: 'POST /pets', method: 'POST', path: '/pets' }
const warning: Change = {
  kind: 'schema-property-removed',
  severity: 'warning',
  operation: 'GET /pets',
  location: ['responses', '200'],
  message: "response property 'nickname' was removed",
}
const documentLevel: Change = { kind: 'server-added', severity: 'info', location: ['servers'], message: 'server https://b.example was added' }

function sampleChangeSet() {
  return buildChangeSet({
    added: [addPet],
    removed: [pets],
    modified: [],
    changes: [operationAddedChange(addPet), documentLevel, warning, operationRemovedChange(pets)],
  })
}

describe('the text report of per-operation records', () => {
  const formatChangeSet = (changes: Parameters<typeof textReportLines>[0], palette: typeof plain) => textReportLines(changes, { styles: palette })

  it('prints the summary, then breaking, warning and info groups, each change with its operation and rule', () => {
    expect(formatChangeSet(sampleChangeSet(), plain)).toEqual([
      '1 breaking, 1 warning, 2 info (1 added, 1 removed, 0 modified)',
      'BREAKING',
      '  GET /pets was removed [operation-removed]',
      'WARNING',
      "  GET /pets: response property 'nickname' was removed [schema-property-removed]",
      'INFO',
      '  POST /pets was added [operation-added]',
      '  server https://b.example was added [server-added]',
    ])
  })

  it('says "no changes" for an empty change set', () => {
    expect(formatChangeSet(emptyChangeSet(), plain)).toEqual(['no changes'])
    expect(summaryLine(emptyChangeSet(), colored)).toBe('no changes')
  })

  it('keeps multi-line messages on one line', () => {
    const change: Change = { ...warning, message: 'first line\n  second line' }
    const lines = formatChangeSet(buildChangeSet({ added: [], removed: [], modified: [], changes: [change] }), plain)
    expect(lines[2]).toBe('  GET /pets: first line second line [schema-property-removed]')
  })

  it('colours severities when the palette is on, and only adds escape codes', () => {
    const lines = formatChangeSet(sampleChangeSet(), colored)
    expect(lines[1]).toBe('\u001b[31m\u001b[1mBREAKING\u001b[22m\u001b[39m')
    expect(lines[3]).toContain('\u001b[33m')
    expect(lines.map((line) => line.replace(/\u001b\[\d+m/g, ''))).toEqual(formatChangeSet(sampleChangeSet(), plain))
  })
})

describe('parseReportChoice', () => {
  it('reads --format, with text by default and --json as json', () => {
    expect(parseReportChoice({})).toEqual({ format: 'text', byOperation: false })
    expect(parseReportChoice({ json: true })).toEqual({ format: 'json', byOperation: false })
    expect(parseReportChoice({ format: 'json', json: true })).toEqual({ format: 'json', byOperation: false })
    expect(parseReportChoice({ format: 'markdown' })).toEqual({ format: 'markdown', byOperation: false })
    expect(parseReportChoice({ 'by-operation': true })).toEqual({ format: 'text', byOperation: true })
  })

  it('refuses an unknown format, two formats at once, and --by-operation outside text', () => {
    expect(() => parseReportChoice({ format: 'xml' })).toThrow(new UsageError("--format must be one of text, json, markdown, github, html (got 'xml')"))
    expect(() => parseReportChoice({ format: 'html', json: true })).toThrow(UsageError)
    expect(() => parseReportChoice({ format: 'markdown', 'by-operation': true })).toThrow(/--by-operation .* --format text/)
  })
})

describe('colorEnabled', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  ])('tty %s with %j -> %s', (isTTY, env, expected) => {
    expect(colorEnabled({ write: () => true, isTTY }, env)).toBe(expected)
  })
})

describe('jsonLine', () => {
  it('writes one line with the event name, ISO dates and errors as {code, message}', () => {
    const error = new HttpError('Source "a": the server answered HTTP 503', 503, { sourceId: 'a', cause: new Error('secret inner detail') })
    const line = jsonLine('sync:failed', { sourceId: 'a', finishedAt: new Date('2024-05-01T10:00:00.000Z'), error })
    expect(line.endsWith('\n')).toBe(true)
    expect(line.indexOf('\n')).toBe(line.length - 1)
    expect(JSON.parse(line)).toEqual({
      event: 'sync:failed',
      sourceId: 'a',
      finishedAt: '2024-05-01T10:00:00.000Z',
      error: { code: 'HTTP_ERROR', message: 'Source "a": the server answered HTTP 503' },
    })
    expect(line).not.toContain('secret inner detail')
  })
})

describe('ProgressLine', () => {
  function terminal(isTTY: boolean) {
    const writes: string[] = []
    return { writes, stream: { write: (text: string) => writes.push(text), isTTY } }
  }

  it('redraws in place on a terminal for large documents, throttled, and clears', () => {
    const { writes, stream } = terminal(true)
    let now = 0
    const progress = new ProgressLine(stream, plain, () => now)

    progress.update('big', 100, 10 * 1024 * 1024) // large by its total
    now = 50
    progress.update('big', 300 * 1024, 10 * 1024 * 1024) // throttled
    now = 200
    progress.update('big', 5 * 1024 * 1024, 10 * 1024 * 1024)
    progress.clear()
    progress.clear()

    expect(writes).toEqual([
      '\r\u001b[2Kloading big: 100 B / 10.0 MiB (0%)',
      '\r\u001b[2Kloading big: 5.0 MiB / 10.0 MiB (50%)',
      '\r\u001b[2K',
    ])
  })

  it('stays silent for small documents and for streams that are not terminals', () => {
    const small = terminal(true)
    new ProgressLine(small.stream, plain).update('small', 1000, 2000)
    const piped = terminal(false)
    new ProgressLine(piped.stream, plain).update('big', 5 * 1024 * 1024, undefined)
    expect(small.writes).toEqual([])
    expect(piped.writes).toEqual([])
  })

  it('formats sizes', () => {
    expect([formatBytes(512), formatBytes(300 * 1024), formatBytes(3.45 * 1024 * 1024)]).toEqual(['512 B', '300 KiB', '3.5 MiB'])
  })
})

describe('command-line sources and headers', () => {
  it('reads URLs (labelled without secrets), file URLs and paths', () => {
    expect(parseSourceLocation('https://me:pw@api.test/spec.json?key=abc', '/work')).toEqual({
      kind: 'url',
      url: 'https://me:pw@api.test/spec.json?key=abc',
      label: 'https://api.test/spec.json?key=***',
    })
    expect(parseSourceLocation('specs/openapi.yaml', '/work')).toEqual({ kind: 'file', filePath: '/work/specs/openapi.yaml', label: 'specs/openapi.yaml' })
    expect(parseSourceLocation('/abs/openapi.yaml', '/work')).toMatchObject({ kind: 'file', filePath: '/abs/openapi.yaml' })
    expect(parseSourceLocation('file:///abs/x.json', '/work')).toMatchObject({ kind: 'file', filePath: '/abs/x.json' })
    expect(() => parseSourceLocation('ftp://host/x', '/work')).toThrow(UsageError)
  })

  it('guesses a type from a name', () => {
    expect(guessTypeFromName(parseSourceLocation('schema.graphql', '/w'))).toBe('graphql')
    expect(guessTypeFromName(parseSourceLocation('http://h/graphql', '/w'))).toBe('graphql')
    expect(guessTypeFromName(parseSourceLocation('My.postman_collection.json', '/w'))).toBe('postman')
    expect(guessTypeFromName(parseSourceLocation('http://h/v3/api-docs', '/w'))).toBe('openapi')
  })

  it('parses --header values, trimming around the first colon', () => {
    expect(parseHeaderOptions(['Authorization: Bearer a:b', 'X-Key:1'])).toEqual({ Authorization: 'Bearer a:b', 'X-Key': '1' })
    expect(parseHeaderOptions(undefined)).toBeUndefined()
    expect(() => parseHeaderOptions(['Bad Name: x'])).toThrow('--header must look like "Name: value" (got one with an invalid name)')
  })
})
