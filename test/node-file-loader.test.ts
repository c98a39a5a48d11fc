import { chmod, mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseSourceConfig, type LiveSourceConfig } from '../src/config/config.js'
import { LiveSyncError, NetworkError, ParseError, TooLargeError, isNetworkError } from '../src/errors/errors.js'
import type { LoadRequest, LoadResult } from '../src/model/loader.js'
import { createFileLoader, fileTag } from '../src/node/file-loader.js'
import { fileError } from '../src/node/file-errors.js'
import { createNodeLoader } from '../src/node/node-loader.js'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'
import { openapiDoc } from './helpers/fake-loader.js'
import { rejectionOf } from './helpers/promises.js'

let dir: string
let counter = 0
const servers: TestServer[] = []
const services: LiveSyncService[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'als-file-loader-'))
})

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await rm(dir, { recursive: true, force: true })
})

function fileSource(filePath: string, overrides: Record<string, unknown> = {}): LiveSourceConfig {
  counter++
  return parseSourceConfig({ id: `file-${counter}`, name: 'File source', type: 'openapi', filePath, refreshInterval: 0, ...overrides })
}

function request(overrides: Partial<LoadRequest> = {}): LoadRequest {
  return { signal: new AbortController().signal, maxBytes: 1024 * 1024, ...overrides }
}

function contentOf(result: LoadResult): string {
  if (result.notModified === true) throw new Error('expected content, got notModified')
  return result.content
}

