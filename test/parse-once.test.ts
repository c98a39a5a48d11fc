import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSchema, getIntrospectionQuery, graphqlSync } from 'graphql'
import * as yaml from 'js-yaml'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { diffDocuments } from '../src/formats/diff-documents.js'
import { testSource } from '../src/discovery/test-source.js'
import { openapiDoc } from './helpers/fake-loader.js'
import { runCliInProcess, startCliInProcess } from './helpers/cli-in-process.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'

// Issue 10 move 4 / 6: a document whose type is detected first is parsed once; the parsed value
// travels to its format (`ParseContext.parsed`).

vi.mock('js-yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('js-yaml')>()
  return { ...actual, load: vi.fn(actual.load) }
})

const servers: TestServer[] = []
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'als-parse-once-'))
})

afterEach(async () => {
  vi.restoreAllMocks()
  vi.mocked(yaml.load).mockClear()
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await rm(dir, { recursive: true, force: true })
})

/** Counts the JSON parses of each of `texts` (the parse seam: `JSON.parse`). */
function countJsonParses(...texts: string[]): () => number[] {
  const spy = vi.spyOn(JSON, 'parse')
  return () => texts.map((text) => spy.mock.calls.filter(([parsed]) => parsed === text).length)
}

/** Counts the YAML parses of each of `texts` (the parse seam: js-yaml's `load`). */
function countYamlParses(...texts: string[]): () => number[] {
  return () => texts.map((text) => vi.mocked(yaml.load).mock.calls.filter(([parsed]) => parsed === text).length)
}

const openapiBefore = openapiDoc({ 'get /pets': {} })
const openapiAfter = openapiDoc({ 'get /pets': {}, 'post /pets': {} })

function introspection(sdl: string): string {
  return JSON.stringify(graphqlSync({ schema: buildSchema(sdl), source: getIntrospectionQuery() }))
}

function postmanCollection(path: string): string {
  return JSON.stringify({
    info: { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [{ name: 'r', request: { method: 'GET', url: `{{baseUrl}}/${path}` } }],
  })
}

describe('diffDocuments parses each document once', () => {
  it.each([
    ['OpenAPI JSON', openapiBefore, openapiAfter],
    ['a GraphQL introspection result', introspection('type Query { a: Int }'), introspection('type Query { a: Int b: Int }')],
    ['a Postman collection', postmanCollection('a'), postmanCollection('b')],
  ])('%s', async (_kind, before, after) => {
    const parses = countJsonParses(before, after)
    const changes = await diffDocuments(before, after)
    expect(changes.added).toHaveLength(1)
    expect(parses()).toEqual([1, 1])
  })

  it('OpenAPI YAML', async () => {
    const before = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /pets:\n    get:\n      responses: {"200": {description: ok}}\n'
    const after = `${before}  /cats:\n    get:\n      responses: {"200": {description: ok}}\n`
    const parses = countYamlParses(before, after)
    const changes = await diffDocuments(before, after)
    expect(changes.added.map((operation) => operation.key)).toEqual(['GET /cats'])
    expect(parses()).toEqual([1, 1])
  })
})

describe('testSource parses the document once', () => {
  it('detects the type and normalizes from one parse', async () => {
    const server = await startTestServer((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(openapiBefore)
    })
    servers.push(server)
    const parses = countJsonParses(openapiBefore)
    const report = await testSource({ id: 'parse-once', name: 'P', type: 'openapi', url: `${server.url}/openapi.json`, refreshInterval: 0 })
    expect(report).toMatchObject({ detectedType: 'openapi', operationCount: 1 })
    expect(parses()).toEqual([1])
  })
})

describe('the CLI parses each document once', () => {
  it('diff: the type is detected and the document normalized from one parse', async () => {
    await writeFile(join(dir, 'old.json'), openapiBefore)
    await writeFile(join(dir, 'new.json'), openapiAfter)
    const parses = countJsonParses(openapiBefore, openapiAfter)
    const { code, stdout } = await runCliInProcess(['diff', join(dir, 'old.json'), join(dir, 'new.json')])
    expect(code).toBe(0)
    expect(stdout).toContain('POST /pets')
    expect(parses()).toEqual([1, 1])
  })

  it("watch: the document found while detecting the type reaches the service's first sync parsed", async () => {
    const sdl = 'type Query { a: Int }'
    const document = introspection(sdl)
    const server = await startTestServer((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(document)
    })
    servers.push(server)
    const parses = countJsonParses(document)
    const cli = startCliInProcess(['watch', `${server.url}/schema.json`, '--interval', '600000'])
    await cli.waitForStdout(/in sync: graphql/)
    cli.stop()
    await cli.exited
    expect(server.requests).toHaveLength(1)
    expect(parses()).toEqual([1])
  })
})
