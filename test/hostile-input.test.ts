import { execFileSync } from 'node:child_process'
import { constants, openSync, closeSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServerResponse } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { generateCollection, mergeCollection, toHoppscotchCollection, toPostmanCollection, fromPostmanCollection, type Collection } from '../src/collections/index.js'
import type { LiveSourceConfigInput } from '../src/config/config.js'
import { LiveSyncError } from '../src/errors/errors.js'
import { SyncEvents } from '../src/events/events.js'
import { fileStore } from '../src/node/file-store.js'
import { createNodeLoader } from '../src/node/node-loader.js'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import type { LiveSyncServiceOptions } from '../src/service/options.js'
import type { SyncResult } from '../src/model/sync.js'
import { runCliInProcess, startCliInProcess, WAITS_ONLY, type InProcessCli } from './helpers/cli-in-process.js'
import { closedPortUrl, type TestRequestHandler, type TestServer } from './helpers/http-server.js'
import { serve } from './helpers/serve.js'

/**
 * Hostile input, end to end: a real service over real HTTP (127.0.0.1) meets documents and servers
 * built to hurt it. Each case must end in a bounded, typed, clearly worded result, and no secret may
 * surface anywhere a host or a user can read. Format-level cases (10,000-level nesting, alias limits,
 * prototype keys in OpenAPI normalization) live in openapi-normalize-robustness.test.ts; these add the
 * service, the HTTP transport, the other formats, the collection tools, the store and the CLI.
 */

const services: LiveSyncService[] = []
const dirs: string[] = []

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()))
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

function newService(options: LiveSyncServiceOptions = {}): LiveSyncService {
  const service = new LiveSyncService({ retry: { retries: 0 }, timeout: 2_000, onListenerError: () => {}, ...options })
  services.push(service)
  return service
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'als-hostile-'))
  dirs.push(dir)
  return dir
}

/** Adds one source at `url` and syncs it once. */
async function syncOnce(url: string, options: LiveSyncServiceOptions = {}, config: Partial<LiveSourceConfigInput> = {}): Promise<SyncResult> {
  const service = newService(options)
  await service.addSource({ id: 'hostile', name: 'Hostile', type: 'openapi', url, refreshInterval: 0, ...config } as LiveSourceConfigInput)
  return service.syncSource('hostile')
}

const ok = { '200': { description: 'ok' } }
const petsV1 = JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths: { '/pets': { get: { responses: ok } } } })

function json(response: ServerResponse, body: string | Buffer, contentType = 'application/json'): void {
  response.writeHead(200, { 'content-type': contentType }).end(body)
}

// ── size and time ─────────────────────────────────────────────────────────────────────────────

const HUNDRED_MB = 100 * 1024 * 1024

/** What a streaming handler saw: how much it wrote and whether the client hung up before the end. */
interface StreamLog {
  written: number
  closedEarly: boolean
}

/**
 * Streams `total` bytes of JSON-ish filler with backpressure (never more than a socket buffer ahead of
 * the client), stopping as soon as the client closes the connection.
 */
function streamFiller(total: number, headers: Record<string, string>, log: StreamLog): TestRequestHandler {
  const chunk = Buffer.alloc(64 * 1024, 0x20) // spaces: valid JSON whitespace, valid UTF-8
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', ...headers })
    response.write('[')
    log.written = 1
    response.on('close', () => {
      if (log.written < total) log.closedEarly = true
    })
    const pump = () => {
      while (!response.destroyed && log.written < total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - log.written))
        log.written += piece.length
        if (!response.write(piece)) {
          response.once('drain', pump)
          return
        }
      }
      if (!response.destroyed) response.end()
    }
    pump()
  }
}