describe('createFileLoader', () => {
  it('reads a JSON file with its content type and a size+mtime ETag', async () => {
    const path = join(dir, 'spec.json')
    const text = openapiDoc({ 'get /pets': {} })
    await writeFile(path, text)
    const stats = await stat(path)

    const result = await createFileLoader().load(fileSource(path), request())

    expect(result).toEqual({
      content: text,
      bytes: expect.any(Uint8Array),
      contentType: 'application/json',
      etag: `"file-${stats.size}-${stats.mtimeMs}"`,
    })
  })

  it('gives YAML files a YAML content type and reads unknown extensions without one', async () => {
    const yamlPath = join(dir, 'spec.yml')
    const plainPath = join(dir, 'spec.txt')
    await writeFile(yamlPath, 'openapi: 3.0.3\n')
    await writeFile(plainPath, 'openapi: 3.0.3\n')
    const loader = createFileLoader()

    const yaml = await loader.load(fileSource(yamlPath), request())
    const plain = await loader.load(fileSource(plainPath), request())

    expect(yaml).toMatchObject({ content: 'openapi: 3.0.3\n', contentType: 'application/yaml' })
    expect(plain).toMatchObject({ content: 'openapi: 3.0.3\n' })
    expect((plain as { contentType?: string }).contentType).toBeUndefined()
  })

  it('resolves a relative filePath against the working directory', async () => {
    await writeFile(join(dir, 'relative.json'), '{"openapi":"3.0.3"}')
    const path = relative(process.cwd(), join(dir, 'relative.json'))
    expect(isAbsolute(path)).toBe(false)

    expect(contentOf(await createFileLoader().load(fileSource(path), request()))).toBe('{"openapi":"3.0.3"}')
  })

  it('answers notModified from the stat alone when the ETag still matches, without reading', async () => {
    const path = join(dir, 'spec.json')
    // Whole seconds: utimes cannot restore a sub-millisecond mtime.
    const fixedTime = 1_700_000_000
    await writeFile(path, '{"v":1}')
    await utimes(path, fixedTime, fixedTime)
    const loader = createFileLoader()
    const source = fileSource(path)
    const first = await loader.load(source, request())
    const etag = (first as { etag?: string }).etag
    expect(etag).toBe(`"file-7-${fixedTime * 1000}"`)

    // Same size, same mtime, different bytes: only a loader that skips the read says notModified.
    await writeFile(path, '{"v":2}')
    await utimes(path, fixedTime, fixedTime)

    expect(await loader.load(source, request({ etag }))).toEqual({ notModified: true })
  })

  it('reads again when the file changed since the ETag', async () => {
    const path = join(dir, 'spec.json')
    await writeFile(path, '{"v":1}')
    const loader = createFileLoader()
    const source = fileSource(path)
    const first = await loader.load(source, request())
    await writeFile(path, '{"version":2}')

    const second = await loader.load(source, request({ etag: (first as { etag?: string }).etag }))

    expect(contentOf(second)).toBe('{"version":2}')
    expect((second as { etag?: string }).etag).not.toBe((first as { etag?: string }).etag)
  })

  it('reports a missing file as a retryable NETWORK_ERROR naming the source and the path', async () => {
    const path = join(dir, 'missing.json')
    const source = fileSource(path)

    const error = await rejectionOf(createFileLoader().load(source, request()))

    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, sourceId: source.id })
    expect((error as Error).message).toBe(`Source "${source.id}": file not found: ${path}`)
  })

  it('refuses a file larger than maxBytes with TOO_LARGE, before reading it', async () => {
    const path = join(dir, 'big.json')
    await writeFile(path, 'x'.repeat(2048))
    const source = fileSource(path)

    const error = await rejectionOf(createFileLoader().load(source, request({ maxBytes: 1024 })))

    expect(error).toBeInstanceOf(TooLargeError)
    expect(error).toMatchObject({ code: 'TOO_LARGE', retryable: false, maxBytes: 1024, sourceId: source.id })
    expect((error as Error).message).toContain(path)
  })

  it('refuses invalid UTF-8 with a PARSE_ERROR', async () => {
    const path = join(dir, 'latin1.json')
    await writeFile(path, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]))

    const error = await rejectionOf(createFileLoader().load(fileSource(path), request()))

    expect(error).toBeInstanceOf(ParseError)
    expect(error).toMatchObject({ code: 'PARSE_ERROR', format: 'utf-8' })
  })

  it('refuses a directory without retrying', async () => {
    const path = join(dir, 'folder.json')
    await mkdir(path)

    const error = await rejectionOf(createFileLoader().load(fileSource(path), request()))

    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: false })
    expect((error as Error).message).toContain(`${path} is a directory`)
  })

  it('rejects with the signal reason when aborted', async () => {
    const path = join(dir, 'spec.json')
    await writeFile(path, '{}')
    const controller = new AbortController()
    const reason = new Error('stop now')
    controller.abort(reason)

    expect(await rejectionOf(createFileLoader().load(fileSource(path), request({ signal: controller.signal })))).toBe(reason)
  })

  it('reports progress once with the bytes read', async () => {
    const path = join(dir, 'spec.json')
    await writeFile(path, '{"a":"é"}')
    const progress: unknown[] = []

    await createFileLoader().load(fileSource(path), request({ onProgress: (event) => progress.push(event) }))

    expect(progress).toEqual([{ loadedBytes: 10, totalBytes: 10 }])
  })

  it('refuses a url source with INVALID_CONFIG', async () => {
    const source = parseSourceConfig({ id: 'web', name: 'Web', type: 'openapi', url: 'http://127.0.0.1:1/x', refreshInterval: 0 })
    const error = await rejectionOf(createFileLoader().load(source, request()))
    expect(error).toMatchObject({ code: 'INVALID_CONFIG' })
    expect((error as Error).message).toContain('filePath')
  })

  it('fileTag quotes size and mtime', () => {
    expect(fileTag(12, 1700000000123.5)).toBe('"file-12-1700000000123.5"')
  })
})

describe('fileError: which file errors are retried', () => {
  it.each([
    ['ENOENT', true, 'file not found: /x/spec.json'],
    ['ENOTDIR', true, 'file not found: /x/spec.json'],
    ['EACCES', false, 'permission denied reading /x/spec.json (EACCES)'],
    ['EPERM', false, 'permission denied reading /x/spec.json (EPERM)'],
    ['EISDIR', false, '/x/spec.json is a directory, not a file'],
    ['EMFILE', true, 'could not read /x/spec.json (EMFILE)'],
  ])('%s -> retryable %s', (code, retryable, message) => {
    const error = fileError(Object.assign(new Error(`${code}: secret system text`), { code }), 'pets', '/x/spec.json')
    expect(error).toBeInstanceOf(LiveSyncError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable, sourceId: 'pets' })
    expect(error.message).toBe(`Source "pets": ${message}`)
  })
})

