import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { vanishedAtOnce } from '../src/diff/vanished.js'
import { HttpError, TimeoutError } from '../src/errors/errors.js'
import { runCliInProcess, startCliInProcess, WAITS_ONLY, type InProcessCli } from './helpers/cli-in-process.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'

// Issue 13 (items 2, 3, 6, 7, 8) and issue 11 (items 5, 11, --out into a new folder): what a user
// meets on the first day with a dev server. Every CLI here runs in-process through runCli(argv, io).

const servers: TestServer[] = []
const clis: InProcessCli[] = []
const dirs: string[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const cli of clis.splice(0)) {
    cli.stop()
    await cli.exited
  }
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

const ok = { '200': { description: 'ok' } }
const api = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths, ...extra })
const v1 = api({ '/pets': { get: { operationId: 'listPets', summary: 'List pets', responses: ok } } })
const v2 = api({
  '/pets': { get: { operationId: 'listPets', summary: 'List pets', responses: ok } },
  '/pets/{id}': { delete: { operationId: 'deletePet', summary: 'Delete a pet', responses: ok } },
})

/** A dev server whose document, status or silence the test sets. */
async function devServer(initial: string) {
  const state = { body: initial, status: 200, hang: false }
  const server = await startTestServer((_request, response) => {
    if (state.hang) return
    response.statusCode = state.status
    response.setHeader('content-type', 'application/json')
    response.end(state.status === 200 ? state.body : '{"detail":"Internal Server Error"}')
  })
  servers.push(server)
  return { server, state }
}

function watch(args: string[], cwd?: string): InProcessCli {
  const cli = startCliInProcess(['watch', ...args], cwd === undefined ? {} : { cwd })
  clis.push(cli)
  return cli
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'als-devloop-'))
  dirs.push(dir)
  return dir
}

type PostmanItem = { name: string; item?: PostmanItem[] }
const requestNames = (file: string): string[] => {
  const flatten = (list: PostmanItem[]): PostmanItem[] => list.flatMap((item) => (item.item ? flatten(item.item) : [item]))
  return flatten((JSON.parse(readFileSync(file, 'utf8')) as { item: PostmanItem[] }).item).map((item) => item.name).sort()
}

describe('a hung or failing server (items 2 and 3)', () => {
  it('says "retrying" as soon as the first attempt times out, with the --timeout given', async () => {
    const { state, server } = await devServer(v1)
    state.hang = true
    const cli = watch([`${server.url}/openapi.json`, '--type', 'openapi', '--timeout', '200', '--interval', '1000'])
    await cli.waitForStderr(/retrying in \d+\.\ds: TIMEOUT: Source ".*" did not answer within 200 ms/)
    await cli.waitForStderr(/sync failed: TIMEOUT/)
    expect(cli.stderr().match(/retrying/g)).toHaveLength(1)
  })

  it('defaults to a 5 s timeout, not 30 s x 4 attempts', async () => {
    vi.useFakeTimers(WAITS_ONLY)
    const { state, server } = await devServer(v1)
    state.hang = true
    const cli = watch([`${server.url}/openapi.json`])
    // The first look at the source, then the first attempt of the sync: each given up after 5 s.
    await vi.waitFor(() => expect(server.requests).toHaveLength(1), { timeout: 10_000, interval: 10 })
    expect(cli.stderr()).toBe('')
    await vi.advanceTimersByTimeAsync(5000)
    await cli.waitForStderr(/note: .* cannot be loaded yet \(TIMEOUT\)/)
    await vi.waitFor(() => expect(server.requests).toHaveLength(2), { timeout: 10_000, interval: 10 })
    await vi.advanceTimersByTimeAsync(5000)
    await cli.waitForStderr(/retrying in .*did not answer within 5000 ms/)
  })

  it('prints a failure once, not at every poll, and "reachable again" at the first poll after the server is back', async () => {
    vi.useFakeTimers(WAITS_ONLY)
    const { state, server } = await devServer(v1)
    const cli = watch([`${server.url}/openapi.json`, '--interval', '1000', '--retries', '0'])
    await cli.waitForStdout(/in sync/)
    state.status = 500
    // Five failed polls: with the back-off doubling (1, 2, 4, 8, 16 s) this would take 31 s; capped at the interval, 5 s.
    for (let poll = 1; poll <= 5; poll++) {
      const before = server.requests.length
      await vi.advanceTimersByTimeAsync(1000)
      await vi.waitFor(() => expect(server.requests).toHaveLength(before + 1), { timeout: 10_000, interval: 10 })
      await cli.waitForStderr(/sync failed/)
    }
    state.status = 200
    const back = server.requests.length
    await vi.advanceTimersByTimeAsync(1000)
    await cli.waitForStdout(/reachable again, no changes/)
    expect(server.requests.length).toBe(back + 1)
    expect(cli.stderr().match(/sync failed/g)).toHaveLength(1)
  })

  it('rejects a bad --timeout, --retries or --max-backoff in one line', async () => {
    for (const args of [['--timeout', '0'], ['--retries', 'x'], ['--max-backoff', 'soon']]) {
      const { code, stderr } = await runCliInProcess(['watch', 'x.json', ...args])
      expect(code).toBe(2)
      expect(stderr).toMatch(new RegExp(`^api-live-sync: ${args[0]} must be a whole number`))
    }
  })
})