describe('a 100 MB body', () => {
  it('is refused as TOO_LARGE by the default 50 MiB limit while streaming, and the connection is closed early', async () => {
    const log: StreamLog = { written: 0, closedEarly: false }
    const server = await serve(streamFiller(HUNDRED_MB, {}, log))
    // A generous timeout: streaming 50 MiB on a loaded 2-core machine can take seconds, and a timeout
    // (retryable) would hide what this checks: that too large is final.
    const result = await syncOnce(`${server.url}/huge.json`, { retry: { retries: 2 }, timeout: 60_000 })
    expect(result.status).toBe('failed')
    expect(result.error?.code).toBe('TOO_LARGE')
    expect(result.error?.message).toBe(`Source "hostile" (GET ${server.url}/huge.json): the server sent more than the limit of 52428800 bytes`)
    expect(result.attempts).toBe(1) // too large is final: no retry downloads it again
    await expect.poll(() => log.closedEarly).toBe(true)
    // Read up to the limit, never the whole body: the server stopped well short of 100 MB.
    expect(log.written).toBeLessThan(HUNDRED_MB - 16 * 1024 * 1024)
  }, 90_000)

  it('declared by Content-Length is refused before the body is read', async () => {
    const log: StreamLog = { written: 0, closedEarly: false }
    const server = await serve(streamFiller(HUNDRED_MB, { 'content-length': String(HUNDRED_MB + 1) }, log))
    const result = await syncOnce(`${server.url}/huge.json`)
    expect(result.error?.code).toBe('TOO_LARGE')
    expect(result.error?.message).toContain('declares a body larger than the limit of 52428800 bytes')
    await expect.poll(() => log.closedEarly).toBe(true)
    expect(log.written).toBeLessThan(16 * 1024 * 1024)
  })
})

describe('a body that never ends', () => {
  it('ends with TIMEOUT after each attempt, the connection closed and the last good snapshot kept', async () => {
    let endless = false
    let timers = 0
    const closed: boolean[] = []
    const server = await serve((_request, response) => {
      if (!endless) return json(response, petsV1)
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"openapi": "3.0.3", "x": "')
      const timer = setInterval(() => response.write('x'), 10)
      timers++
      response.on('close', () => {
        clearInterval(timer)
        closed.push(true)
      })
    })
    const service = newService({ timeout: 250, retry: { retries: 1, minTimeout: 1, maxTimeout: 1 } })
    await service.addSource({ id: 'endless', name: 'Endless', type: 'openapi', url: `${server.url}/spec.json`, refreshInterval: 0 })
    const good = await service.syncSource('endless')
    endless = true
    const result = await service.syncSource('endless')
    expect(result.status).toBe('failed')
    expect(result.error?.code).toBe('TIMEOUT')
    expect(result.error?.message).toBe('Source "endless" did not answer within 250 ms')
    expect(result.attempts).toBe(2)
    expect(timers).toBe(2)
    await expect.poll(() => closed.length).toBe(2)
    expect(service.getSnapshot('endless')?.fingerprint).toBe(good.fingerprint)
  })
})

// ── documents built to hurt ──────────────────────────────────────────────────────────────────

const DEPTH = 100_000
const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH)
const postmanSchema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

describe('100,000-level nesting over HTTP', () => {
  const openapi = (body: string) => `{"openapi":"3.0.3","info":{"title":"T","version":"1"},${body}}`
  const deepSchema = '{"type":"array","items":'.repeat(DEPTH) + '{}' + '}'.repeat(DEPTH)
  const nestedTooDeeply = /nested too deeply/
  const cases: Array<[string, 'openapi' | 'graphql' | 'postman', string, string, string, RegExp]> = [
    ['OpenAPI JSON, in a response schema', 'openapi', openapi(`"paths":{"/a":{"get":{"responses":{"200":{"description":"x","content":{"application/json":{"schema":${deepSchema}}}}}}}}`), 'application/json', 'INVALID_SPEC', nestedTooDeeply],
    ['OpenAPI JSON, in an example', 'openapi', openapi(`"paths":{"/a":{"get":{"responses":{"200":{"description":"x","content":{"application/json":{"example":${deepArray}}}}}}}}`), 'application/json', 'INVALID_SPEC', nestedTooDeeply],
    ['OpenAPI YAML, in a flow sequence', 'openapi', `openapi: 3.0.3\ninfo: {title: T, version: "1"}\npaths: {}\nx-deep: ${deepArray}\n`, 'application/yaml', 'PARSE_ERROR', /is not valid YAML at line 4, column \d+: it is nested too deeply$/],
    ['a bare JSON array as an OpenAPI document', 'openapi', deepArray, 'application/json', 'INVALID_SPEC', /found an array/],
    ['GraphQL SDL, in a list type', 'graphql', `type Query { a: ${'['.repeat(DEPTH)}Int${']'.repeat(DEPTH)} }`, 'application/graphql', 'INVALID_SPEC', nestedTooDeeply],
    ['GraphQL introspection, in an ofType chain', 'graphql', `{"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"OBJECT","name":"Query","interfaces":[],"fields":[{"name":"a","args":[],"isDeprecated":false,"type":${'{"kind":"LIST","ofType":'.repeat(DEPTH)}{"kind":"SCALAR","name":"Int"}${'}'.repeat(DEPTH)}}]}]}}`, 'application/json', 'INVALID_SPEC', /is not a usable GraphQL schema: it is nested too deeply$/],
    ['a bare JSON array as a Postman collection', 'postman', deepArray, 'application/json', 'INVALID_SPEC', /expected a JSON object, got an? array/],
  ]

  it.each(cases)('%s is a typed error saying why, and the process goes on', async (_name, type, body, contentType, code, why) => {
    const server = await serve((_request, response) => json(response, body, contentType))
    // GraphQL URLs that name a schema file are fetched with GET, like the others (an endpoint would get the introspection POST).
    const result = await syncOnce(`${server.url}/deep${type === 'graphql' ? '.graphql' : ''}`, {}, { type })
    expect(result.status).toBe('failed')
    expect(result.error).toBeInstanceOf(LiveSyncError)
    expect(result.error!.code).toBe(code)
    expect(result.error!.message).toContain('source "hostile"')
    expect(result.error!.message).toMatch(why)
    expect(result.attempts).toBe(1)
  })

  it('inside values a Postman collection only carries (a raw body, a saved response) does no harm', async () => {
    const collection = `{"info":{"name":"C","schema":"${postmanSchema}"},"item":[{"name":"r","request":{"method":"POST","url":"https://x.test/a","body":{"mode":"raw","raw":${JSON.stringify(deepArray)}}},"response":[{"name":"e","code":200,"body":${JSON.stringify(deepArray)}}],"x-deep":${deepArray}}]}`
    const server = await serve((_request, response) => json(response, collection))
    const result = await syncOnce(`${server.url}/c.json`, {}, { type: 'postman' })
    expect(result.status).toBe('success')
    expect(result.changes?.added.map((operation) => operation.key)).toEqual(['POST /a'])
  })
})

