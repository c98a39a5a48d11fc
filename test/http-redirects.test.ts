import { describe, expect, it, vi } from 'vitest'
import { HttpError, NetworkError } from '../src/errors/errors.js'
import type { PreparedRequest } from '../src/model/loader.js'
import { createHttpLoader } from '../src/loaders/http-loader.js'
import { MAX_REDIRECTS } from '../src/loaders/follow-redirects.js'
import { DEFAULT_ACCEPT } from '../src/loaders/request-headers.js'
import type { TestRequestHandler } from './helpers/http-server.js'
import { loadRequest, sourceFor } from './helpers/loader-tests.js'
import { serve } from './helpers/serve.js'
import { rejectionOf } from './helpers/promises.js'

/**
 * Redirects must never carry a source's secrets to another origin: fetch's own `redirect: 'follow'`
 * drops `Authorization` there but keeps custom headers such as `X-Api-Key`. Two servers on
 * 127.0.0.1 with different ports are different origins.
 */

const API_KEY = 'redirect-secret-key-7f3a'
const BEARER = 'Bearer redirect-secret-token-91c2'

const spec = '{"openapi":"3.0.3","info":{"title":"Moved","version":"1"},"paths":{}}'
const secretHeaders = { 'X-Api-Key': API_KEY, Authorization: BEARER }

/** Serves `spec` at `/spec` and redirects `/old` there with `status`. */
function redirectOldToSpec(status: number, location = '/spec'): TestRequestHandler {
  return (request, response) => {
    if (request.url === '/old') response.writeHead(status, { location }).end()
    else if (request.url === '/spec') response.writeHead(200, { 'content-type': 'application/json' }).end(spec)
    else response.writeHead(404).end()
  }
}

const servesSpec: TestRequestHandler = (_request, response) =>
  void response.writeHead(200, { 'content-type': 'application/json' }).end(spec)

describe('same-origin redirects', () => {
  it.each([301, 302, 303, 307, 308])('keep the custom headers through a %i and load the target', async (status) => {
    const server = await serve(redirectOldToSpec(status))
    const result = await createHttpLoader().load(sourceFor(`${server.url}/old`, secretHeaders), loadRequest())
    expect(result).toMatchObject({ content: spec, contentType: 'application/json' })
    expect(server.requests.map((request) => [request.method, request.url])).toEqual([
      ['GET', '/old'],
      ['GET', '/spec'],
    ])
    for (const request of server.requests) {
      expect(request.headers['x-api-key']).toBe(API_KEY)
      expect(request.headers.authorization).toBe(BEARER)
    }
  })

  it('resolve a relative Location against the current URL', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/api/v1/old') response.writeHead(302, { location: 'next/spec.json?v=2' }).end()
      else if (request.url === '/api/v1/next/spec.json?v=2') response.writeHead(302, { location: '../../final.json' }).end()
      else if (request.url === '/api/final.json') response.end(spec)
      else response.writeHead(404).end()
    })
    const result = await createHttpLoader().load(sourceFor(`${server.url}/api/v1/old`, secretHeaders), loadRequest())
    expect(result).toMatchObject({ content: spec })
    expect(server.requests.map((request) => request.url)).toEqual(['/api/v1/old', '/api/v1/next/spec.json?v=2', '/api/final.json'])
    expect(server.requests.every((request) => request.headers['x-api-key'] === API_KEY)).toBe(true)
  })

  it('keep conditional requests working: If-None-Match reaches the target, a 304 is notModified, the ETag is the final one', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/old') return void response.writeHead(301, { location: '/spec', etag: '"redirect-etag"' }).end()
      if (request.headers['if-none-match'] === '"v7"') return void response.writeHead(304).end()
      response.writeHead(200, { etag: '"v7"', 'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT' }).end(spec)
    })
    const loader = createHttpLoader()
    const source = sourceFor(`${server.url}/old`, secretHeaders)
    const first = await loader.load(source, loadRequest())
    expect(first).toMatchObject({ content: spec, etag: '"v7"', lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT' })
    const second = await loader.load(source, loadRequest({ etag: '"v7"' }))
    expect(second).toEqual({ notModified: true })
    expect(server.requests.slice(2).map((request) => [request.url, request.headers['if-none-match']])).toEqual([
      ['/old', '"v7"'],
      ['/spec', '"v7"'],
    ])
  })

  it('treat a 3xx without Location as the final answer: an HttpError with its status', async () => {
    const server = await serve((_request, response) => void response.writeHead(302).end())
    const error = await rejectionOf(createHttpLoader().load(sourceFor(server.url, secretHeaders), loadRequest()))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 302, retryable: false })
    expect(server.requests).toHaveLength(1)
  })
})

