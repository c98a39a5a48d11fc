import { buildSchema, graphqlSync } from 'graphql'
import { afterEach, describe, expect, it } from 'vitest'
import { parseSourceConfig } from '../src/config/config.js'
import { testSource } from '../src/discovery/test-source.js'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { SpecFormat } from '../src/formats/types.js'
import { createHttpLoader } from '../src/loaders/http-loader.js'
import { formatRequests } from '../src/loaders/format-request.js'
import type { LoadResult } from '../src/model/loader.js'
import { createNodeLoader } from '../src/node/node-loader.js'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { openapiDoc } from './helpers/fake-loader.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'

// Issue 10 defect 2 and move 4: the request a source needs is its format's (`SpecFormat.request`),
// and every HTTP loader asks the formats for it.

const servers: TestServer[] = []
const services: LiveSyncService[] = []
let counter = 0

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const schema = buildSchema('type Query { pets: [Pet!]! pet(id: ID!): Pet } type Pet { id: ID! name: String }')

/** A GraphQL endpoint that answers only a POSTed query (GET is a 405, as several servers do). */
async function graphqlEndpoint(): Promise<TestServer> {
  const server = await startTestServer((request, response, recorded) => {
    if (request.method !== 'POST') {
      response.statusCode = 405
      response.end()
      return
    }
    const { query } = JSON.parse(recorded.body) as { query: string }
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify(graphqlSync({ schema, source: query })))
  })
  servers.push(server)
  return server
}

/** A server that serves `document` only to `POST /spec` with the body `{"wanted":"spec"}`. */
async function postOnlySpecServer(document: string): Promise<TestServer> {
  const server = await startTestServer((request, response, recorded) => {
    if (request.method !== 'POST' || recorded.body !== '{"wanted":"spec"}') {
      response.statusCode = 405
      response.end()
      return
    }
    response.setHeader('content-type', 'application/json')
    response.end(document)
  })
  servers.push(server)
  return server
}

/** The OpenAPI format, asking for its documents with a POST (a host's custom format). */
const postingOpenapiFormat: SpecFormat = {
  ...openapiFormat,
  request: () => ({ method: 'POST', body: '{"wanted":"spec"}', headers: { 'content-type': 'application/json' } }),
}

function source(type: 'openapi' | 'graphql', url: string) {
  counter++
  return parseSourceConfig({ id: `format-request-${counter}`, name: 'Source', type, url, refreshInterval: 0 })
}

function contentOf(result: LoadResult): string {
  if (result.notModified === true) throw new Error('expected content')
  return result.content
}

const loadRequest = () => ({ signal: new AbortController().signal, maxBytes: 1e6 })

describe('the Node loader asks a GraphQL endpoint with its format request (issue 10 defect 2)', () => {
  it('new LiveSyncService({ loader: createNodeLoader() }) syncs an endpoint that answers only the introspection POST', async () => {
    const server = await graphqlEndpoint()
    const live = new LiveSyncService({ loader: createNodeLoader() })
    services.push(live)
    const config = source('graphql', `${server.url}/graphql`)
    await live.addSource(config)

    const result = await live.syncSource(config.id)

    expect(result.error).toBeUndefined()
    expect(result.status).toBe('success')
    expect(result.changes?.added.map((operation) => operation.key).sort()).toEqual(['QUERY pet', 'QUERY pets'])
    expect(server.requests.map((request) => request.method)).toEqual(['POST'])
  })

  it('loads a GraphQL schema file with a plain GET', async () => {
    const server = await startTestServer((_request, response) => response.end('type Query { a: Int }'))
    servers.push(server)

    expect(contentOf(await createNodeLoader().load(source('graphql', `${server.url}/schema.graphql`), loadRequest()))).toContain('type Query')
    expect(server.requests.map((request) => request.method)).toEqual(['GET'])
  })
})

describe("a host's format shapes the request of its sources (the loaders' `formats` option)", () => {
  const document = openapiDoc({ 'get /pets': {} })

  it('createHttpLoader({ formats }) sends the request of the custom format', async () => {
    const server = await postOnlySpecServer(document)
    const loaded = await createHttpLoader({ formats: [postingOpenapiFormat] }).load(source('openapi', `${server.url}/spec`), loadRequest())
    expect(contentOf(loaded)).toBe(document)
    expect(server.requests.map((request) => [request.method, request.headers['content-type']])).toEqual([['POST', 'application/json']])
  })

  it('createNodeLoader({ formats }) sends the request of the custom format', async () => {
    const server = await postOnlySpecServer(document)
    const loaded = await createNodeLoader({ formats: [postingOpenapiFormat] }).load(source('openapi', `${server.url}/spec`), loadRequest())
    expect(contentOf(loaded)).toBe(document)
  })

  it("the service's default loader uses the service's formats", async () => {
    const server = await postOnlySpecServer(document)
    const live = new LiveSyncService({ formats: [postingOpenapiFormat] })
    services.push(live)
    const config = source('openapi', `${server.url}/spec`)
    await live.addSource(config)

    const result = await live.syncSource(config.id)

    expect(result.status).toBe('success')
    expect(result.changes?.added.map((operation) => operation.key)).toEqual(['GET /pets'])
  })

  it("testSource's default loader uses the formats it is given", async () => {
    const server = await postOnlySpecServer(document)
    const report = await testSource(source('openapi', `${server.url}/spec`), { formats: [postingOpenapiFormat] })
    expect(report).toMatchObject({ reachable: true, detectedType: 'openapi', operationCount: 1 })
  })

  it('without formats, an OpenAPI source is a plain GET and a GraphQL endpoint gets the introspection POST', () => {
    const requestOf = formatRequests()
    expect(requestOf(source('openapi', 'http://127.0.0.1:1/spec.json'))).toBeUndefined()
    expect(requestOf(source('graphql', 'http://127.0.0.1:1/graphql'))).toEqual(graphqlFormat.request?.(source('graphql', 'http://127.0.0.1:1/graphql')))
    expect(requestOf(source('graphql', 'http://127.0.0.1:1/graphql'))?.method).toBe('POST')
    expect(requestOf(source('graphql', 'http://127.0.0.1:1/schema.json'))).toBeUndefined()
  })
})