describe('a YAML alias bomb over HTTP', () => {
  const bomb = (header: string) => {
    const lines = [header, 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for (let level = 1; level <= 12; level++) lines.push(`a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`)
    return `${lines.join('\n')}\n`
  }

  it.each([
    ['openapi', 'openapi: 3.0.3'],
    ['postman', `info: {name: C, schema: "${postmanSchema}"}`],
  ] as const)('as %s is a PARSE_ERROR naming the alias limit, not a billion strings', async (type, header) => {
    const server = await serve((_request, response) => json(response, bomb(header), 'application/yaml'))
    const result = await syncOnce(`${server.url}/bomb.yaml`, {}, { type })
    expect(result.status).toBe('failed')
    const error = result.error!
    expect(['PARSE_ERROR', 'INVALID_SPEC']).toContain(error.code)
    // Postman wraps a YAML failure as "not a collection"; the cause is the parser's alias limit either way.
    const parseError = error.code === 'PARSE_ERROR' ? error : (error.cause as LiveSyncError)
    expect(parseError.code).toBe('PARSE_ERROR')
    expect(parseError.message).toMatch(/alias/i)
    expect(result.attempts).toBe(1)
  })
})

describe('invalid UTF-8', () => {
  it('is a PARSE_ERROR (format utf-8) that is not retried and keeps the last good snapshot', async () => {
    let broken = false
    const server = await serve((_request, response) => json(response, broken ? Buffer.concat([Buffer.from(petsV1.slice(0, 40)), Buffer.from([0xc3, 0x28, 0xff])]) : petsV1))
    const service = newService({ retry: { retries: 3, minTimeout: 1 } })
    await service.addSource({ id: 'utf8', name: 'U', type: 'openapi', url: `${server.url}/spec.json`, refreshInterval: 0 })
    const good = await service.syncSource('utf8')
    broken = true
    const result = await service.syncSource('utf8')
    expect(result.error).toMatchObject({ code: 'PARSE_ERROR', format: 'utf-8' })
    expect(result.error?.message).toBe(`Source "utf8" (GET ${server.url}/spec.json): the body is not valid UTF-8`)
    expect(result.attempts).toBe(1)
    expect(server.requests).toHaveLength(2)
    expect(service.getSnapshot('utf8')?.fingerprint).toBe(good.fingerprint)
  })
})

describe('a redirect loop', () => {
  it('is a NETWORK_ERROR after a bounded number of requests per attempt', async () => {
    const server = await serve((_request, response) => void response.writeHead(302, { location: '/loop' }).end())
    const result = await syncOnce(`${server.url}/loop`, { retry: { retries: 1, minTimeout: 1, maxTimeout: 1 } })
    expect(result.status).toBe('failed')
    expect(result.error?.code).toBe('NETWORK_ERROR')
    expect(result.error?.message).toBe(`Source "hostile" (GET ${server.url}/loop): the request failed (too many redirects)`)
    expect(result.attempts).toBe(2)
    // fetch gives up after 20 redirects: 21 requests per attempt at most.
    expect(server.requests.length).toBeLessThanOrEqual(2 * 21)
    expect(server.requests.length).toBeGreaterThan(2)
  })
})

describe('external $refs', () => {
  let fifoDir: string
  let fifo: string | undefined

  beforeAll(async () => {
    fifoDir = await mkdtemp(join(tmpdir(), 'als-fifo-'))
    try {
      // A named pipe: opening it for reading would block until a writer came, so a loader that
      // followed the ref would hang, and a reader left waiting on it is detectable afterwards.
      execFileSync('mkfifo', [join(fifoDir, 'pet.yaml')])
      fifo = join(fifoDir, 'pet.yaml')
    } catch {
      fifo = undefined
    }
    await writeFile(join(fifoDir, 'secret.json'), JSON.stringify({ Pet: { type: 'string' } }))
  })

  afterAll(async () => {
    await rm(fifoDir, { recursive: true, force: true })
  })

  /** True when some process has the pipe open for reading (a write-only, non-blocking open then succeeds). */
  function pipeHasReader(path: string): boolean {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK))
      return true
    } catch {
      return false // ENXIO: nobody is reading
    }
  }

  it('to a URL and to local files are left as warnings: never fetched, never read', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/spec.json') return json(response, spec)
      json(response, JSON.stringify({ Pet: { type: 'integer' } }))
    })
    const externalUrl = `${server.url}/external.json#/Pet`
    const localPipe = fifo ?? join(fifoDir, 'pet.yaml')
    const refs = [externalUrl, `file://${localPipe}#/Pet`, `${join(fifoDir, 'secret.json')}#/Pet`, './secret.json#/Pet', '../../../../etc/passwd']
    const spec = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Refs', version: '1' },
      paths: {
        '/pets': {
          get: {
            parameters: [{ $ref: `${server.url}/external.json#/components/parameters/Limit` }],
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: Object.fromEntries(refs.map((ref, index) => [`p${index}`, { $ref: ref }])) } } } },
              '404': { $ref: './secret.json#/NotFound' },
            },
          },
        },
        '/remote': { $ref: `${server.url}/external.json#/paths/~1remote` },
      },
      components: { schemas: { Remote: { $ref: externalUrl } } },
    })
    const result = await syncOnce(`${server.url}/spec.json`, { timeout: 1_000 })
    expect(result.status).toBe('success')
    expect(server.requests.map((request) => request.url)).toEqual(['/spec.json'])
    if (fifo !== undefined) expect(pipeHasReader(fifo)).toBe(false)
    const snapshot = services[0]!.getSnapshot('hostile')!
    for (const ref of refs) expect(snapshot.warnings).toContain(`$ref "${ref}" points outside the document and is not followed`)
    expect(snapshot.warnings).toContain(`$ref "./secret.json#/NotFound" points outside the document and is not followed`)
    expect(JSON.stringify(snapshot)).not.toContain('"integer"') // the external document's content never got in
  })

  it('next to a spec file, a relative $ref to a sibling file is never read', async () => {
    const specPath = join(fifoDir, 'openapi.json')
    const sibling = fifo === undefined ? './secret.json' : './pet.yaml'
    const spec = { openapi: '3.0.3', info: { title: 'Files', version: '1' }, paths: { '/pets': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `${sibling}#/Pet` } } } } } } } } }
    await writeFile(specPath, JSON.stringify(spec))
    const service = newService({ loader: createNodeLoader(), timeout: 1_000 })
    await service.addSource({ id: 'file', name: 'F', type: 'openapi', filePath: specPath, refreshInterval: 0 })
    const result = await service.syncSource('file')
    expect(result.status).toBe('success')
    expect(service.getSnapshot('file')?.warnings).toContain(`$ref "${sibling}#/Pet" points outside the document and is not followed`)
    if (fifo !== undefined) expect(pipeHasReader(fifo)).toBe(false)
  })
})

