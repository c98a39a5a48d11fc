import type { ServerResponse } from 'node:http'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  HttpError,
  LiveSyncError,
  NetworkError,
  ParseError,
  TimeoutError,
  TooLargeError,
} from '../src/errors/errors.js'
import { createHttpLoader } from '../src/loaders/http-loader.js'
import { DEFAULT_ACCEPT } from '../src/loaders/request-headers.js'
import { parseRetryAfter } from '../src/loaders/retry-after.js'
import { redactUrl } from '../src/shared/redact.js'
import type { LoadProgress } from '../src/model/loader.js'
import type { TestRequestHandler } from './helpers/http-server.js'
import { loadRequest, sourceFor } from './helpers/loader-tests.js'
import { serve } from './helpers/serve.js'
import { closedPortUrl } from './helpers/http-server.js'
import { deferred, rejectionOf } from './helpers/promises.js'


afterEach(async () => {
  vi.useRealTimers()
})

/** Resolves when the server side of `response` has closed (client went away or socket destroyed). */
function closed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => response.once('close', () => resolve()))
}

const petsJson = JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths: {} })
const petsYaml = 'openapi: 3.0.3\ninfo:\n  title: Pets\n  version: "1"\npaths: {}\n'

describe('createHttpLoader: successful loads', () => {
  it('returns a JSON body with its content type', async () => {
    const server = await serve((_request, response) => {
      response.setHeader('content-type', 'application/json; charset=utf-8')
      response.end(petsJson)
    })
    const result = await createHttpLoader().load(sourceFor(`${server.url}/openapi.json`), loadRequest())
    expect(result).toEqual({
      content: petsJson,
      bytes: new TextEncoder().encode(petsJson),
      contentType: 'application/json; charset=utf-8',
      etag: undefined,
      lastModified: undefined,
    })
    expect(server.requests.map((request) => [request.method, request.url])).toEqual([['GET', '/openapi.json']])
  })

  it('returns a YAML body with its content type', async () => {
    const server = await serve((_request, response) => {
      response.setHeader('content-type', 'application/yaml')
      response.end(petsYaml)
    })
    const result = await createHttpLoader().load(sourceFor(`${server.url}/openapi.yaml`), loadRequest())
    expect(result).toMatchObject({ content: petsYaml, contentType: 'application/yaml' })
  })

  it('decodes multi-byte UTF-8 characters split across chunks, and drops a BOM', async () => {
    const bytes = Buffer.from('\uFEFF{"title":"Café ☕ 🐾"}', 'utf8')
    const server = await serve((_request, response) => {
      // Split inside the 4-byte emoji and inside the 3-byte cup.
      const cuts = [bytes.indexOf(0xe2) + 1, bytes.indexOf(0xf0) + 2]
      response.write(bytes.subarray(0, cuts[0]))
      response.write(bytes.subarray(cuts[0], cuts[1]))
      response.end(bytes.subarray(cuts[1]))
    })
    const result = await createHttpLoader().load(sourceFor(server.url), loadRequest())
    expect(result).toMatchObject({ content: '{"title":"Café ☕ 🐾"}' })
  })

  it('sends the config headers and prefers JSON then YAML through Accept', async () => {
    const server = await serve((_request, response) => response.end('{}'))
    const source = sourceFor(server.url, { 'X-Api-Key': 'key-123', 'X-Tenant': 'acme' })
    await createHttpLoader().load(source, loadRequest())
    const headers = server.requests[0]?.headers
    expect(headers?.['x-api-key']).toBe('key-123')
    expect(headers?.['x-tenant']).toBe('acme')
    expect(headers?.accept).toBe(DEFAULT_ACCEPT)
    expect(DEFAULT_ACCEPT.indexOf('application/json')).toBeLessThan(DEFAULT_ACCEPT.indexOf('yaml'))
    expect(headers?.['if-none-match']).toBeUndefined()
    expect(headers?.['if-modified-since']).toBeUndefined()
  })

  it("keeps the config's own Accept header, whatever its case", async () => {
    const server = await serve((_request, response) => response.end('{}'))
    await createHttpLoader().load(sourceFor(server.url, { ACCEPT: 'application/vnd.oai.openapi+json' }), loadRequest())
    expect(server.requests[0]?.headers.accept).toBe('application/vnd.oai.openapi+json')
  })

  it('sends URL credentials as Basic auth and keeps them out of the request URL', async () => {
    const server = await serve((_request, response) => response.end('{}'))
    const url = server.url.replace('http://', 'http://ann%40corp:p%C3%A4ss@')
    await createHttpLoader().load(sourceFor(`${url}/spec`), loadRequest())
    const request = server.requests[0]
    expect(request?.url).toBe('/spec')
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('ann@corp:päss', 'utf8').toString('base64')}`)
  })

  it('lets an explicit Authorization header win over URL credentials', async () => {
    const server = await serve((_request, response) => response.end('{}'))
    const url = server.url.replace('http://', 'http://user:pass@')
    await createHttpLoader().load(sourceFor(url, { Authorization: 'Bearer abc' }), loadRequest())
    expect(server.requests[0]?.headers.authorization).toBe('Bearer abc')
  })
})

describe('createHttpLoader: conditional requests', () => {
  it('sends If-None-Match from the last ETag and returns notModified on 304', async () => {
    const server = await serve((request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.statusCode = 304
        response.end()
        return
      }
      response.setHeader('etag', '"v1"')
      response.end(petsJson)
    })
    const loader = createHttpLoader()
    const source = sourceFor(server.url)
    const first = await loader.load(source, loadRequest())
    expect(first).toMatchObject({ content: petsJson, etag: '"v1"' })
    const second = await loader.load(source, loadRequest({ etag: '"v1"' }))
    expect(second).toEqual({ notModified: true })
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"')
  })

  it('sends If-Modified-Since from the last Last-Modified and returns notModified on 304', async () => {
    const stamp = 'Wed, 21 Oct 2015 07:28:00 GMT'
    const server = await serve((request, response) => {
      if (request.headers['if-modified-since'] === stamp) {
        response.statusCode = 304
        response.end()
        return
      }
      response.setHeader('last-modified', stamp)
      response.end(petsJson)
    })
    const loader = createHttpLoader()
    const source = sourceFor(server.url)
    const first = await loader.load(source, loadRequest())
    expect(first).toMatchObject({ content: petsJson, lastModified: stamp })
    const second = await loader.load(source, loadRequest({ lastModified: stamp }))
    expect(second).toEqual({ notModified: true })
    expect(server.requests[1]?.headers['if-modified-since']).toBe(stamp)
  })
})

describe('createHttpLoader: prepared requests and injected fetch', () => {
  it('sends the prepared method, body and headers, without conditional headers on a POST', async () => {
    const server = await serve((_request, response) => response.end('{"data":{}}'))
    const loader = createHttpLoader({
      prepareRequest: async () => ({
        method: 'post',
        body: '{"query":"{ __schema { types { name } } }"}',
        headers: { 'Content-Type': 'application/json', 'X-Tenant': 'prepared' },
      }),
    })
    const source = sourceFor(server.url, { 'X-Tenant': 'config', 'X-Api-Key': 'k' })
    await loader.load(source, loadRequest({ etag: '"v1"', lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT' }))
    const request = server.requests[0]
    expect(request?.method).toBe('POST')
    expect(request?.body).toBe('{"query":"{ __schema { types { name } } }"}')
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.headers['x-tenant']).toBe('prepared')
    expect(request?.headers['x-api-key']).toBe('k')
    expect(request?.headers['if-none-match']).toBeUndefined()
    expect(request?.headers['if-modified-since']).toBeUndefined()
  })

  it('uses the injected fetch, called as a plain function', async () => {
    const calls: Array<{ url: string; method: string | undefined; self: unknown }> = []
    const fakeFetch = async function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      calls.push({ url: String(input), method: init?.method, self: this })
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } })
    } as typeof fetch
    const loader = createHttpLoader({ fetch: fakeFetch })
    const result = await loader.load(sourceFor('https://api.example.com/spec'), loadRequest())
    expect(result).toMatchObject({ content: '{"ok":true}', contentType: 'application/json' })
    expect(calls).toEqual([{ url: 'https://api.example.com/spec', method: 'GET', self: undefined }])
  })

  it('reads globalThis.fetch at call time when none is injected', async () => {
    const loader = createHttpLoader()
    const stub = vi.fn(async () => new Response('from stub'))
    vi.stubGlobal('fetch', stub)
    try {
      const result = await loader.load(sourceFor('https://api.example.com/spec'), loadRequest())
      expect(result).toMatchObject({ content: 'from stub' })
      expect(stub).toHaveBeenCalledTimes(1)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('reports a header the platform rejects by name, without its value', async () => {
    const fetchSpy = vi.fn<typeof fetch>()
    const source = sourceFor('https://api.example.com/spec', { 'X-Token': 'line-one\nsecret-line-two' })
    const error = await rejectionOf(createHttpLoader({ fetch: fetchSpy }).load(source, loadRequest()))
    expect(error).toBeInstanceOf(LiveSyncError)
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', sourceId: source.id, retryable: false })
    expect((error as Error).message).toContain('headers.X-Token')
    expect((error as Error).message).not.toContain('secret-line-two')
    expect(fetchSpy).not.toHaveBeenCalled()
  })
})

describe('createHttpLoader: HTTP errors', () => {
  it('turns a 500 into a retryable HttpError naming the source and URL', async () => {
    const server = await serve((_request, response) => {
      response.statusCode = 500
      response.end('boom')
    })
    const source = sourceFor(`${server.url}/spec.json`)
    const error = await rejectionOf(createHttpLoader().load(source, loadRequest()))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 500, retryable: true, sourceId: source.id })
    expect((error as Error).message).toContain(`"${source.id}"`)
    expect((error as Error).message).toContain(`${server.url}/spec.json`)
    expect((error as HttpError).retryAfterMs).toBeUndefined()
  })

  it('turns a 404 into a non-retryable HttpError', async () => {
    const server = await serve((_request, response) => {
      response.statusCode = 404
      response.end()
    })
    const error = await rejectionOf(createHttpLoader().load(sourceFor(server.url), loadRequest()))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 404, retryable: false })
  })

  it('reads Retry-After delta-seconds from a 429', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(429, { 'retry-after': '3' })
      response.end()
    })
    const error = await rejectionOf(createHttpLoader().load(sourceFor(server.url), loadRequest()))
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 429, retryable: true, retryAfterMs: 3000 })
  })

  it('reads Retry-After as an HTTP-date from a 503', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'))
    const server = await serve((_request, response) => {
      response.writeHead(503, { 'retry-after': 'Tue, 01 Jan 2030 00:00:07 GMT' })
      response.end()
    })
    const error = await rejectionOf(createHttpLoader().load(sourceFor(server.url), loadRequest()))
    expect(error).toMatchObject({ status: 503, retryable: true, retryAfterMs: 7000 })
  })

  it('ignores a garbage Retry-After', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(429, { 'retry-after': 'soon' })
      response.end()
    })
    const error = await rejectionOf(createHttpLoader().load(sourceFor(server.url), loadRequest()))
    expect(error).toMatchObject({ status: 429, retryAfterMs: undefined })
  })
})

describe('createHttpLoader: aborts', () => {
  it.each([
    ['a TimeoutError', new TimeoutError('Source timed out after 5 ms', 5)],
    ['a plain Error', new Error('sync cancelled')],
  ])('rejects with exactly the abort reason (%s) while the server holds the response', async (_name, reason) => {
    const received = deferred()
    const server = await serve(() => received.resolve()) // never answers
    const controller = new AbortController()
    const load = createHttpLoader().load(sourceFor(server.url), loadRequest({ signal: controller.signal }))
    await received.promise
    controller.abort(reason)
    expect(await rejectionOf(load)).toBe(reason)
  })

  it('rethrows the signal reason even when fetch rejects with its own AbortError', async () => {
    const controller = new AbortController()
    const reason = new TimeoutError('timed out', 10)
    // Older browsers reject with a generic AbortError instead of the signal's reason.
    const fakeFetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
        controller.abort(reason)
      })) as typeof fetch
    const load = createHttpLoader({ fetch: fakeFetch }).load(
      sourceFor('https://api.example.com/spec'),
      loadRequest({ signal: controller.signal }),
    )
    expect(await rejectionOf(load)).toBe(reason)
  })

  it('rejects with exactly the abort reason in the middle of the body', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"partial":')
    })
    const controller = new AbortController()
    const reason = new Error('sync cancelled by the test')
    const load = createHttpLoader().load(
      sourceFor(server.url),
      loadRequest({ signal: controller.signal, onProgress: () => controller.abort(reason) }),
    )
    expect(await rejectionOf(load)).toBe(reason)
  })

  it('stops a body whose fetch ignores the signal when the signal aborts', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(streamController) {
        streamController.enqueue(new TextEncoder().encode('{"a":'))
      },
    })
    const fakeFetch = (async () => new Response(body)) as typeof fetch
    const controller = new AbortController()
    const reason = new Error('cancelled')
    const load = createHttpLoader({ fetch: fakeFetch }).load(
      sourceFor('https://api.example.com/spec'),
      loadRequest({ signal: controller.signal, onProgress: () => controller.abort(reason) }),
    )
    expect(await rejectionOf(load)).toBe(reason)
  })

  it('rejects with the reason of an already aborted signal without sending anything', async () => {
    const server = await serve((_request, response) => response.end('{}'))
    const reason = new TimeoutError('too late', 1)
    const error = await rejectionOf(
      createHttpLoader().load(sourceFor(server.url), loadRequest({ signal: AbortSignal.abort(reason) })),
    )
    expect(error).toBe(reason)
    expect(server.requests).toHaveLength(0)
  })
})

describe('createHttpLoader: size limit', () => {
  it('fails before reading when Content-Length is above maxBytes, and closes the connection', async () => {
    let serverClosed: Promise<void> | undefined
    const server = await serve((_request, response) => {
      serverClosed = closed(response)
      response.writeHead(200, { 'content-length': '5000' })
      response.write('x'.repeat(100)) // then hold: the rest never comes
    })
    const source = sourceFor(server.url)
    const error = await rejectionOf(createHttpLoader().load(source, loadRequest({ maxBytes: 1000 })))
    expect(error).toBeInstanceOf(TooLargeError)
    expect(error).toMatchObject({ code: 'TOO_LARGE', retryable: false, maxBytes: 1000, sourceId: source.id })
    await serverClosed
  })

  it('stops a chunked body as soon as it passes maxBytes, and closes the connection', async () => {
    let serverClosed: Promise<void> | undefined
    const server = await serve((_request, response) => {
      serverClosed = closed(response)
      response.writeHead(200, { 'content-type': 'application/json' })
      for (let i = 0; i < 4; i++) response.write('y'.repeat(1024)) // 4 KiB, then hold
    })
    const progress: number[] = []
    const error = await rejectionOf(
      createHttpLoader().load(
        sourceFor(server.url),
        loadRequest({ maxBytes: 2000, onProgress: ({ loadedBytes }) => progress.push(loadedBytes) }),
      ),
    )
    expect(error).toMatchObject({ code: 'TOO_LARGE', retryable: false, maxBytes: 2000 })
    expect(progress.every((bytes) => bytes <= 2000)).toBe(true)
    expect(server.requests[0]?.headers['content-length']).toBeUndefined()
    await serverClosed
  })

  it('accepts a body of exactly maxBytes', async () => {
    const server = await serve((_request, response) => response.end('z'.repeat(64)))
    const result = await createHttpLoader().load(sourceFor(server.url), loadRequest({ maxBytes: 64 }))
    expect(result).toMatchObject({ content: 'z'.repeat(64) })
  })
})

describe('createHttpLoader: network and decoding failures', () => {
  it('turns a connection destroyed mid-body into a retryable NetworkError with its cause', async () => {
    let serverResponse: ServerResponse | undefined
    const server = await serve((_request, response) => {
      serverResponse = response
      response.writeHead(200, { 'content-length': '1000' })
      response.write('{"paths":')
    })
    const source = sourceFor(server.url)
    const error = await rejectionOf(
      createHttpLoader().load(source, loadRequest({ onProgress: () => serverResponse?.socket?.destroy() })),
    )
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, sourceId: source.id })
    expect((error as Error).cause).toBeInstanceOf(Error)
    expect((error as Error).message).toContain('reading the body')
  })

  it('turns a refused connection into a retryable NetworkError naming the cause code', async () => {
    const url = await closedPortUrl()
    const source = sourceFor(`${url}/spec`)
    const error = await rejectionOf(createHttpLoader().load(source, loadRequest()))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, sourceId: source.id })
    expect((error as Error).cause).toBeInstanceOf(TypeError)
    expect((error as Error).message).toContain('ECONNREFUSED')
    expect((error as Error).message).toContain(`${url}/spec`)
  })

  // A source without headers lets fetch follow; sources with headers are covered in http-redirects.test.ts.
  it('follows a redirect, and turns a redirect loop into a NetworkError', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/moved') response.writeHead(301, { location: '/spec' }).end()
      else if (request.url === '/spec') response.end('{"moved":true}')
      else response.writeHead(302, { location: request.url ?? '/' }).end()
    })
    const loader = createHttpLoader()
    const moved = await loader.load(sourceFor(`${server.url}/moved`), loadRequest())
    expect(moved).toMatchObject({ content: '{"moved":true}' })
    const error = await rejectionOf(loader.load(sourceFor(`${server.url}/loop`), loadRequest()))
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true })
    expect(server.requests.filter((request) => request.url === '/loop').length).toBeGreaterThan(1)
  })

  it('turns invalid UTF-8 into a non-retryable ParseError with format utf-8', async () => {
    const server = await serve((_request, response) => {
      response.end(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0xfe, 0x7d])) // {"a":<FF FE>}
    })
    const source = sourceFor(server.url)
    const error = await rejectionOf(createHttpLoader().load(source, loadRequest()))
    expect(error).toBeInstanceOf(ParseError)
    expect(error).toMatchObject({ code: 'PARSE_ERROR', format: 'utf-8', retryable: false, sourceId: source.id })
  })

  it('rejects a body that ends inside a multi-byte character', async () => {
    const server = await serve((_request, response) => response.end(Buffer.from([0x7b, 0xe2, 0x98])))
    const error = await rejectionOf(createHttpLoader().load(sourceFor(server.url), loadRequest()))
    expect(error).toMatchObject({ code: 'PARSE_ERROR', format: 'utf-8' })
  })
})

describe('createHttpLoader: progress', () => {
  it('reports growing byte counts and the declared total', async () => {
    const chunks = ['a'.repeat(300), 'b'.repeat(300), 'c'.repeat(400)]
    let serverResponse: ServerResponse | undefined
    const server = await serve((_request, response) => {
      serverResponse = response
      response.writeHead(200, { 'content-length': '1000' })
      response.write(chunks[0])
    })
    const progress: LoadProgress[] = []
    let sent = 1
    const result = await createHttpLoader().load(
      sourceFor(server.url),
      loadRequest({
        onProgress: (update) => {
          progress.push(update)
          // Send the next chunk only once the previous one was counted, so each arrives on its own.
          const next = chunks[sent++]
          if (next === undefined) return
          if (sent === chunks.length) serverResponse?.end(next)
          else serverResponse?.write(next)
        },
      }),
    )
    expect(result).toMatchObject({ content: chunks.join('') })
    expect(progress).toEqual([
      { loadedBytes: 300, totalBytes: 1000 },
      { loadedBytes: 600, totalBytes: 1000 },
      { loadedBytes: 1000, totalBytes: 1000 },
    ])
  })

  it('leaves totalBytes out when there is no Content-Length', async () => {
    const server = await serve((_request, response) => {
      response.write('part one,')
      response.end('part two')
    })
    const progress: LoadProgress[] = []
    await createHttpLoader().load(sourceFor(server.url), loadRequest({ onProgress: (update) => progress.push(update) }))
    expect(progress.at(-1)).toEqual({ loadedBytes: 17, totalBytes: undefined })
    for (const [index, update] of progress.entries()) {
      expect(update.loadedBytes).toBeGreaterThan(progress[index - 1]?.loadedBytes ?? 0)
    }
  })
})

describe('createHttpLoader: secrets never leak into errors', () => {
  const password = 'hunter2-url-password'
  const queryValue = 'query-secret-value-42'
  const headerValue = 'header-secret-value-99'
  const secrets = [password, queryValue, headerValue, Buffer.from(`admin:${password}`).toString('base64')]

  /** Every text an error exposes: message, stack and those of its cause chain, plus its own fields. */
  function exposedText(error: unknown): string {
    const texts: string[] = []
    let current: unknown = error
    for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
      texts.push(current.message, current.stack ?? '', JSON.stringify({ ...current }))
      current = current.cause
    }
    return texts.join('\n')
  }

  const scenarios: Array<[string, TestRequestHandler]> = [
    ['HTTP 500', (_request, response) => void response.writeHead(500).end()],
    ['HTTP 404', (_request, response) => void response.writeHead(404).end()],
    ['HTTP 429', (_request, response) => void response.writeHead(429, { 'retry-after': '3' }).end()],
    ['too large', (_request, response) => void response.writeHead(200, { 'content-length': '99999' }).write('x')],
    ['too large, chunked', (_request, response) => void response.write('x'.repeat(200))],
    ['invalid UTF-8', (_request, response) => void response.end(Buffer.from([0xc3, 0x28]))],
    ['destroyed mid-body', (_request, response) => {
      response.writeHead(200, { 'content-length': '100' })
      response.write('{', () => response.socket?.destroy())
    }],
  ]

  it.each(scenarios)('%s', async (_name, handler) => {
    const server = await serve(handler)
    const url = `${server.url.replace('http://', `http://admin:${password}@`)}/spec?api_key=${queryValue}&v=2`
    const source = sourceFor(url, { 'X-Api-Key': headerValue, Authorization: `Bearer ${headerValue}` })
    const error = await rejectionOf(createHttpLoader().load(source, loadRequest({ maxBytes: 100 })))
    expect(error).toBeInstanceOf(LiveSyncError)
    expect(server.requests[0]?.headers['x-api-key']).toBe(headerValue) // the secret really was in play
    const text = exposedText(error)
    for (const secret of secrets) expect(text).not.toContain(secret)
    expect((error as Error).message).toContain(`Source "${source.id}"`)
    expect((error as Error).message).toContain(`GET ${server.url}/spec?api_key=***&v=***`)
  })

  it('connection refused', async () => {
    const base = await closedPortUrl()
    const url = `${base.replace('http://', `http://admin:${password}@`)}/spec?api_key=${queryValue}`
    const source = sourceFor(url, { 'X-Api-Key': headerValue })
    const error = await rejectionOf(createHttpLoader().load(source, loadRequest()))
    expect(error).toBeInstanceOf(NetworkError)
    const text = exposedText(error)
    for (const secret of secrets) expect(text).not.toContain(secret)
    expect((error as Error).message).toContain(`${base}/spec?api_key=***`)
  })
})

describe('redactUrl', () => {
  it.each([
    ['https://api.example.com/openapi.json', 'https://api.example.com/openapi.json'],
    ['https://user:pa55@api.example.com/spec', 'https://api.example.com/spec'],
    ['https://token-only@api.example.com/spec', 'https://api.example.com/spec'],
    ['https://api.example.com/spec?key=abc&v=2', 'https://api.example.com/spec?key=***&v=***'],
    ['https://api.example.com/spec?flag&empty=', 'https://api.example.com/spec?flag&empty=***'],
    ['https://u:p@api.example.com:8443/a/b?x=1#access_token=t', 'https://api.example.com:8443/a/b?x=***#***'],
    ['https://api.example.com/spec?', 'https://api.example.com/spec'],
    ['not a url?token=abc#frag', 'not a url?token=***#***'],
    ['ftp://me:secret@host.example/x?k=v', 'ftp://host.example/x?k=***'],
    ['weird://me:s3cr@t@[bad/x?k=v', 'weird://[bad/x?k=***'],
  ])('%s -> %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2030-01-01T00:00:00Z')
  it.each<[string | null, number | undefined]>([
    ['3', 3000],
    [' 120 ', 120_000],
    ['0', 0],
    ['Tue, 01 Jan 2030 00:00:05 GMT', 5000],
    ['Tuesday, 01-Jan-30 00:01:00 GMT', 60_000],
    ['Tue Jan  1 00:00:09 2030', 9000],
    ['Mon, 31 Dec 2029 23:59:00 GMT', 0],
    ['soon', undefined],
    ['1.5', undefined],
    ['-5', undefined],
    ['1', 1000],
    ['Tue, 99 Foo 2030 00:00:05 GMT', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j -> %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected)
  })
})
