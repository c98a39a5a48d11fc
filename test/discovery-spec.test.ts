import type { ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { stringify as toYaml } from 'yaml'
import { discoverSpec } from '../src/discovery/discover-spec.js'
import { SPEC_PROBES } from '../src/discovery/probe-table.js'
import { startTestServer, type RecordedRequest, type TestServer } from './helpers/http-server.js'

const servers: TestServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

interface Route {
  status?: number
  contentType: string
  body: string
  headers?: Record<string, string>
  /** Methods answered; others get 405. @default HEAD and GET */
  methods?: string[]
}

/** A server answering only the given routes (404 elsewhere), with the same headers on every response. */
async function serveRoutes(routes: Record<string, Route | ((response: ServerResponse) => void)>, common: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer((request, response) => {
    for (const [name, value] of Object.entries(common)) response.setHeader(name, value)
    const route = routes[request.url ?? '']
    if (typeof route === 'function') return route(response)
    if (route === undefined) {
      response.statusCode = 404
      response.setHeader('content-type', 'application/json')
      response.end('{"detail":"Not Found"}')
      return
    }
    if (!(route.methods ?? ['HEAD', 'GET']).includes(request.method ?? '')) {
      response.statusCode = 405
      response.end()
      return
    }
    response.statusCode = route.status ?? 200
    response.setHeader('content-type', route.contentType)
    for (const [name, value] of Object.entries(route.headers ?? {})) response.setHeader(name, value)
    response.end(route.body)
  })
  servers.push(server)
  return server
}

function openapi3(title: string, operations: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const operation of operations) {
    const [method, path] = operation.split(' ') as [string, string]
    paths[path] = { ...paths[path], [method]: { responses: { '200': { description: 'ok' } } } }
  }
  return { openapi: '3.0.3', info: { title, version: '1.0.0' }, paths, ...extra }
}

function swagger2(title: string, operations: string[]): Record<string, unknown> {
  return { ...openapi3(title, operations), openapi: undefined, swagger: '2.0' }
}