// ── prototype pollution ──────────────────────────────────────────────────────────────────────

/** `"__proto__": {...}, "constructor": {...}, "prototype": {...}` as JSON text (object literals would set prototypes). */
const POISON = '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}'

const poisonedDocuments: Record<'openapi' | 'graphql' | 'postman', (version: number) => string> = {
  openapi: (version) => `{${POISON},"openapi":"3.0.3","info":{${POISON},"title":"T","version":"${version}"},
    "paths":{${POISON},"/__proto__/{constructor}":{${POISON},"get":{${POISON},"operationId":"__proto__",
      "parameters":[{${POISON},"name":"constructor","in":"path","required":true,"schema":{"type":"string"}},{"name":"__proto__","in":"query","schema":{"$ref":"#/components/schemas/__proto__"}}],
      "responses":{${POISON},"200":{${POISON},"description":"ok","headers":{${POISON}},"content":{"application/json":{${POISON},"schema":{"$ref":"#/components/schemas/prototype"},"examples":{${POISON}}}}}}}},
      "/prototype":{"post":{"requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{${POISON}},"required":["__proto__"]}}}},"responses":{"201":{"description":"x"}}}${version > 1 ? ',"delete":{"responses":{"204":{"description":"x"}}}' : ''}}},
    "components":{${POISON},"schemas":{"__proto__":{"type":"object","properties":{${POISON}},"example":{${POISON}}},"prototype":{"type":"string","enum":["__proto__","constructor"]},"constructor":{"type":"integer"}},
      "securitySchemes":{"__proto__":{"type":"apiKey","in":"header","name":"__proto__"}}},
    "security":[{"__proto__":[]}]}`,
  graphql: (version) => `{${POISON},"data":{${POISON},"__schema":{${POISON},"queryType":{"name":"Query"},"types":[
      {${POISON},"kind":"OBJECT","name":"Query","interfaces":[],"fields":[
        {${POISON},"name":"__proto__","args":[{"name":"constructor","type":{"kind":"SCALAR","name":"String"},"defaultValue":"\\"__proto__\\""}],"type":{"kind":"SCALAR","name":"String"},"isDeprecated":false},
        {"name":"constructor","args":[],"type":{"kind":"OBJECT","name":"prototype"},"isDeprecated":false}${version > 1 ? ',{"name":"valueOf","args":[],"type":{"kind":"SCALAR","name":"String"},"isDeprecated":false}' : ''}]},
      {"kind":"OBJECT","name":"prototype","interfaces":[],"fields":[{"name":"hasOwnProperty","args":[],"type":{"kind":"SCALAR","name":"String"},"isDeprecated":false}]},
      {"kind":"SCALAR","name":"String"}]}}}`,
  postman: (version) => `{${POISON},"info":{${POISON},"name":"C","schema":"${postmanSchema}"},"variable":[{"key":"__proto__","value":"x"}],"item":[
      {${POISON},"name":"__proto__","item":[{${POISON},"name":"constructor","request":{${POISON},"method":"${version > 1 ? 'PUT' : 'POST'}",
        "url":{${POISON},"raw":"https://x.test/__proto__/:constructor?__proto__=1","host":["x","test"],"path":["__proto__",":constructor"],"query":[{"key":"__proto__","value":"1"}],"variable":[{"key":"constructor","value":"1"}]},
        "header":[{"key":"__proto__","value":"v"}],"auth":{"type":"apikey","apikey":[{"key":"__proto__","value":"x"}]},
        "body":{${POISON},"mode":"raw","raw":"{\\"__proto__\\":{\\"polluted\\":true}}","options":{"raw":{"language":"json"}}}},
        "response":[{${POISON},"name":"prototype","code":200,"body":"{\\"constructor\\":1}"}]}]}]}`,
}