describe('cross-origin redirects', () => {
  it('send neither the custom headers nor Authorization to the other origin, and still load', async () => {
    const other = await serve(servesSpec)
    const origin = await serve((_request, response) => void response.writeHead(302, { location: `${other.url}/spec` }).end())
    const source = sourceFor(`${origin.url}/old`, { ...secretHeaders, 'X-Tenant': 'acme' })
    const result = await createHttpLoader().load(source, loadRequest())
    expect(result).toMatchObject({ content: spec })
    expect(origin.requests[0]?.headers['x-api-key']).toBe(API_KEY) // the secrets really were in play
    expect(other.requests).toHaveLength(1)
    const sent = other.requests[0]!
    expect(sent.url).toBe('/spec')
    expect(sent.headers['x-api-key']).toBeUndefined()
    expect(sent.headers['x-tenant']).toBeUndefined()
    expect(sent.headers.authorization).toBeUndefined()
    expect(sent.headers.accept).toBe(DEFAULT_ACCEPT)
    expect(JSON.stringify(sent.headers)).not.toContain(API_KEY)
  })

  it('do not forward URL credentials (Basic auth) to the other origin', async () => {
    const other = await serve(servesSpec)
    const origin = await serve((_request, response) => void response.writeHead(301, { location: `${other.url}/spec` }).end())
    const url = `${origin.url.replace('http://', 'http://ann:pa55word@')}/old`
    const result = await createHttpLoader().load(sourceFor(url), loadRequest())
    expect(result).toMatchObject({ content: spec })
    expect(origin.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('ann:pa55word').toString('base64')}`)
    expect(other.requests[0]?.headers.authorization).toBeUndefined()
  })

  it('keep Accept and the conditional headers of a GET, so a 304 from the other origin still counts', async () => {
    const other = await serve((request, response) => {
      if (request.headers['if-none-match'] === '"v2"') response.writeHead(304).end()
      else response.writeHead(200, { etag: '"v2"' }).end(spec)
    })
    const origin = await serve((_request, response) => void response.writeHead(302, { location: `${other.url}/spec` }).end())
    const source = sourceFor(`${origin.url}/old`, { ...secretHeaders, Accept: 'application/vnd.oai.openapi+json' })
    const result = await createHttpLoader().load(source, loadRequest({ etag: '"v2"', lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT' }))
    expect(result).toEqual({ notModified: true })
    expect(other.requests[0]?.headers).toMatchObject({
      accept: 'application/vnd.oai.openapi+json',
      'if-none-match': '"v2"',
      'if-modified-since': 'Wed, 21 Oct 2015 07:28:00 GMT',
    })
    expect(other.requests[0]?.headers['x-api-key']).toBeUndefined()
  })

  it('a protocol-relative Location counts as cross-origin too', async () => {
    const other = await serve(servesSpec)
    const origin = await serve((_request, response) => {
      response.writeHead(302, { location: `${other.url.replace('http:', '')}/spec` }).end()
    })
    await createHttpLoader().load(sourceFor(origin.url, secretHeaders), loadRequest())
    expect(other.requests[0]?.url).toBe('/spec')
    expect(other.requests[0]?.headers['x-api-key']).toBeUndefined()
  })

  it('headers dropped once stay dropped when a later hop comes back to the configured origin', async () => {
    const origin = await serve((request, response) => {
      if (request.url === '/old') response.writeHead(302, { location: `${other.url}/bounce` }).end()
      else response.end(spec)
    })
    const other = await serve((_request, response) => void response.writeHead(302, { location: `${origin.url}/spec` }).end())
    const result = await createHttpLoader().load(sourceFor(`${origin.url}/old`, secretHeaders), loadRequest())
    expect(result).toMatchObject({ content: spec })
    expect(origin.requests.map((request) => [request.url, request.headers['x-api-key']])).toEqual([
      ['/old', API_KEY],
      ['/spec', undefined],
    ])
  })

  it('never send credentials that a Location URL carries', async () => {
    const other = await serve(servesSpec)
    const origin = await serve((_request, response) => {
      response.writeHead(302, { location: `${other.url.replace('http://', 'http://evil:stolen@')}/spec` }).end()
    })
    // No Authorization configured: one on the other server could only come from the Location's userinfo.
    const result = await createHttpLoader().load(sourceFor(origin.url, { 'X-Api-Key': API_KEY }), loadRequest())
    expect(result).toMatchObject({ content: spec })
    expect(other.requests[0]?.headers.authorization).toBeUndefined()
  })
})

describe('methods and bodies across redirects', () => {
  const body = '{"query":"{ __schema { queryType { name } } }"}'
  const postRequest = async (): Promise<PreparedRequest> => ({
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json' },
  })

  it.each([301, 302, 303])('a %i after a POST becomes a GET without body or Content-Type', async (status) => {
    const server = await serve(redirectOldToSpec(status))
    const loader = createHttpLoader({ prepareRequest: postRequest })
    const result = await loader.load(sourceFor(`${server.url}/old`, secretHeaders), loadRequest())
    expect(result).toMatchObject({ content: spec })
    const [first, second] = server.requests
    expect([first?.method, first?.body, first?.headers['content-type']]).toEqual(['POST', body, 'application/json'])
    expect([second?.method, second?.url, second?.body]).toEqual(['GET', '/spec', ''])
    expect(second?.headers['content-type']).toBeUndefined()
    expect(second?.headers['x-api-key']).toBe(API_KEY)
  })

  it.each([307, 308])('a %i keeps the POST, its body and its Content-Type', async (status) => {
    const server = await serve(redirectOldToSpec(status))
    const loader = createHttpLoader({ prepareRequest: postRequest })
    await loader.load(sourceFor(`${server.url}/old`, secretHeaders), loadRequest())
    expect(server.requests.map((request) => [request.method, request.url, request.body, request.headers['content-type']])).toEqual([
      ['POST', '/old', body, 'application/json'],
      ['POST', '/spec', body, 'application/json'],
    ])
  })

  it('a 307 to another origin keeps the POST and its body but drops the secrets', async () => {
    const other = await serve(servesSpec)
    const origin = await serve((_request, response) => void response.writeHead(307, { location: `${other.url}/graphql` }).end())
    const loader = createHttpLoader({ prepareRequest: postRequest })
    await loader.load(sourceFor(origin.url, secretHeaders), loadRequest())
    const sent = other.requests[0]
    expect([sent?.method, sent?.body, sent?.headers['content-type']]).toEqual(['POST', body, 'application/json'])
    expect(sent?.headers['x-api-key']).toBeUndefined()
    expect(sent?.headers.authorization).toBeUndefined()
  })
})

describe('redirect limits and refusals', () => {
  it(`a loop ends after ${MAX_REDIRECTS} redirects (11 requests) with a retryable NetworkError naming the source`, async () => {
    const server = await serve((_request, response) => void response.writeHead(302, { location: '/loop?key=abc' }).end())
    const source = sourceFor(`${server.url}/loop?key=abc`, secretHeaders)
    const error = await rejectionOf(createHttpLoader().load(source, loadRequest()))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, sourceId: source.id })
    expect((error as Error).message).toBe(`Source "${source.id}" (GET ${server.url}/loop?key=***): the request failed (too many redirects)`)
    expect(MAX_REDIRECTS).toBe(10)
    expect(server.requests).toHaveLength(11)
  })

  it(`exactly ${MAX_REDIRECTS} redirects still succeed`, async () => {
    const server = await serve((request, response) => {
      const hop = Number(/^\/r(\d+)$/.exec(request.url ?? '')?.[1])
      if (hop < MAX_REDIRECTS) response.writeHead(302, { location: `/r${hop + 1}` }).end()
      else response.end(spec)
    })
    const result = await createHttpLoader().load(sourceFor(`${server.url}/r0`, secretHeaders), loadRequest())
    expect(result).toMatchObject({ content: spec })
    expect(server.requests).toHaveLength(MAX_REDIRECTS + 1)
  })

  it('refuses a redirect to a scheme other than http(s), without retrying', async () => {
    const server = await serve((_request, response) => void response.writeHead(302, { location: 'file:///etc/passwd' }).end())
    const error = await rejectionOf(createHttpLoader().load(sourceFor(server.url, secretHeaders), loadRequest()))
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: false })
    expect((error as Error).message).toContain('redirected to a file: URL')
    expect(server.requests).toHaveLength(1)
  })

  it('refuses an https → http downgrade without following it (headers, manual redirects)', async () => {
    const fetchSpy = vi.fn<typeof fetch>(
      async () => new Response(null, { status: 301, headers: { location: 'http://api.example.test/spec?token=leaky' } }),
    )
    const source = sourceFor('https://api.example.test/old', secretHeaders)
    const error = await rejectionOf(createHttpLoader({ fetch: fetchSpy }).load(source, loadRequest()))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: false, sourceId: source.id })
    expect((error as Error).message).toBe(
      `Source "${source.id}" (GET https://api.example.test/old): the server redirected to http://api.example.test/spec?token=***, ` +
        'an https → http downgrade, which api-live-sync refuses (the request and the document would travel unencrypted); ' +
        'point the source at an https URL that does not redirect to http',
    )
    expect(fetchSpy).toHaveBeenCalledTimes(1)
  })

  it('refuses a document that fetch reached through an https → http redirect (no headers, fetch follows)', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => {
      const response = new Response(spec)
      Object.defineProperty(response, 'redirected', { value: true })
      Object.defineProperty(response, 'url', { value: 'http://api.example.test/spec' })
      return response
    })
    const error = await rejectionOf(createHttpLoader({ fetch: fetchSpy }).load(sourceFor('https://api.example.test/old'), loadRequest()))
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: false })
    expect((error as Error).message).toContain('https → http downgrade')
  })
})