describe('small ones (item 8)', () => {
  it('a URL without a scheme is said to be one at once', async () => {
    const { code, stderr } = await runCliInProcess(['watch', 'localhost:8000/openapi.json'])
    expect(code).toBe(2)
    expect(stderr).toBe("api-live-sync: 'localhost:8000/openapi.json' looks like a URL without its scheme: write http://localhost:8000/openapi.json\n")
  })

  it('a bare origin that answers 404 gets a hint to run discover', async () => {
    const server = await startTestServer()
    servers.push(server)
    const cli = watch([server.url, '--interval', '1000'])
    await cli.waitForStderr(new RegExp(`run: api-live-sync discover ${server.url}/`))
  })

  it('Ctrl-C while a sync retries prints no failure', async () => {
    const { state, server } = await devServer(v1)
    state.hang = true
    const cli = watch([`${server.url}/openapi.json`, '--type', 'openapi', '--timeout', '100', '--retries', '5', '--interval', '1000'])
    await cli.waitForStderr(/retrying/)
    cli.stop()
    expect(await cli.exited).toBe(0)
    expect(cli.stderr()).not.toMatch(/CANCELLED|sync failed/)
  })

  it('JSON.stringify of a failed SyncResult keeps the error’s code and message', async () => {
    const error = new HttpError('Source "pets" (GET http://h/x): the server answered HTTP 503', 503, { sourceId: 'pets' })
    const json = JSON.parse(JSON.stringify({ status: 'failed', error }))
    expect(json.error).toEqual({
      name: 'HttpError',
      code: 'HTTP_ERROR',
      message: 'Source "pets" (GET http://h/x): the server answered HTTP 503',
      sourceId: 'pets',
      retryable: true,
      status: 503,
    })
    const timeout = JSON.parse(JSON.stringify(new TimeoutError('late', 5000, { cause: new Error('secret cause') })))
    expect(timeout).toMatchObject({ code: 'TIMEOUT', message: 'late', timeoutMs: 5000 })
    expect(JSON.stringify(timeout)).not.toContain('secret cause')
  })

  it('watch --json prints each change set once and one line per idle poll', async () => {
    vi.useFakeTimers(WAITS_ONLY)
    const { state, server } = await devServer(v1)
    const cli = startCliInProcess(['watch', `${server.url}/openapi.json`, '--interval', '1000', '--json'])
    clis.push(cli)
    await cli.waitForStdout(/"event":"sync:completed"/)
    state.body = v2
    await vi.advanceTimersByTimeAsync(1000)
    await cli.waitForStdout(/"event":"changes:detected"/)
    const polls = server.requests.length
    await vi.advanceTimersByTimeAsync(1000)
    await vi.waitFor(() => expect(server.requests.length).toBeGreaterThan(polls), { timeout: 5000, interval: 20 })
    await vi.waitFor(() => expect(cli.stdout().match(/"event":"sync:completed"/g)).toHaveLength(3), { timeout: 5000, interval: 20 })
    const events = cli.stdout().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(events.map((event) => event.event)).not.toContain('sync:started')
    expect(events.filter((event) => event.event === 'sync:completed').every((event) => !('changes' in event))).toBe(true)
    expect(events.filter((event) => event.event === 'changes:detected')).toHaveLength(2) // first sync and the change
  })

  it('says so when most operations vanish at once', () => {
    expect(vanishedAtOnce({ added: [], removed: Array(8).fill({}), modified: [] } as never, 2)).toEqual({ removed: 8, before: 10 })
    expect(vanishedAtOnce({ added: [], removed: Array(2).fill({}), modified: [] } as never, 1)).toBeUndefined() // too few to tell
    expect(vanishedAtOnce({ added: [], removed: Array(4).fill({}), modified: [] } as never, 6)).toBeUndefined() // 4 of 10
  })

  it('prints the vanished hint under the report in watch', async () => {
    const many = api(Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`/r${index}`, { get: { responses: ok } }])))
    vi.useFakeTimers(WAITS_ONLY)
    const { state, server } = await devServer(many)
    const cli = watch([`${server.url}/openapi.json`, '--interval', '1000'])
    await cli.waitForStdout(/in sync/)
    state.body = api({ '/r0': { get: { responses: ok } } })
    await vi.advanceTimersByTimeAsync(1000)
    await cli.waitForStdout(/hint: 9 of 10 operations vanished at once: is the server's spec generation broken/)
  })
})