/** An operation each poisoned document has, named after the keys. */
const poisonedOperation: Record<'openapi' | 'graphql' | 'postman', string> = {
  openapi: 'GET /__proto__/{constructor}',
  graphql: 'QUERY __proto__',
  postman: 'PUT /__proto__/{constructor}',
}

/** What pollution would change: Object.prototype's and Array.prototype's own names, and what a fresh object inherits. */
function prototypeState(): string {
  const probe = {} as Record<string, unknown>
  return JSON.stringify({
    names: Object.getOwnPropertyNames(Object.prototype).sort(),
    polluted: probe['polluted'] ?? null,
    arrayNames: Object.getOwnPropertyNames(Array.prototype).sort(),
  })
}

describe('__proto__, constructor and prototype keys everywhere', () => {
  it.each(['openapi', 'graphql', 'postman'] as const)(
    '%s: through sync, diff, a synced collection, exports and saved state, Object.prototype stays clean',
    async (type) => {
      const clean = prototypeState()
      let version = 1
      const server = await serve((_request, response) => json(response, poisonedDocuments[type](version)))
      const dir = await tempDir()
      const service = newService({ store: fileStore(dir) })
      const url = `${server.url}/${type === 'graphql' ? 'schema.json' : 'doc.json'}`
      await service.addSource({ id: 'poison', name: 'P', type, url, refreshInterval: 0 })
      let written: Collection | undefined
      service.attachTarget('poison', { read: async () => written, write: async (collection) => void (written = collection) })

      const first = await service.syncSource('poison')
      expect(first.status, first.error?.message).toBe('success')
      version = 2
      const second = await service.syncSource('poison')
      expect(second.status, second.error?.message).toBe('success')
      expect(second.changesDetected).toBe(true)
      const snapshot = service.getSnapshot('poison')!
      // The keys stayed data: the operations named after them are there, as own properties.
      expect(snapshot.operations.map((operation) => operation.key)).toContain(poisonedOperation[type])
      expect(Object.getPrototypeOf(snapshot.operations[0])).toBe(Object.prototype)

      const collection = written!
      const exported = toPostmanCollection(collection)
      const reimported = fromPostmanCollection(JSON.parse(JSON.stringify(exported)))
      toHoppscotchCollection(reimported)
      mergeCollection({ base: generateCollection(snapshot), current: reimported, incoming: generateCollection(snapshot) })

      // A restart reads the saved state back, keys and all.
      const restarted = newService({ store: fileStore(dir) })
      await restarted.addSource({ id: 'poison', name: 'P', type, url, refreshInterval: 0 })
      expect(restarted.getSnapshot('poison')).toEqual(snapshot)
      const unchanged = await restarted.syncSource('poison')
      expect(unchanged).toMatchObject({ status: 'success', changesDetected: false, fingerprint: snapshot.fingerprint })

      expect(prototypeState()).toBe(clean)
    },
  )
})

