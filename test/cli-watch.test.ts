import { renameSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { startCliInProcess, WAITS_ONLY, type InProcessCli } from './helpers/cli-in-process.js'
import { startTestServer } from './helpers/http-server.js'
import { dirs, running, servers } from './helpers/cli-tests.js'

function watch(args: string[]): InProcessCli {
  const cli = startCliInProcess(['watch', ...args])
  running.push(cli)
  return cli
}

const ok = { '200': { description: 'ok' } }
function api(paths: Record<string, unknown>) {
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1.0.0' }, paths })
}
const v1 = api({ '/pets': { get: { responses: ok } }, '/pets/{petId}': { get: { responses: ok } } })
const v2 = api({ '/pets': { get: { responses: ok }, post: { responses: ok } } })

/** A server whose document the test can swap, or answer with an error status. */
async function documentServer(initial: string) {
  const state = { body: initial, status: 200 }
  const server = await startTestServer((_request, response) => {
    response.statusCode = state.status
    response.setHeader('content-type', 'application/json')
    response.end(state.status === 200 ? state.body : '{"error":"nope"}')
  })
  servers.push(server)
  return { server, state }
}

describe('api-live-sync watch', () => {
  it('prints the first sync, then each change as a report, and exits 0 when stopped (Ctrl-C)', async () => {
    vi.useFakeTimers(WAITS_ONLY)
    const { server, state } = await documentServer(v1)
    const cli = watch([`${server.url}/openapi.json`, '--interval', '1000'])

    await cli.waitForStdout(/in sync: openapi 3\.0\.3, "Pets" 1\.0\.0, 2 operations/)
    expect(cli.stderr()).toContain('Watching 1 source (polling every 1s). Press Ctrl-C to stop.')
    state.body = v2
    await vi.advanceTimersByTimeAsync(1000)
    await cli.waitForStdout(/changed: /)
    cli.stop()

    expect(await cli.exited).toBe(0)
    const report = cli.stdout().slice(cli.stdout().indexOf('changed: '))
    expect(report.split('\n').slice(0, 5)).toEqual([
      'changed: 1 breaking, 0 warnings, 1 info (1 added, 1 removed, 0 modified)',
      '  BREAKING',
      '    GET /pets/{petId} was removed [operation-removed]',
      '  INFO',
      '    POST /pets was added [operation-added]',
    ])
    expect(cli.stdout().match(/in sync/g)).toHaveLength(1)
  })

  it('reuses the document it loaded to detect the type for the first sync', async () => {
    const { server } = await documentServer(v1)
    const cli = watch([`${server.url}/openapi.json`, '--interval', '600000'])

    await cli.waitForStdout(/in sync: openapi 3\.0\.3/)
    cli.stop()
    expect(await cli.exited).toBe(0)

    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['GET /openapi.json'])
  })

  it('--json prints one JSON event per line and exits 0 when stopped', async () => {
    vi.useFakeTimers(WAITS_ONLY)
    const { server, state } = await documentServer(v1)
    const cli = watch([`${server.url}/openapi.json`, '--interval', '1000', '--json'])

    await cli.waitForStdout(/"event":"sync:completed"/)
    state.body = v2
    await vi.advanceTimersByTimeAsync(1000)
    await cli.waitForStdout(/"event":"changes:detected".*"removed":\[\{"key":"GET \/pets\/\{petId\}"/)
    state.status = 404
    await vi.advanceTimersByTimeAsync(1000)
    await cli.waitForStdout(/"event":"sync:failed"/)
    cli.stop()
    expect(await cli.exited).toBe(0)

    const events = cli.stdout().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>)
    const sourceId = `${server.url}/openapi.json`
    expect(events.every((event) => event.sourceId === sourceId)).toBe(true)
    expect(events[0]).toMatchObject({ event: 'source:added', config: { id: sourceId, type: 'openapi', refreshInterval: 1000 } })
    const completed = events.find((event) => event.event === 'sync:completed')!
    expect(completed).toMatchObject({ status: 'success', trigger: 'poll' })
    expect(completed.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    const failed = events.find((event) => event.event === 'sync:failed')!
    expect(failed.error).toEqual({ code: 'HTTP_ERROR', message: expect.stringContaining('HTTP 404') })
    expect(events.map((event) => event.event)).not.toContain('status:changed')
  })

  it('syncs a file right after an editor saves it by rename', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'als-cli-watch-'))
    dirs.push(dir)
    const path = join(dir, 'openapi.json')
    writeFileSync(path, v1)
    // A long interval: the change can only be noticed by the file watcher.
    const cli = startCliInProcess(['watch', 'openapi.json', '--interval', '600000'], { cwd: dir })
    running.push(cli)

    await cli.waitForStdout(/openapi\.json {2}in sync: openapi 3\.0\.3/)
    writeFileSync(join(dir, '.openapi.json.tmp'), v2)
    renameSync(join(dir, '.openapi.json.tmp'), path)
    await cli.waitForStdout(/openapi\.json {2}changed: 1 breaking/)

    cli.stop()
    expect(await cli.exited).toBe(0)
  })

  it('prints each failed sync as one line on stderr, without header values or URL passwords', async () => {
    const { server, state } = await documentServer(v1)
    state.status = 404
    const url = `${server.url.replace('http://', 'http://reader:pa55word@')}/openapi.json?api_key=k-123`
    const cli = watch([url, '--type', 'openapi', '--interval', '1000', '--header', 'Authorization: Bearer s3cret-token'])

    await cli.waitForStderr(/sync failed/)
    cli.stop()
    expect(await cli.exited).toBe(0)

    const failures = cli.stderr().split('\n').filter((line) => line.includes('sync failed'))
    expect(failures[0]).toMatch(/^\d\d:\d\d:\d\d {2}http:\/\/127\.0\.0\.1:\d+\/openapi\.json\?api_key=\*\*\* {2}sync failed: HTTP_ERROR: .*HTTP 404/)
    const output = cli.stdout() + cli.stderr()
    for (const secret of ['pa55word', 'k-123', 's3cret-token']) expect(output).not.toContain(secret)
    // The header and the credentials were sent all the same.
    expect(server.requests[0]!.headers.authorization).toBe('Bearer s3cret-token')
  })

  it('watches an unreachable source under the type its name suggests, with a note', async () => {
    const server = await startTestServer()
    const url = `${server.url}/schema.graphql`
    await server.close()
    const cli = watch([url, '--interval', '1000'])

    await cli.waitForStderr(/note: .*schema\.graphql cannot be loaded yet \(NETWORK_ERROR\); watching it as graphql \(use --type to choose\)/)
    await cli.waitForStderr(/Watching 1 source/)
    cli.stop()
    expect(await cli.exited).toBe(0)
  })

  it('stops at once on Ctrl-C while still looking at a source that does not answer', async () => {
    const server = await startTestServer(() => {}) // holds every request
    servers.push(server)
    const cli = watch([`${server.url}/openapi.json`])
    await vi.waitFor(() => expect(server.requests).toHaveLength(1), { timeout: 10_000, interval: 25 })

    cli.stop()

    // Well before the 10 s budget of that first look: the pending load was cancelled, not waited out.
    let code: number | undefined
    void cli.exited.then((exitCode) => (code = exitCode))
    await vi.waitFor(() => expect(code).toBe(0), { timeout: 7000, interval: 25 })
    expect(cli.stdout()).toBe('')
  })

  it('exits 2 when a source serves something that is no API definition', async () => {
    const { server } = await documentServer('{"status":"ok"}')
    const cli = watch([`${server.url}/health`])
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toBe(
      `api-live-sync: cannot tell what kind of API definition ${server.url}/health is (not OpenAPI, GraphQL or Postman); pass --type\n`,
    )
  })
})
