import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startCliInProcess, WAITS_ONLY, type InProcessCli } from './helpers/cli-in-process.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'

// Issue 5: `watch <spec> --out collection.postman.json` keeps a Postman file in sync, and edits the
// user makes in that file survive later syncs, and a restart of the CLI.

const running: InProcessCli[] = []
let server: TestServer | undefined
let dir = ''

afterEach(async () => {
  vi.useRealTimers()
  for (const cli of running.splice(0)) {
    cli.stop()
    await cli.exited
  }
  await server?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const ok = { '200': { description: 'ok' } }
const api = (paths: Record<string, unknown>) => JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths })
const v1 = api({ '/pets': { get: { operationId: 'listPets', summary: 'List pets', responses: ok } } })
const v2 = api({
  '/pets': { get: { operationId: 'listPets', summary: 'List pets', responses: ok } },
  '/pets/{id}': { delete: { operationId: 'deletePet', summary: 'Delete a pet', responses: ok } },
})
const v3 = api({
  '/pets': { get: { operationId: 'listPets', summary: 'List all pets', responses: ok } },
  '/pets/{id}': { delete: { operationId: 'deletePet', summary: 'Delete a pet', responses: ok } },
})

type PostmanItem = { name: string; item?: PostmanItem[]; request?: { method: string; header?: Array<{ key: string; value: string }> }; event?: Array<{ listen: string; script: { exec: string[] } }> }
const flatten = (list: PostmanItem[]): PostmanItem[] => list.flatMap((item) => (item.item ? flatten(item.item) : [item]))
const items = (file: string): PostmanItem[] => flatten((JSON.parse(readFileSync(file, 'utf8')) as { item: PostmanItem[] }).item)

describe('api-live-sync watch --out', () => {
  it('writes the collection, merges later changes into it, and keeps the user’s edits across syncs and restarts', async () => {
    vi.useFakeTimers(WAITS_ONLY)
    let document = v1
    server = await startTestServer((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(document)
    })
    dir = await mkdtemp(join(tmpdir(), 'als-out-'))
    const out = join(dir, 'pets.postman.json')
    const args = ['watch', `${server.url}/openapi.json`, '--out', out, '--interval', '1000']
    let cli = startCliInProcess(args, { cwd: dir })
    running.push(cli)
    await vi.waitFor(() => expect(existsSync(out)).toBe(true), { timeout: 15_000 })
    expect(items(out).map((item) => item.name)).toEqual(['List pets'])

    // The user edits the file the Postman way: a header, a test script.
    const collection = JSON.parse(readFileSync(out, 'utf8'))
    const list = flatten(collection.item).find((item: PostmanItem) => item.name === 'List pets') as { request: { header?: unknown[] }; event?: unknown }
    list.request.header = [...(list.request.header ?? []), { key: 'X-Team', value: 'platform' }]
    list.event = [{ listen: 'test', script: { type: 'text/javascript', exec: ["pm.test('200', () => pm.response.to.have.status(200))"] } }]
    writeFileSync(out, JSON.stringify(collection, null, 2))

    document = v2
    await vi.advanceTimersByTimeAsync(1000)
    await vi.waitFor(() => expect(items(out).map((item) => item.name).sort()).toEqual(['Delete a pet', 'List pets']), { timeout: 15_000 })
    const kept = items(out).find((item) => item.name === 'List pets')!
    expect(kept.request?.header).toContainEqual(expect.objectContaining({ key: 'X-Team', value: 'platform' }))
    expect(kept.event?.[0]?.script.exec.join('\n')).toContain("pm.test('200'")
    await cli.waitForStderr(/wrote pets\.postman\.json: 1 added/)
    cli.stop()
    expect(await cli.exited).toBe(0)
    expect(existsSync(join(dir, '.api-live-sync'))).toBe(true)

    // A restart picks up the saved merge base: the spec's rename applies, the user's edits stay.
    document = v3
    cli = startCliInProcess(args, { cwd: dir })
    running.push(cli)
    await vi.waitFor(() => expect(items(out).map((item) => item.name).sort()).toEqual(['Delete a pet', 'List all pets']), { timeout: 15_000 })
    const renamed = items(out).find((item) => item.name === 'List all pets')!
    expect(renamed.request?.header).toContainEqual(expect.objectContaining({ key: 'X-Team', value: 'platform' }))
    cli.stop()
    expect(await cli.exited).toBe(0)
  })

  it('refuses --out with more than one source, in one line', async () => {
    const cli = startCliInProcess(['watch', 'a.json', 'b.json', '--out', 'x.json'])
    running.push(cli)
    expect(await cli.exited).toBe(2)
    expect(cli.stderr().trim().split('\n')).toHaveLength(1)
    expect(cli.stderr()).toContain('--out')
  })
})