// ── secrets ──────────────────────────────────────────────────────────────────────────────────

const HEADER_SECRET = 'hdr-5ecret-7f3a9c21'
const OTHER_HEADER_SECRET = 'hdr-5ecret-rotated-0b44'
const URL_PASSWORD = 'pw-5ecret-41b2e8'
const QUERY_SECRET = 'qry-5ecret-9d8e0a'
const SECRETS = [HEADER_SECRET, OTHER_HEADER_SECRET, URL_PASSWORD, QUERY_SECRET, Buffer.from(`alice:${URL_PASSWORD}`).toString('base64')]

/**
 * Every piece of text a value exposes to whoever holds it: strings, keys, error messages, stacks,
 * causes (non-enumerable ones included), dates, and the value's JSON form.
 */
function exposedText(root: unknown): string {
  const texts: string[] = []
  const seen = new WeakSet<object>()
  const walk = (value: unknown, depth: number): void => {
    if (depth > 40) return
    if (typeof value === 'string') return void texts.push(value)
    if (typeof value !== 'object' || value === null) return void texts.push(String(value))
    if (seen.has(value)) return
    seen.add(value)
    if (value instanceof Date) return void texts.push(String(value.getTime()))
    if (value instanceof Map || value instanceof Set) return void [...value.entries()].forEach((entry) => walk(entry, depth + 1))
    for (const key of Object.getOwnPropertyNames(value)) {
      texts.push(key)
      walk((value as Record<string, unknown>)[key], depth + 1)
    }
    if (value instanceof Error) walk({ name: value.name, message: value.message, stack: value.stack, cause: value.cause }, depth + 1)
  }
  walk(root, 0)
  try {
    texts.push(JSON.stringify(root) ?? '')
  } catch {
    // cycles: the walk covered it
  }
  return texts.join('\n')
}

function expectNoSecret(where: string, text: string): void {
  for (const secret of SECRETS) expect(text.includes(secret), `${where} contains "${secret}"`).toBe(false)
}

