import { afterEach, describe, expect, it, vi } from 'vitest'
import { NetworkError } from '../src/errors/errors.js'
import { corsHint, currentCorsEnvironment } from '../src/loaders/cors-hint.js'
import { createHttpLoader } from '../src/loaders/http-loader.js'
import type { LiveSourceConfig } from '../src/config/config.js'

const PAGE = 'https://app.example.test'

describe('corsHint', () => {
  it('names CORS and the origin to allow for a cross-origin URL in a browser', () => {
    const hint = corsHint('https://api.example.test/v1/openapi.json?key=secret', { isBrowser: true, pageOrigin: PAGE })
    expect(hint).toContain('CORS')
    expect(hint).toContain('https://api.example.test')
    expect(hint).toContain(`Access-Control-Allow-Origin: ${PAGE}`)
    // Only the origin is quoted: never the path or the query, which may hold a key.
    expect(hint).not.toContain('secret')
    expect(hint).not.toContain('/v1/')
  })

  it('says nothing outside a browser, for a same-origin URL, or for a URL it cannot parse', () => {
    expect(corsHint('https://api.example.test/openapi.json', { isBrowser: false, pageOrigin: PAGE })).toBeUndefined()
    expect(corsHint(`${PAGE}/openapi.json`, { isBrowser: true, pageOrigin: PAGE })).toBeUndefined()
    expect(corsHint('not a url', { isBrowser: true, pageOrigin: PAGE })).toBeUndefined()
  })

  it('still hints when the page origin is unknown (a file:// page), without inventing one', () => {
    const hint = corsHint('http://127.0.0.1:8080/openapi.json', { isBrowser: true, pageOrigin: undefined })
    expect(hint).toContain("Access-Control-Allow-Origin: this page's origin")
  })
})

describe('currentCorsEnvironment', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('is not a browser in Node', () => {
    expect(currentCorsEnvironment()).toEqual({ isBrowser: false, pageOrigin: undefined })
  })

  it('reads a page from document and location, and treats the opaque origin "null" as unknown', () => {
    vi.stubGlobal('document', {})
    vi.stubGlobal('location', { origin: PAGE })
    expect(currentCorsEnvironment()).toEqual({ isBrowser: true, pageOrigin: PAGE })
    vi.stubGlobal('location', { origin: 'null' })
    expect(currentCorsEnvironment()).toEqual({ isBrowser: true, pageOrigin: undefined })
  })
})

describe('the HTTP loader in a browser page', () => {
  const source: LiveSourceConfig = { id: 'pets', name: 'Pets', type: 'openapi', url: 'https://api.example.test/openapi.json', refreshInterval: 0, enabled: true }
  const request = () => ({ signal: new AbortController().signal, maxBytes: 1024 })
  // What a browser's fetch does for a response CORS blocked: a bare TypeError, no status.
  const blockedFetch = (async () => {
    throw new TypeError('Failed to fetch')
  }) as typeof fetch

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('adds the CORS hint to the NetworkError of a cross-origin request', async () => {
    vi.stubGlobal('document', {})
    vi.stubGlobal('location', { origin: PAGE })

    const error = await createHttpLoader({ fetch: blockedFetch }).load(source, request()).catch((thrown: unknown) => thrown)

    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, sourceId: 'pets' })
    expect((error as Error).message).toMatch(/^Source "pets" \(GET https:\/\/api\.example\.test\/openapi\.json\): the request failed; .*CORS/)
    expect((error as Error).message).toContain(`Access-Control-Allow-Origin: ${PAGE}`)
  })

  it('adds no hint outside a browser, nor for an error that is not fetch\'s TypeError', async () => {
    const inNode = await createHttpLoader({ fetch: blockedFetch }).load(source, request()).catch((thrown: unknown) => thrown)
    expect((inNode as Error).message).toBe('Source "pets" (GET https://api.example.test/openapi.json): the request failed')

    vi.stubGlobal('document', {})
    vi.stubGlobal('location', { origin: PAGE })
    const notFetch = (async () => {
      throw new RangeError('a bug in a custom fetch')
    }) as typeof fetch
    const other = await createHttpLoader({ fetch: notFetch }).load(source, request()).catch((thrown: unknown) => thrown)
    expect((other as Error).message).not.toContain('CORS')
  })
})
