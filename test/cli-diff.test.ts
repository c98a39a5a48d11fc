import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stringify as toYaml } from 'yaml'
import type { ChangeSet } from '../src/model/change.js'
import type { ChangeSetJson } from '../src/diff/change-set-json.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { sha256Hex } from '../src/formats/hash.js'
import { runCliInProcess } from './helpers/cli-in-process.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'

let dir: string
let server: TestServer
const served = new Map<string, { status?: number; body: string }>()

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'als-cli-diff-'))
  server = await startTestServer((request, response) => {
    const route = served.get(request.url ?? '')
    response.statusCode = route?.status ?? (route ? 200 : 404)
    response.setHeader('content-type', 'application/json')
    response.end(route?.body ?? '{"error":"not found"}')
  })
})

afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

type Doc = Record<string, unknown>

function api(paths: Record<string, unknown>): Doc {
  return { openapi: '3.0.3', info: { title: 'Pets', version: '1.0.0' }, paths }
}

const ok = { '200': { description: 'ok' } }
const petSchema = { type: 'object', properties: { id: { type: 'string' }, nickname: { type: 'string' } } }
const v1: Doc = {
  ...api({
    '/pets': { get: { operationId: 'listPets', responses: { '200': { description: 'ok', content: { 'application/json': { schema: petSchema } } } } } },
    '/pets/{petId}': { get: { operationId: 'getPet', parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } },
  }),
  servers: [{ url: 'https://pets.example.test' }, { url: 'https://pets-eu.example.test' }],
}

let fileCount = 0
async function file(doc: Doc | string, extension = 'json'): Promise<string> {
  fileCount++
  const path = join(dir, `spec-${fileCount}.${extension}`)
  await writeFile(path, typeof doc === 'string' ? doc : extension === 'json' ? JSON.stringify(doc, null, 2) : toYaml(doc))
  return path
}

function variant(change: (doc: any) => void): Doc {
  const copy = structuredClone(v1)
  change(copy)
  return copy
}

/** The change set the library itself computes, to tie exit codes to severities without hard-coding rule choices. */
async function libraryDiff(before: Doc, after: Doc): Promise<ChangeSet> {
  const snapshot = async (doc: Doc) => {
    const { snapshot, canonical } = await openapiFormat.normalize(JSON.stringify(doc), { sourceId: 'x' })
    return { ...snapshot, fingerprint: await sha256Hex(canonical) }
  }
  return openapiFormat.diff(await snapshot(before), await snapshot(after))
}