/** A server of good and bad answers by path, echoing nothing of the request back. */
async function secretsServer(): Promise<{ server: TestServer; state: { version: number } }> {
  const state = { version: 1 }
  const doc = () => JSON.stringify({ openapi: '3.0.3', info: { title: 'Secret API', version: String(state.version) }, paths: { '/pets': { get: { responses: ok } }, ...(state.version > 1 ? { '/cats': { get: { responses: ok } } } : {}) } })
  const server = await serve((request, response) => {
    const path = (request.url ?? '').split('?')[0]
    switch (path) {
      case '/ok.json':
        return json(response, doc())
      case '/500':
        return void response.writeHead(500, { 'content-type': 'text/plain' }).end('boom')
      case '/429':
        return void response.writeHead(429, { 'retry-after': '0' }).end()
      case '/404':
        return void response.writeHead(404).end()
      case '/broken.json':
        return json(response, '{"openapi": "3.0.3", "info": ')
      case '/not-api.json':
        return json(response, '{"hello": "world"}')
      case '/utf8':
        return json(response, Buffer.from([0x7b, 0xff, 0x7d]))
      case '/big':
        return json(response, ' '.repeat(20_000))
      case '/slow':
        return void setTimeout(() => json(response, doc()), 1_000)
      case '/loop':
        return void response.writeHead(302, { location: '/loop' }).end()
      case '/reset':
        response.writeHead(200, { 'content-length': '1000' })
        return void response.write('{', () => response.socket?.destroy())
      default:
        return void response.writeHead(404).end()
    }
  })
  return { server, state }
}

function withCredentials(base: string, path: string): string {
  return `${base.replace('http://', `http://alice:${URL_PASSWORD}@`)}${path}?token=${QUERY_SECRET}&v=1`
}

