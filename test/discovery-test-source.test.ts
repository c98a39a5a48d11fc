import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testSource } from '../src/discovery/test-source.js'
import { isHttpError, isInvalidConfigError, isInvalidSpecError, isNetworkError, isParseError, isTimeoutError } from '../src/errors/errors.js'
import { createNodeLoader } from '../src/node/node-loader.js'
import { openapiDoc } from './helpers/fake-loader.js'
import { closedPortUrl, type TestServer } from './helpers/http-server.js'
import { serve } from './helpers/serve.js'

const dirs: string[] = []

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

function serveText(status: number, contentType: string, body: string): Promise<TestServer> {
  return serve((_request, response) => {
    response.statusCode = status
    response.setHeader('content-type', contentType)
    response.end(body)
  })
}

function source(url: string, overrides: Record<string, unknown> = {}) {
  return { id: 'probe', name: 'Probe', type: 'openapi', url, refreshInterval: 0, ...overrides }
}

describe('testSource', () => {
  it('reports a good source: status, content type, type, version, title and operation count', async () => {
    const server = await serveText(200, 'application/json', openapiDoc({ 'get /pets': {}, 'post /pets': {} }, { title: 'Pets' }))

    const report = await testSource(source(`${server.url}/openapi.json`))

    expect(report).toEqual({
      reachable: true,
      httpStatus: 200,
      contentType: 'application/json',
      detectedType: 'openapi',
      specVersion: '3.0.3',
      title: 'Pets',
      operationCount: 2,
      durationMs: expect.any(Number),
    })
  })

  it('reports a 404 as reachable, with the status and a hint to discover the document', async () => {
    const server = await serveText(404, 'text/plain', 'not found')

    const report = await testSource(source(`${server.url}/missing.json`))

    expect(report).toMatchObject({ reachable: true, httpStatus: 404 })
    expect(isHttpError(report.error)).toBe(true)
    expect(report.hint).toContain('discoverSpec')
  })

  it('reports a body that is not valid JSON as a PARSE_ERROR', async () => {
    const server = await serveText(200, 'application/json', '{"openapi": "3.0.3", "paths": {')

    const report = await testSource(source(`${server.url}/openapi.json`))

    expect(report).toMatchObject({ reachable: true, httpStatus: 200, contentType: 'application/json' })
    expect(isParseError(report.error)).toBe(true)
    expect(report.error?.message).toContain('not valid JSON')
  })

  it('reports a document of another type than configured, with the type to set', async () => {
    const server = await serveText(200, 'application/json', openapiDoc({ 'get /pets': {} }))

    const report = await testSource(source(`${server.url}/openapi.json`, { type: 'postman' }))

    expect(report).toMatchObject({ reachable: true, detectedType: 'openapi', hint: "Set the source's type to 'openapi'." })
    expect(isInvalidSpecError(report.error)).toBe(true)
    expect(report.error?.message).toBe("Source \"probe\" serves an OpenAPI document, but its type is 'postman'")
  })

  it('reports an HTML page with a hint that it is probably a documentation UI', async () => {
    const server = await serveText(200, 'text/html', '<!doctype html><title>Swagger UI</title>')

    const report = await testSource(source(`${server.url}/docs`))

    expect(isInvalidSpecError(report.error)).toBe(true)
    expect(report.hint).toContain('HTML page')
  })

  it('in a browser, suggests CORS when fetch fails for a cross-origin URL', async () => {
    const url = `${await closedPortUrl()}/openapi.json`

    const inBrowser = await testSource(source(url), { isBrowser: true, pageOrigin: 'http://localhost:5173' })
    const inNode = await testSource(source(url), { isBrowser: false })

    expect(inBrowser.reachable).toBe(false)
    expect(isNetworkError(inBrowser.error)).toBe(true)
    expect(inBrowser.hint).toContain('CORS is the likely cause')
    expect(inBrowser.hint).toContain('Access-Control-Allow-Origin: http://localhost:5173')
    expect(inNode.hint).toBeUndefined()
    expect(inBrowser.httpStatus).toBeUndefined()
  })

  it('gives no CORS hint for a same-origin URL', async () => {
    const url = `${await closedPortUrl()}/openapi.json`
    const report = await testSource(source(url), { isBrowser: true, pageOrigin: new URL(url).origin })
    expect(isNetworkError(report.error)).toBe(true)
    expect(report.hint).toBeUndefined()
  })

  it('times out a server that does not answer', async () => {
    const server = await serve(() => {})

    const report = await testSource(source(`${server.url}/slow`), { timeoutMs: 200 })

    expect(report.reachable).toBe(false)
    expect(isTimeoutError(report.error)).toBe(true)
    expect(report.hint).toContain('did not answer in time')
  })

  it('validates the config and reports INVALID_CONFIG instead of throwing', async () => {
    const report = await testSource({ id: 'bad', name: 'Bad', type: 'openapi', url: 'ftp://example.test/x', refreshInterval: 5 })

    expect(report.reachable).toBe(false)
    expect(isInvalidConfigError(report.error)).toBe(true)
    expect(report.error?.message).toContain('url')
    expect(report.error?.message).toContain('refreshInterval')
  })

  it('tests a file source with the Node loader, and says where to get it without', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'als-test-source-'))
    dirs.push(dir)
    const path = join(dir, 'openapi.yaml')
    await writeFile(path, 'openapi: 3.0.3\ninfo:\n  title: From disk\n  version: "1"\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n')
    const config = { id: 'disk', name: 'Disk', type: 'openapi', filePath: path, refreshInterval: 0 }

    const withNodeLoader = await testSource(config, { loader: createNodeLoader() })
    const withoutIt = await testSource(config)

    expect(withNodeLoader).toMatchObject({ reachable: true, contentType: 'application/yaml', title: 'From disk', operationCount: 1 })
    expect(withNodeLoader.error).toBeUndefined()
    expect(withNodeLoader.httpStatus).toBeUndefined()
    expect(isInvalidConfigError(withoutIt.error)).toBe(true)
    expect(withoutIt.hint).toContain("'api-live-sync/node'")
  })

  it('rejects with the signal reason when cancelled', async () => {
    const server = await serve(() => {})
    const controller = new AbortController()
    const reason = new Error('stop')
    const pending = testSource(source(`${server.url}/slow`), { signal: controller.signal })
    setTimeout(() => controller.abort(reason), 50)
    await expect(pending).rejects.toBe(reason)
  })
})