describe('watch --out (items 6 and 7, issue 11 items 5 and --out folders)', () => {
  it('a restart prints what changed while it was off, against the saved baseline', async () => {
    const { state, server } = await devServer(v1)
    const dir = await tempDir()
    const args = [`${server.url}/openapi.json`, '--out', 'pets.postman.json', '--interval', '600000']
    let cli = watch(args, dir)
    await cli.waitForStderr(/wrote pets\.postman\.json/)
    cli.stop()
    await cli.exited
    state.body = v2
    cli = watch(args, dir)
    await cli.waitForStdout(/changed since the last run: /)
    expect(cli.stdout()).toMatch(/DELETE \/pets\/\{id\} was added/)
  })

  it('defaults baseUrl to the source’s origin, marks removed requests visibly, and names the request and field of a conflict', async () => {
    vi.useFakeTimers(WAITS_ONLY)
    const { state, server } = await devServer(v2)
    const dir = await tempDir()
    const out = join(dir, 'pets.postman.json')
    const cli = watch([`${server.url}/openapi.json`, '--out', out, '--interval', '1000'], dir)
    await vi.waitFor(() => expect(existsSync(out)).toBe(true), { timeout: 10_000 })
    const written = JSON.parse(readFileSync(out, 'utf8')) as { variable: Array<{ key: string; value: string }>; item: Array<{ name: string }> }
    expect(written.variable).toContainEqual(expect.objectContaining({ key: 'baseUrl', value: server.url }))

    // The user renames a request; the spec renames it too (conflict), and drops the other operation.
    const edited = JSON.parse(readFileSync(out, 'utf8')) as { item: PostmanItem[] }
    const flatten = (list: PostmanItem[]): PostmanItem[] => list.flatMap((item) => (item.item ? flatten(item.item) : [item]))
    flatten(edited.item).find((item) => item.name === 'List pets')!.name = 'My pets'
    writeFileSync(out, JSON.stringify(edited))
    state.body = api({ '/pets': { get: { operationId: 'listPets', summary: 'List all pets', responses: ok } } })
    await vi.advanceTimersByTimeAsync(1000)
    await cli.waitForStderr(/1 conflict kept your value \(GET \/pets: name\)/)
    expect(requestNames(out)).toEqual(['My pets', '[removed] Delete a pet'])

    // The operation comes back: the mark goes.
    state.body = v2
    await vi.advanceTimersByTimeAsync(1000)
    await vi.waitFor(() => expect(requestNames(out)).toEqual(['Delete a pet', 'My pets']), { timeout: 10_000 })
  })

  it('--out into a folder that does not exist creates it', async () => {
    const { server } = await devServer(v1)
    const dir = await tempDir()
    const out = join(dir, 'new', 'deeper', 'pets.postman.json')
    watch([`${server.url}/openapi.json`, '--out', out, '--interval', '600000'], dir)
    await vi.waitFor(() => expect(existsSync(out)).toBe(true), { timeout: 10_000 })
  })

  it('URLs that differ only in a query value are two sources', async () => {
    const { server } = await devServer(v1)
    const cli = watch([`${server.url}/spec?version=1`, `${server.url}/spec?version=2`, '--interval', '600000'])
    await cli.waitForStdout(/\(#2\) {2}in sync/)
    expect(cli.stdout()).toMatch(/spec\?version=\*\*\* \(#1\) {2}in sync/)
    expect(server.requests.map((request) => request.url).sort()).toEqual(['/spec?version=1', '/spec?version=2'])
  })

  it('keeps the merge base per source and output file: two projects sharing a collections folder do not mix', async () => {
    const root = await tempDir()
    const shared = join(root, 'collections')
    for (const project of ['a', 'b']) {
      const dir = join(root, project)
      await import('node:fs/promises').then((fs) => fs.mkdir(dir))
      writeFileSync(join(dir, 'openapi.json'), project === 'a' ? v1 : v2)
      const cli = watch(['openapi.json', '--out', `../collections/${project}.postman.json`, '--interval', '600000'], dir)
      await cli.waitForStderr(/wrote/)
      cli.stop()
      await cli.exited
    }
    const stateFiles = readdirSync(join(shared, '.api-live-sync')).filter((name) => name.endsWith('.json'))
    expect(stateFiles).toHaveLength(2)
    // A restart of project a finds its own baseline: nothing changed since its last run.
    const again = watch(['openapi.json', '--out', '../collections/a.postman.json', '--interval', '600000'], join(root, 'a'))
    await again.waitForStdout(/in sync: .*1 operation, no changes since the last run/)
  })
})

describe('terminal escapes from outside (issue 11 item 11)', () => {
  const hostile = api(
    { '/users\u001b]52;c;ZXZpbA==\u0007': { get: { responses: ok } }, '/pets\u001b[2K\r': { get: { responses: ok } } },
    { info: { title: 'Pets\u001b]0;pwned\u0007\u009b2J', version: '1' } },
  )

  it('strips control characters from documents in watch output, keeping the CLI’s own colours', async () => {
    vi.useFakeTimers(WAITS_ONLY)
    const { state, server } = await devServer(v1)
    const cli = startCliInProcess(['watch', `${server.url}/openapi.json`, '--interval', '1000'], { env: { FORCE_COLOR: '1' } })
    clis.push(cli)
    await cli.waitForStdout(/in sync/)
    state.body = hostile
    await vi.advanceTimersByTimeAsync(1000)
    await cli.waitForStdout(/changed/)
    await cli.waitForStdout(/was added/)
    const output = cli.stdout() + cli.stderr()
    const escapes = output.match(/\u001b[^m]*m|\u001b\]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g) ?? []
    // Only SGR colour sequences are left, and they are ours.
    expect(escapes.every((escape) => /^\u001b\[(1|2|22|31|32|33|36|39)m$/.test(escape))).toBe(true)
    expect(output).toContain('\u001b[32min sync\u001b[39m')
    expect(output).toContain('/users]52;c;ZXZpbA==')
  })

  it('strips them from an HTTP reason phrase in a failure line', async () => {
    const { createServer } = await import('node:net')
    const raw = createServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 503 Busy\u001b]0;pwned\u0007 now\r\ncontent-length: 0\r\nconnection: close\r\n\r\n'))
    })
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve))
    const { port } = raw.address() as { port: number }
    try {
      const cli = watch([`http://127.0.0.1:${port}/openapi.json`, '--type', 'openapi', '--retries', '0', '--interval', '1000'])
      await cli.waitForStderr(/sync failed: HTTP_ERROR/)
      expect(cli.stderr()).toContain('HTTP 503 Busy]0;pwned now')
      expect(cli.stderr()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
      cli.stop()
      await cli.exited
    } finally {
      raw.close()
    }
  })
})

describe('the terminal-safe output filter', () => {
  it('keeps the palette’s colours and drops every other control character', async () => {
    const { createPalette, terminalSafeOutput } = await import('../src/cli/color.js')
    let written = ''
    const safe = terminalSafeOutput({ write: (text: string) => (written += text) })
    const palette = createPalette(true)
    safe.write(`${palette.red('removed')} GET /x\u001b]52;c;ZXZpbA==\u0007\u001b[2K\r\u009b31m\n`)
    expect(written).toBe('\u001b[31mremoved\u001b[39m GET /x]52;c;ZXZpbA==[2K31m\n')
  })
})