describe('secrets (header values, URL passwords, query values)', () => {
  it('appear in no status, result, error (cause chain included), event payload or saved state', async () => {
    const { server, state } = await secretsServer()
    const refused = await closedPortUrl()
    const dir = await tempDir()
    const service = newService({ store: fileStore(dir), timeout: 300, maxBytes: 10_000, retry: { retries: 1, minTimeout: 1, maxTimeout: 5 } })
    const exposed: Array<[string, unknown]> = []
    for (const event of Object.values(SyncEvents)) service.on(event, (payload: unknown) => exposed.push([`event ${event}`, payload]))

    const paths = ['/ok.json', '/500', '/429', '/404', '/broken.json', '/not-api.json', '/utf8', '/big', '/slow', '/loop', '/reset']
    const configs: LiveSourceConfigInput[] = paths.map((path) => ({
      id: `s${path.replace(/\W/g, '-')}`,
      name: `Source ${path}`,
      type: 'openapi',
      url: withCredentials(server.url, path),
      refreshInterval: 0,
      headers: { 'X-Api-Key': HEADER_SECRET },
    }))
    configs.push({ id: 'refused', name: 'Refused', type: 'openapi', url: withCredentials(refused, '/x'), refreshInterval: 0, headers: { 'X-Api-Key': HEADER_SECRET } })
    // A header value the platform refuses (a line break): reported by name at sync time.
    configs.push({ id: 'bad-header', name: 'Bad', type: 'openapi', url: withCredentials(server.url, '/ok.json'), refreshInterval: 0, headers: { 'X-Api-Key': `${HEADER_SECRET}\r\nX-Injected: 1` } })
    for (const config of configs) await service.addSource(config)

    // Configs the service refuses must not quote the secret either.
    for (const bad of [
      { id: 'bad-url', name: 'B', type: 'openapi', url: `ftp://alice:${URL_PASSWORD}@127.0.0.1/x?token=${QUERY_SECRET}`, refreshInterval: 0 },
      { id: 'bad-headers', name: 'B', type: 'openapi', url: withCredentials(server.url, '/ok.json'), refreshInterval: 0, headers: { 'X-Api-Key': 42, [HEADER_SECRET.slice(0, 3)]: [HEADER_SECRET] } },
    ]) {
      const error = await service.addSource(bad as never).then(() => undefined, (thrown: unknown) => thrown)
      expect(error).toMatchObject({ code: 'INVALID_CONFIG' })
      exposed.push([`addSource(${bad.id}) rejection`, error])
    }

    const firstRound = await service.syncAllSources()
    state.version = 2
    await service.updateSource({ ...configs[0]!, headers: { 'X-Api-Key': OTHER_HEADER_SECRET } })
    const secondRound = await service.syncAllSources()
    exposed.push(['results', [...firstRound, ...secondRound]], ['statuses', service.getAllSourceStatuses()])
    for (const config of configs) exposed.push([`snapshot ${config.id}`, service.getSnapshot(config.id)])

    // The secrets were really in play: sent to the server, which saw Basic auth from the URL.
    const sent = server.requests.find((request) => request.url.startsWith('/ok.json'))!
    expect(sent.headers['x-api-key']).toBe(HEADER_SECRET)
    expect(sent.headers['authorization']).toBe(`Basic ${Buffer.from(`alice:${URL_PASSWORD}`).toString('base64')}`)
    expect(sent.url).toBe(`/ok.json?token=${QUERY_SECRET}&v=1`)
    expect(server.requests.some((request) => request.headers['x-api-key'] === OTHER_HEADER_SECRET)).toBe(true)
    // Every kind of failure was met.
    const codes = new Set([...firstRound, ...secondRound].map((result) => result.error?.code ?? result.status))
    expect([...codes].sort()).toEqual(['HTTP_ERROR', 'INVALID_CONFIG', 'INVALID_SPEC', 'NETWORK_ERROR', 'PARSE_ERROR', 'TIMEOUT', 'TOO_LARGE', 'success'])
    expect(secondRound[0]).toMatchObject({ status: 'success', changesDetected: true })

    await service.removeSource('s-500')
    const files = await readdir(dir)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) exposed.push([`saved state ${file}`, await readFile(join(dir, file), 'utf8')])

    for (const [where, value] of exposed) expectNoSecret(where, exposedText(value))
    // Errors still say what happened and where, with the URL redacted.
    const failed = firstRound.find((result) => result.sourceId === 's-500')!
    expect(failed.error?.message).toBe(`Source "s-500" (GET ${server.url}/500?token=***&v=***): the server answered HTTP 500 Internal Server Error`)
    const badHeader = firstRound.find((result) => result.sourceId === 'bad-header')!
    expect(badHeader.error?.message).toContain('headers.X-Api-Key is not a valid HTTP header')
  })

  describe('in the CLI', () => {
    const running: InProcessCli[] = []
    afterEach(async () => {
      vi.useRealTimers()
      for (const cli of running.splice(0)) {
        cli.stop()
        await cli.exited
      }
    })

    const header = ['--header', `X-Api-Key: ${HEADER_SECRET}`]

    it('watch --json and watch print none, for good and failing sources', async () => {
      vi.useFakeTimers(WAITS_ONLY)
      const { server, state } = await secretsServer()
      for (const json of [true, false]) {
        state.version = 1
        // A 404 fails at once (not retried), so the failing source reports within the first poll.
        const cli = startCliInProcess(['watch', withCredentials(server.url, '/ok.json'), withCredentials(server.url, '/404'), '--interval', '1000', ...header, ...(json ? ['--json'] : [])])
        running.push(cli)
        if (json) await cli.waitForStdout(/"event":"sync:completed"[\s\S]*"event":"sync:failed"|"event":"sync:failed"[\s\S]*"event":"sync:completed"/)
        else await Promise.all([cli.waitForStdout(/in sync/), cli.waitForStderr(/sync failed/)])
        state.version = 2
        await vi.advanceTimersByTimeAsync(1000)
        await cli.waitForStdout(json ? /"event":"changes:detected"[\s\S]*"event":"changes:detected"/ : /changed: /)
        cli.stop()
        expect(await cli.exited).toBe(0)
        expectNoSecret(`watch${json ? ' --json' : ''} stdout`, cli.stdout())
        expectNoSecret(`watch${json ? ' --json' : ''} stderr`, cli.stderr())
        expect(cli.stdout() + cli.stderr()).toContain(`${server.url}/ok.json?token=***&v=***`)
      }
      expect(server.requests.filter((request) => request.headers['x-api-key'] === HEADER_SECRET).length).toBeGreaterThan(4)
    }, 40_000)

    it('diff prints none, whether it succeeds or fails', async () => {
      const { server } = await secretsServer()
      const success = await runCliInProcess(['diff', withCredentials(server.url, '/ok.json'), withCredentials(server.url, '/ok.json'), ...header, '--json'])
      expect(success.code).toBe(0)
      expect(JSON.parse(success.stdout)).toMatchObject({ summary: { added: 0, removed: 0, modified: 0 } })
      for (const path of ['/500', '/broken.json', '/utf8', '/loop', '/reset']) {
        const failure = await runCliInProcess(['diff', withCredentials(server.url, '/ok.json'), withCredentials(server.url, path), ...header])
        expect(failure.code, failure.stderr).toBe(2)
        expect(failure.stderr).toMatch(/^api-live-sync: /)
        expectNoSecret(`diff ${path} stdout`, failure.stdout)
        expectNoSecret(`diff ${path} stderr`, failure.stderr)
      }
      expectNoSecret('diff stdout', success.stdout)
      expectNoSecret('diff stderr', success.stderr)
      expect(server.requests.every((request) => request.headers['x-api-key'] === HEADER_SECRET)).toBe(true)
    })
  })
})