// Root ignores file permissions, so a real EACCES can only be produced by an unprivileged user.
describe.skipIf(process.getuid?.() === 0)('permission denied on a real file (skipped when running as root)', () => {
  it('is a non-retryable NETWORK_ERROR', async () => {
    const path = join(dir, 'secret.json')
    await writeFile(path, '{}')
    await chmod(path, 0o000)
    const error = await rejectionOf(createFileLoader().load(fileSource(path), request()))
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: false })
    expect((error as Error).message).toContain('permission denied')
  })
})

describe('createNodeLoader', () => {
  it('reads filePath sources from disk and fetches url sources', async () => {
    const path = join(dir, 'spec.json')
    await writeFile(path, '{"from":"disk"}')
    const server = await startTestServer((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end('{"from":"http"}')
    })
    servers.push(server)
    const loader = createNodeLoader()
    const webSource = parseSourceConfig({ id: 'web', name: 'Web', type: 'openapi', url: `${server.url}/spec`, refreshInterval: 0 })

    expect(contentOf(await loader.load(fileSource(path), request()))).toBe('{"from":"disk"}')
    expect(contentOf(await loader.load(webSource, request()))).toBe('{"from":"http"}')
    expect(server.requests.map((recorded) => recorded.url)).toEqual(['/spec'])
  })

  it('passes fetch and prepareRequest to the HTTP loader', async () => {
    const calls: string[] = []
    const fakeFetch: typeof fetch = async (input, init) => {
      calls.push(`${init?.method} ${String(input)}`)
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } })
    }
    const loader = createNodeLoader({ fetch: fakeFetch, prepareRequest: async () => ({ method: 'POST', body: '{}' }) })
    const webSource = parseSourceConfig({ id: 'web', name: 'Web', type: 'graphql', url: 'http://127.0.0.1:9/graphql', refreshInterval: 0 })

    expect(contentOf(await loader.load(webSource, request()))).toBe('{"ok":true}')
    expect(calls).toEqual(['POST http://127.0.0.1:9/graphql'])
  })
})

describe('a file source in a LiveSyncService with the Node loader', () => {
  function service(): LiveSyncService {
    const created = new LiveSyncService({ loader: createNodeLoader(), retry: { retries: 2, minTimeout: 20, maxTimeout: 20, randomize: false } })
    services.push(created)
    return created
  }

  it('syncs, then skips the read while the file is unchanged', async () => {
    const path = join(dir, 'spec.json')
    await writeFile(path, openapiDoc({ 'get /pets': {}, 'post /pets': {} }))
    const live = service()
    const source = fileSource(path)
    await live.addSource(source)

    const first = await live.syncSource(source.id)
    const second = await live.syncSource(source.id)

    expect(first).toMatchObject({ status: 'success', changesDetected: true })
    expect(first.changes?.added.map((operation) => operation.key)).toEqual(['GET /pets', 'POST /pets'])
    expect(second).toMatchObject({ status: 'success', changesDetected: false })
  })

  it('retries a missing file like a network error and fails with a message naming the path', async () => {
    const path = join(dir, 'not-yet.json')
    const live = service()
    const source = fileSource(path)
    await live.addSource(source)

    const result = await live.syncSource(source.id)

    expect(result.status).toBe('failed')
    expect(result.attempts).toBe(3)
    expect(isNetworkError(result.error)).toBe(true)
    expect(result.error?.message).toContain(`file not found: ${path}`)
  })

  it('succeeds when the missing file appears between retries', async () => {
    const path = join(dir, 'late.json')
    const live = new LiveSyncService({ loader: createNodeLoader(), retry: { retries: 5, minTimeout: 50, maxTimeout: 50, randomize: false } })
    services.push(live)
    const source = fileSource(path)
    await live.addSource(source)
    live.on('sync:retry', () => {
      void writeFile(path, openapiDoc({ 'get /late': {} }))
    })

    const result = await live.syncSource(source.id)

    expect(result.status).toBe('success')
    expect(result.attempts).toBeGreaterThan(1)
    expect(result.changes?.added.map((operation) => operation.key)).toEqual(['GET /late'])
  })
})