const json = (value: unknown): Route => ({ contentType: 'application/json', body: JSON.stringify(value) })
const yaml = (value: unknown, contentType = 'application/yaml'): Route => ({ contentType, body: toYaml(value) })
const html: Route = { contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Swagger UI</title>' }

interface FrameworkCase {
  framework: string
  routes: Record<string, Route>
  headers?: Record<string, string>
  expected: { path: string; type: string; version?: string; title?: string; operationCount?: number; framework?: string; alsoAt?: string[] }
}

const fastApiDoc = openapi3('FastAPI app', ['get /items/{item_id}', 'post /items'], {
  openapi: '3.1.0',
  components: { schemas: { HTTPValidationError: { type: 'object' } } },
})
const springDoc = openapi3('Spring app', ['get /owners', 'post /owners', 'get /vets'], {
  servers: [{ url: 'http://localhost:8080', description: 'Generated server url' }],
})

const FRAMEWORKS: FrameworkCase[] = [
  {
    framework: 'FastAPI',
    routes: { '/openapi.json': json(fastApiDoc), '/docs': html },
    headers: { server: 'uvicorn' },
    expected: { path: '/openapi.json', type: 'openapi', version: '3.1.0', title: 'FastAPI app', operationCount: 2, framework: 'FastAPI' },
  },
  {
    framework: 'Spring (springdoc), JSON and YAML of one document collapsed',
    routes: { '/v3/api-docs': json(springDoc), '/v3/api-docs.yaml': yaml(springDoc), '/swagger-ui/index.html': html },
    expected: {
      path: '/v3/api-docs',
      type: 'openapi',
      version: '3.0.3',
      title: 'Spring app',
      operationCount: 3,
      framework: 'Spring (springdoc)',
      alsoAt: ['/v3/api-docs.yaml'],
    },
  },
  {
    framework: 'ASP.NET Core (Swashbuckle)',
    routes: { '/swagger/v1/swagger.json': json(openapi3('WeatherForecast', ['get /WeatherForecast'])) },
    headers: { server: 'Kestrel' },
    expected: { path: '/swagger/v1/swagger.json', type: 'openapi', title: 'WeatherForecast', operationCount: 1, framework: 'ASP.NET Core (Swashbuckle)' },
  },
  {
    framework: 'NestJS',
    routes: { '/api-json': json(openapi3('Cats example', ['get /cats', 'post /cats'])), '/api': html },
    headers: { 'x-powered-by': 'Express' },
    expected: { path: '/api-json', type: 'openapi', title: 'Cats example', operationCount: 2, framework: 'NestJS' },
  },
  {
    framework: 'Express (swagger-jsdoc)',
    routes: { '/api-docs': html, '/api-docs.json': json(openapi3('Express API', ['get /users'])) },
    headers: { 'x-powered-by': 'Express' },
    expected: { path: '/api-docs.json', type: 'openapi', title: 'Express API', operationCount: 1, framework: 'Express (swagger-jsdoc)' },
  },
  {
    framework: 'Django (drf-spectacular)',
    routes: { '/api/schema/': yaml(openapi3('Django API', ['get /api/polls/', 'get /api/polls/{id}/']), 'application/vnd.oai.openapi; charset=utf-8') },
    headers: { server: 'WSGIServer/0.2 CPython/3.12.1' },
    expected: { path: '/api/schema/', type: 'openapi', title: 'Django API', operationCount: 2, framework: 'Django (drf-spectacular)' },
  },
  {
    framework: 'Flask (flask-apispec)',
    routes: { '/swagger/': json(swagger2('Flask apispec', ['get /pets'])) },
    headers: { server: 'Werkzeug/3.0.1 Python/3.12.1' },
    expected: { path: '/swagger/', type: 'openapi', version: '2.0', title: 'Flask apispec', operationCount: 1, framework: 'Flask (flask-apispec)' },
  },
  {
    framework: 'Flask (flask-smorest)',
    routes: { '/api/openapi.json': json(openapi3('Smorest', ['get /pets', 'delete /pets/{id}'])) },
    headers: { server: 'Werkzeug/3.0.1 Python/3.12.1' },
    expected: { path: '/api/openapi.json', type: 'openapi', title: 'Smorest', operationCount: 2, framework: 'Flask (flask-smorest)' },
  },
  {
    framework: 'Rails (rswag)',
    routes: { '/api-docs/v1/swagger.yaml': yaml(openapi3('Rails API V1', ['get /blogs', 'post /blogs']), 'text/yaml') },
    headers: { server: 'Puma', 'x-runtime': '0.004211' },
    expected: { path: '/api-docs/v1/swagger.yaml', type: 'openapi', title: 'Rails API V1', operationCount: 2, framework: 'Rails (rswag)' },
  },
  {
    framework: 'Laravel (l5-swagger)',
    routes: { '/docs/api-docs.json': json(openapi3('Laravel OpenApi', ['get /api/projects'])), '/api/documentation': html },
    headers: { 'x-powered-by': 'PHP/8.3.2' },
    expected: { path: '/docs/api-docs.json', type: 'openapi', title: 'Laravel OpenApi', operationCount: 1, framework: 'Laravel (l5-swagger)' },
  },
  {
    framework: 'Go (swag)',
    routes: { '/swagger/doc.json': json(swagger2('Swagger Example API', ['get /accounts/{id}', 'post /accounts'])) },
    expected: { path: '/swagger/doc.json', type: 'openapi', version: '2.0', title: 'Swagger Example API', operationCount: 2, framework: 'Go (swag)' },
  },
]

describe('discoverSpec: one server per framework layout', () => {
  it.each(FRAMEWORKS)('$framework', async ({ routes, headers, expected }) => {
    const server = await serveRoutes(routes, headers)

    const found = await discoverSpec(server.url)

    expect(found).toHaveLength(1)
    const { path, alsoAt = [], ...fields } = expected
    expect(found[0]).toMatchObject({ url: `${server.url}${path}`, ...fields, alsoAt: alsoAt.map((other) => `${server.url}${other}`) })
    // HEAD first: a location answered 404 (or an HTML page) by HEAD is never downloaded.
    const gets = server.requests.filter((request) => request.method === 'GET').map((request) => request.url)
    expect(gets.sort()).toEqual([path, ...alsoAt].sort())
  })

  it('finds a GraphQL endpoint by POSTing the smallest introspection query', async () => {
    const server = await serveRoutes({
      '/graphql': (response) => {
        response.setHeader('content-type', 'application/graphql-response+json')
        response.end(JSON.stringify({ data: { __schema: { queryType: { name: 'Query' } } } }))
      },
    })

    const found = await discoverSpec(server.url)

    expect(found).toEqual([{ url: `${server.url}/graphql`, type: 'graphql', confidence: expect.any(Number), alsoAt: [] }])
    const post = server.requests.find((request) => request.method === 'POST')
    expect(post).toMatchObject({ url: '/graphql' })
    expect(JSON.parse(post!.body)).toEqual({ query: '{ __schema { queryType { name } } }' })
    expect(post!.headers['content-type']).toBe('application/json')
  })

  it('does not count a GraphQL error answer as an endpoint', async () => {
    const server = await serveRoutes({
      '/graphql': (response) => {
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify({ errors: [{ message: 'introspection is disabled' }] }))
      },
    })
    expect(await discoverSpec(server.url)).toEqual([])
  })
})