describe('browsers: opaque redirects', () => {
  it('a source with headers asks for manual redirects and fails clearly on an opaque redirect', async () => {
    const inits: RequestInit[] = []
    const browserFetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      inits.push(init ?? {})
      return { type: 'opaqueredirect', status: 0 } as Response
    }) as typeof fetch
    const source = sourceFor('https://api.example.test/spec', { 'X-Api-Key': API_KEY })
    const error = await rejectionOf(createHttpLoader({ fetch: browserFetch }).load(source, loadRequest()))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: false, sourceId: source.id })
    expect((error as Error).message).toBe(
      `Source "${source.id}" (GET https://api.example.test/spec): the server redirected, and api-live-sync does not ` +
        'follow redirects in a browser for a source with headers or URL credentials (the browser hides where the ' +
        'redirect goes, so it cannot keep them from reaching another site); point the source at the final URL',
    )
    expect(inits.map((init) => init.redirect)).toEqual(['manual'])
  })

  it('URL credentials alone also mean manual redirects', async () => {
    const inits: RequestInit[] = []
    const browserFetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      inits.push(init ?? {})
      return { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), body: null } as unknown as Response
    }) as typeof fetch
    const error = await rejectionOf(
      createHttpLoader({ fetch: browserFetch }).load(sourceFor('https://me:pw@api.example.test/spec'), loadRequest()),
    )
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: false })
    expect(inits.map((init) => init.redirect)).toEqual(['manual'])
  })

  it('a source without headers or credentials lets fetch follow (nothing secret to leak)', async () => {
    const inits: RequestInit[] = []
    const browserFetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      inits.push(init ?? {})
      return new Response(spec, { headers: { 'content-type': 'application/json' } })
    }) as typeof fetch
    const result = await createHttpLoader({ fetch: browserFetch }).load(
      sourceFor('https://api.example.test/spec', { Accept: 'application/json' }),
      loadRequest({ etag: '"v1"' }),
    )
    expect(result).toMatchObject({ content: spec })
    expect(inits.map((init) => init.redirect)).toEqual(['follow'])
  })
})
