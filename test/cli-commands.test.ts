import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCliInProcess } from './helpers/cli-in-process.js'

const packageVersion = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version

describe('api-live-sync: help, version and usage errors', () => {
  it('--version prints the package version', async () => {
    const { code, stdout, stderr } = await runCliInProcess(['--version'])
    expect(code).toBe(0)
    expect(stdout).toBe(`${packageVersion}\n`)
    expect(stderr).toBe('')
  })

  it('--help lists the commands', async () => {
    const { code, stdout } = await runCliInProcess(['--help'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Usage: api-live-sync <command>/)
    for (const command of ['watch', 'diff', 'discover']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'))
  })

  it.each([
    ['watch', /^Usage: api-live-sync watch <url-or-file>\.\.\./],
    ['diff', /^Usage: api-live-sync diff <old> <new>/],
    ['discover', /^Usage: api-live-sync discover <baseUrl>/],
  ])('%s --help prints its usage and exits 0', async (command, usage) => {
    const { code, stdout, stderr } = await runCliInProcess([command, '--help'])
    expect(code).toBe(0)
    expect(stdout).toMatch(usage)
    expect(stdout).toContain('--json')
    expect(stderr).toBe('')
  })

  it.each([
    [[], "api-live-sync: a command is needed: watch, diff or discover (see 'api-live-sync --help')"],
    [['deploy'], "api-live-sync: unknown command 'deploy' (see 'api-live-sync --help')"],
    [['--verbose'], "api-live-sync: unknown option '--verbose' (see 'api-live-sync --help')"],
    [['diff', 'a.json', 'b.json', '--colour'], "api-live-sync: unknown option '--colour' (see 'api-live-sync diff --help')"],
    [['watch', 'x.json', '--interval'], "api-live-sync: option '--interval' needs a value (see 'api-live-sync watch --help')"],
    [['watch', 'x.json', '--json=yes'], "api-live-sync: option '--json' does not take a value (see 'api-live-sync watch --help')"],
    [['watch'], "api-live-sync: watch needs at least one URL or file (see 'api-live-sync watch --help')"],
    [['watch', 'x.json', '--interval', '500'], "api-live-sync: --interval must be a whole number of milliseconds, at least 1000 (got '500')"],
    [['watch', 'x.json', '--type', 'soap'], "api-live-sync: --type must be openapi, graphql or postman (got 'soap')"],
    [['watch', 'x.json', 'x.json'], 'api-live-sync: x.json is given twice'],
    [['watch', 'ftp://example.test/spec'], "api-live-sync: unsupported URL scheme in 'ftp://example.test/spec': use http, https or a file path"],
    [['diff', 'only-one.json'], "api-live-sync: diff needs exactly two definitions, old and new (got 1; see 'api-live-sync diff --help')"],
    [['diff', 'a.json', 'b.json', '--fail-on', 'info'], "api-live-sync: --fail-on must be breaking or warning (got 'info')"],
    [['discover'], "api-live-sync: discover needs exactly one base URL (see 'api-live-sync discover --help')"],
    [['discover', 'localhost:8000'], "api-live-sync: discover needs an http or https URL (got 'localhost:8000')"],
  ])('%j fails with one line on stderr and exit code 2', async (args, message) => {
    const { code, stdout, stderr } = await runCliInProcess(args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toBe(`${message}\n`)
  })

  it('never echoes a --header value, even a malformed one', async () => {
    const { code, stderr } = await runCliInProcess(['watch', 'x.json', '--header', 'Bearer-only-s3cret'])
    expect(code).toBe(2)
    expect(stderr).toBe('api-live-sync: --header must look like "Name: value" (got one without a colon)\n')
    expect(stderr).not.toContain('s3cret')
  })
})
