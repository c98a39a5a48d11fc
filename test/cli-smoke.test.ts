import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { assertCliBuilt, runCli, startCli } from './helpers/cli-process.js'
import { dirs, servers, spawned } from './helpers/cli-tests.js'
import { startTestServer } from './helpers/http-server.js'

// The CLI's behaviour is tested in-process (test/cli-*.test.ts, through runCli(argv, io)). These few
// run the built bin as users do, for what only a real process shows: the bin starts from dist/, its
// exit code is the command's, and Ctrl-C (SIGINT) and SIGTERM stop `watch` with exit 0.

beforeAll(assertCliBuilt)

const packageVersion = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version
const ok = { '200': { description: 'ok' } }
const api = (paths: Record<string, unknown>) => JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1.0.0' }, paths })
const v1 = api({ '/pets': { get: { responses: ok } }, '/pets/{petId}': { get: { responses: ok } } })
const v2 = api({ '/pets': { get: { responses: ok }, post: { responses: ok } } })

describe('node dist/cli.js', () => {
  it('--version and --help print and exit 0', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' })
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: api-live-sync <command>/)
  })

  it('exits with the command’s code: 1 for a breaking diff, 2 for a usage mistake', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'als-cli-smoke-'))
    dirs.push(dir)
    await writeFile(join(dir, 'v1.json'), v1)
    await writeFile(join(dir, 'v2.json'), v2)

    const diff = await runCli(['diff', 'v1.json', 'v2.json'], { cwd: dir })
    expect(diff).toMatchObject({ code: 1, stderr: '' })
    expect(diff.stdout).toMatch(/^1 breaking, 0 warnings, 1 info/)
    expect(await runCli(['deploy'])).toEqual({ code: 2, stdout: '', stderr: "api-live-sync: unknown command 'deploy' (see 'api-live-sync --help')\n" })
  })

  it.each(['SIGINT', 'SIGTERM'] as const)('watch prints the first sync and a change, and exits 0 on %s', async (signal) => {
    const state = { body: v1 }
    const server = await startTestServer((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(state.body)
    })
    servers.push(server)
    const cli = startCli(['watch', `${server.url}/openapi.json`, '--interval', '1000'])
    spawned.push(cli)

    await cli.waitForStdout(/in sync: openapi 3\.0\.3, "Pets" 1\.0\.0, 2 operations/)
    state.body = v2
    await cli.waitForStdout(/changed: 1 breaking/)
    cli.child.kill(signal)

    expect(await cli.exited).toBe(0)
    expect(cli.stderr()).toContain('Watching 1 source (polling every 1s). Press Ctrl-C to stop.')
  })
})