describe('api-live-sync diff', () => {
  it('reports a removed operation as breaking, before the additions, and exits 1', async () => {
    const after = variant((doc) => {
      delete doc.paths['/pets/{petId}']
      doc.paths['/pets'].post = { operationId: 'addPet', responses: ok }
    })
    const { code, stdout, stderr } = await runCliInProcess(['diff', await file(v1), await file(after, 'yaml')])

    expect(stderr).toBe('')
    expect(code).toBe(1)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('1 breaking, 0 warnings, 1 info (1 added, 1 removed, 0 modified)')
    expect(lines).toEqual([
      lines[0],
      'BREAKING',
      '  GET /pets/{petId} was removed [operation-removed]',
      'INFO',
      '  POST /pets was added [operation-added]',
    ])
  })

  it('exits 0 with "no changes" for the same document reformatted (YAML vs JSON, keys reordered)', async () => {
    const reordered = { servers: v1.servers, paths: v1.paths, info: v1.info, openapi: v1.openapi }
    const { code, stdout } = await runCliInProcess(['diff', await file(v1), await file(reordered, 'yaml')])
    expect(code).toBe(0)
    expect(stdout).toBe('no changes\n')
  })

  it('exits 0 when only additions are found, whatever --fail-on says', async () => {
    const after = variant((doc) => (doc.paths['/owners'] = { get: { responses: ok } }))
    const oldPath = await file(v1)
    const newPath = await file(after)
    expect((await runCliInProcess(['diff', oldPath, newPath])).code).toBe(0)
    expect((await runCliInProcess(['diff', oldPath, newPath, '--fail-on', 'warning'])).code).toBe(0)
  })

  it('--fail-on warning also fails on warnings', async () => {
    // A server removed is a warning: no breaking change, so only --fail-on warning fails.
    const after = variant((doc) => doc.servers.pop())
    const expected = await libraryDiff(v1, after)
    expect(new Set(expected.changes.map((change) => change.severity))).toEqual(new Set(['warning']))
    const oldPath = await file(v1)
    const newPath = await file(after)

    const byDefault = await runCliInProcess(['diff', oldPath, newPath])
    const onWarning = await runCliInProcess(['diff', oldPath, newPath, '--fail-on', 'warning'])

    expect(byDefault.code).toBe(0)
    expect(onWarning.code).toBe(1)
    expect(byDefault.stdout).toContain('pets-eu.example.test')
  })

  it('reports a removed response property as breaking (exit 1)', async () => {
    const after = variant((doc) => delete doc.paths['/pets'].get.responses['200'].content['application/json'].schema.properties.nickname)
    const { code, stdout } = await runCliInProcess(['diff', await file(v1), await file(after)])
    expect(code).toBe(1)
    expect(stdout).toContain('GET /pets')
    expect(stdout).toContain('nickname')
  })

  it('--json prints the ChangeSet', async () => {
    const after = variant((doc) => delete doc.paths['/pets/{petId}'])
    const { code, stdout } = await runCliInProcess(['diff', await file(v1), await file(after), '--json'])

    expect(code).toBe(1)
    const changes = JSON.parse(stdout) as ChangeSetJson
    expect(changes.summary).toEqual({ added: 0, removed: 1, modified: 0, breaking: 1, warning: 0, info: 0, operations: 1 })
    expect(changes.removed.map((operation) => operation.key)).toEqual(['GET /pets/{petId}'])
    expect(changes.changes[0]).toMatchObject({ kind: 'operation-removed', severity: 'breaking', operation: 'GET /pets/{petId}' })
  })

  it('compares a URL with a file', async () => {
    served.set('/v1/openapi.json', { body: JSON.stringify(v1) })
    const after = variant((doc) => delete doc.paths['/pets/{petId}'])
    const { code, stdout } = await runCliInProcess(['diff', `${server.url}/v1/openapi.json`, await file(after)])
    expect(code).toBe(1)
    expect(stdout).toContain('GET /pets/{petId} was removed')
  })

  it('colours the report only when asked: FORCE_COLOR on, NO_COLOR off', async () => {
    const after = variant((doc) => delete doc.paths['/pets/{petId}'])
    const oldPath = await file(v1)
    const newPath = await file(after)

    const forced = await runCliInProcess(['diff', oldPath, newPath], { env: { FORCE_COLOR: '1' } })
    const disabled = await runCliInProcess(['diff', oldPath, newPath], { env: { NO_COLOR: '1' } })
    const piped = await runCliInProcess(['diff', oldPath, newPath])

    expect(forced.stdout).toContain('\u001b[31m')
    expect(disabled.stdout).not.toContain('\u001b[')
    expect(piped.stdout).not.toContain('\u001b[')
    expect(forced.stdout.replace(/\u001b\[\d+m/g, '')).toBe(piped.stdout)
  })

  describe('errors: one line naming the file, exit 2', () => {
    it('a missing file', async () => {
      const missing = join(dir, 'nope.json')
      const { code, stdout, stderr } = await runCliInProcess(['diff', missing, await file(v1)])
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toBe(`api-live-sync: Source "${missing}": file not found: ${missing}\n`)
    })

    it('a file that is not valid JSON', async () => {
      const broken = await file('{\n  "openapi": "3.0.3",\n  "paths": {\n')
      const { code, stderr } = await runCliInProcess(['diff', await file(v1), broken])
      expect(code).toBe(2)
      expect(stderr.split('\n')).toHaveLength(2)
      expect(stderr).toMatch(/^api-live-sync: .*spec-\d+\.json.* is not valid JSON/)
    })

    it('a file that is no API definition', async () => {
      const notApi = await file({ hello: 'world' })
      const { code, stderr } = await runCliInProcess(['diff', notApi, notApi])
      expect(code).toBe(2)
      expect(stderr).toBe(`api-live-sync: cannot tell what kind of API definition ${notApi} is (not OpenAPI, GraphQL or Postman); pass --type\n`)
    })

    it('two different kinds of definition', async () => {
      const collection = await file({ info: { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] })
      const openapi = await file(v1)
      const { code, stderr } = await runCliInProcess(['diff', openapi, collection])
      expect(code).toBe(2)
      expect(stderr).toBe(`api-live-sync: ${openapi} is openapi but ${collection} is postman: they cannot be compared\n`)
    })

    it('an HTTP error, without the URL password or header values', async () => {
      const url = server.url.replace('http://', 'http://reader:pa55word@') + '/missing.json?token=abc123'
      const { code, stdout, stderr } = await runCliInProcess(['diff', url, await file(v1), '--header', 'Authorization: Bearer s3cret-value'])
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr.split('\n')).toHaveLength(2)
      expect(stderr).toContain('HTTP 404')
      for (const secret of ['pa55word', 'abc123', 's3cret-value']) expect(stderr).not.toContain(secret)
    })
  })
})
