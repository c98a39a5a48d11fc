import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../src/cli/cli-io.js'
import { runCli } from '../src/cli/run-cli.js'
import type { ChangeSet } from '../src/model/change.js'

/** `diff --severity` / `--severity-config`, run in-process. */

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'als-cli-severity-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function document(statuses: string[], withDelete: boolean): string {
  const pet = { type: 'object', properties: { status: { type: 'string', enum: statuses } } }
  const paths: Record<string, object> = { '/pets': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: pet } } } } } } }
  if (withDelete) paths['/pets/{id}'] = { delete: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'gone' } } } }
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths })
}

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { NO_COLOR: '1' },
    cwd: dir,
    handleProcessSignals: false,
  }
  const code = await runCli(args, io)
  return { code, stdout, stderr }
}

describe('api-live-sync diff --severity', () => {
  let before: string
  let after: string
  beforeAll(async () => {
    before = await write('v1.json', document(['available'], true))
    after = await write('v2.json', document(['available', 'sold'], false))
  })

  it('without overrides: an operation removed is breaking (exit 1), an enum value added a warning', async () => {
    const { code, stdout } = await run(['diff', before, after, '--json'])
    const changes = JSON.parse(stdout) as ChangeSet
    expect(code).toBe(1)
    expect(changes.changes.map((change) => `${change.kind}:${change.severity}`)).toEqual(['operation-removed:breaking', 'schema-property-enum-value-added:warning'])
  })

  it('--severity kind=level (repeatable) changes severities, the summary and the exit code', async () => {
    const { code, stdout } = await run(['diff', before, after, '--json', '--severity', 'operation-removed=warning', '--severity', 'schema-property-enum-value-added=info'])
    const changes = JSON.parse(stdout) as ChangeSet
    expect(code).toBe(0)
    expect(changes.breaking).toBe(false)
    expect(changes.summary).toMatchObject({ breaking: 0, warning: 1, info: 1 })
    expect(changes.changes.map((change) => `${change.kind}:${change.severity}`)).toEqual(['operation-removed:warning', 'schema-property-enum-value-added:info'])
    expect((await run(['diff', before, after, '--fail-on', 'warning', '--severity', 'operation-removed=warning'])).code).toBe(1)
  })

  it('--severity-config reads { severityOverrides }, and --severity wins over it', async () => {
    const config = await write('severity.json', JSON.stringify({ severityOverrides: { 'operation-removed': 'info', 'schema-property-enum-value-added': 'breaking' } }))
    const fromFile = await run(['diff', before, after, '--json', '--severity-config', 'severity.json'])
    expect(fromFile.code).toBe(1)
    expect((JSON.parse(fromFile.stdout) as ChangeSet).changes.map((change) => `${change.kind}:${change.severity}`)).toEqual([
      'schema-property-enum-value-added:breaking',
      'operation-removed:info',
    ])
    const both = await run(['diff', before, after, '--severity-config', config, '--severity', 'schema-property-enum-value-added=info'])
    expect(both.code).toBe(0)
  })

  it('an unknown kind, a bad level or a malformed flag is an error naming it (exit 2)', async () => {
    const unknown = await run(['diff', before, after, '--severity', 'operation-vanished=info'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("unknown rule kind 'operation-vanished'")
    const level = await run(['diff', before, after, '--severity', 'operation-removed=fatal'])
    expect(level.code).toBe(2)
    expect(level.stderr).toContain('severityOverrides.operation-removed: must be breaking, warning or info')
    const malformed = await run(['diff', before, after, '--severity', 'operation-removed'])
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toContain('--severity takes kind=level')
    await write('bad.json', JSON.stringify({ overrides: {} }))
    const badFile = await run(['diff', before, after, '--severity-config', 'bad.json'])
    expect(badFile.code).toBe(2)
    expect(badFile.stderr).toContain('"severityOverrides" object')
  })

  it('watch takes the same options and checks them before it starts', async () => {
    const { code, stderr } = await run(['watch', before, '--severity', 'operation-vanished=info'])
    expect(code).toBe(2)
    expect(stderr).toContain("unknown rule kind 'operation-vanished'")
    expect((await run(['watch', '--help'])).stdout).toContain('--severity <kind=level>')
    expect((await run(['diff', '--help'])).stdout).toContain('--severity-config <file>')
  })
})