describe('discoverSpec: probing behaviour', () => {
  it('falls back to GET when HEAD answers 405', async () => {
    const server = await serveRoutes({ '/openapi.json': { ...json(fastApiDoc), methods: ['GET'] } }, { server: 'uvicorn' })

    const found = await discoverSpec(server.url)

    expect(found.map((spec) => spec.url)).toEqual([`${server.url}/openapi.json`])
    const methods = server.requests.filter((request) => request.url === '/openapi.json').map((request) => request.method)
    expect(methods).toEqual(['HEAD', 'GET'])
  })

  it('gives up on a location slower than the timeout and still reports the others', async () => {
    const held: ServerResponse[] = []
    const server = await serveRoutes({
      '/openapi.json': (response) => void held.push(response), // never answers
      '/v3/api-docs': json(springDoc),
    })

    const found = await discoverSpec(server.url, { timeoutMs: 300 })

    expect(found.map((spec) => spec.url)).toEqual([`${server.url}/v3/api-docs`])
    expect(held.length).toBeGreaterThan(0)
  })

  it('finds nothing on a server without a definition, and downloads no HTML page', async () => {
    const server = await serveRoutes({}, {})
    expect(await discoverSpec(server.url)).toEqual([])

    // A single-page app answers every path with its index page.
    const spa = await startTestServer((_request, response) => {
      response.setHeader('content-type', 'text/html')
      response.end('<!doctype html><div id="root"></div>')
    })
    servers.push(spa)
    expect(await discoverSpec(spa.url)).toEqual([])
    expect(spa.requests.filter((request) => request.method === 'GET')).toEqual([])
  })

  it('ignores 2xx bodies that are not API definitions', async () => {
    const server = await serveRoutes({ '/openapi.json': json({ status: 'ok' }), '/swagger.json': { contentType: 'text/plain', body: 'hello' } })
    expect(await discoverSpec(server.url)).toEqual([])
  })

  it('ranks a confirmed framework layout above an unknown location, and collapses the same document', async () => {
    const other = openapi3('Other', ['get /x'])
    const server = await serveRoutes(
      { '/openapi.json': json(fastApiDoc), '/openapi.yaml': yaml(other), '/swagger.yaml': yaml(fastApiDoc) },
      { server: 'uvicorn' },
    )

    const found = await discoverSpec(server.url)

    expect(found.map((spec) => [spec.url.slice(server.url.length), spec.alsoAt.map((url) => url.slice(server.url.length))])).toEqual([
      ['/openapi.json', ['/swagger.yaml']],
      ['/openapi.yaml', []],
    ])
    expect(found[0]!.confidence).toBeGreaterThan(found[1]!.confidence)
  })

  it('keeps the base URL path as a prefix', async () => {
    const server = await serveRoutes({ '/app/openapi.json': json(fastApiDoc) })
    const found = await discoverSpec(`${server.url}/app`)
    expect(found.map((spec) => spec.url)).toEqual([`${server.url}/app/openapi.json`])
  })

  it('sends the given headers and the base URL credentials as Basic auth', async () => {
    const server = await serveRoutes({ '/openapi.json': json(fastApiDoc) })
    const base = server.url.replace('http://', 'http://me:s3cret@')

    const found = await discoverSpec(base, { headers: { 'x-api-key': 'k-123' } })

    expect(found.map((spec) => spec.url)).toEqual([`${base}/openapi.json`])
    const request = server.requests.find((recorded: RecordedRequest) => recorded.method === 'GET')!
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('me:s3cret').toString('base64')}`)
    expect(request.headers['x-api-key']).toBe('k-123')
  })

  it('probes every location of the table once', async () => {
    const server = await serveRoutes({})
    await discoverSpec(server.url)
    const probed = new Set(server.requests.map((request) => request.url))
    expect([...probed].sort()).toEqual(SPEC_PROBES.map((probe) => probe.path).sort())
  })

  it('rejects a base URL that is not http(s) with INVALID_CONFIG', async () => {
    await expect(discoverSpec('ftp://example.test')).rejects.toMatchObject({ code: 'INVALID_CONFIG' })
    await expect(discoverSpec('not a url')).rejects.toMatchObject({ code: 'INVALID_CONFIG' })
  })

  it('rejects with the signal reason when cancelled', async () => {
    const server = await serveRoutes({ '/openapi.json': () => {} })
    const controller = new AbortController()
    const reason = new Error('cancelled by the test')
    const discovery = discoverSpec(server.url, { signal: controller.signal, timeoutMs: 10_000 })
    setTimeout(() => controller.abort(reason), 50)
    await expect(discovery).rejects.toBe(reason)
  })
})
