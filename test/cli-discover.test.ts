import { afterEach, describe, expect, it } from 'vitest'
import { runCliInProcess } from './helpers/cli-in-process.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'

const servers: TestServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const fastApiDoc = {
  openapi: '3.1.0',
  info: { title: 'Inventory', version: '0.1.0' },
  paths: { '/items': { get: { responses: { '200': { description: 'ok' } } }, post: { responses: { '200': { description: 'ok' } } } } },
  components: { schemas: { HTTPValidationError: { type: 'object' } } },
}

async function fastApiServer(): Promise<TestServer> {
  const server = await startTestServer((request, response) => {
    response.setHeader('server', 'uvicorn')
    if (request.url === '/openapi.json') {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(fastApiDoc))
      return
    }
    response.statusCode = 404
    response.end('{"detail":"Not Found"}')
  })
  servers.push(server)
  return server
}

describe('api-live-sync discover', () => {
  it('lists what it found and exits 0', async () => {
    const server = await fastApiServer()
    const { code, stdout, stderr } = await runCliInProcess(['discover', server.url])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      `Found 1 API definition at ${server.url}/:`,
      `  ${server.url}/openapi.json`,
      '    openapi 3.1.0, "Inventory", 2 operations, FastAPI (confidence 1)',
    ])
  })

  it('--json prints the findings as a JSON array, passwords hidden', async () => {
    const server = await fastApiServer()
    const base = server.url.replace('http://', 'http://admin:pa55word@')
    const { code, stdout } = await runCliInProcess(['discover', base, '--json'])
    expect(code).toBe(0)
    expect(stdout).not.toContain('pa55word')
    expect(JSON.parse(stdout)).toEqual([
      {
        url: `${server.url}/openapi.json`,
        type: 'openapi',
        version: '3.1.0',
        title: 'Inventory',
        operationCount: 2,
        framework: 'FastAPI',
        confidence: 1,
        alsoAt: [],
      },
    ])
  })

  it('exits 1 when nothing is found', async () => {
    const server = await startTestServer((_request, response) => {
      response.statusCode = 404
      response.end()
    })
    servers.push(server)
    const { code, stdout } = await runCliInProcess(['discover', server.url, '--timeout', '2000'])
    expect(code).toBe(1)
    expect(stdout).toMatch(/^No API definition found at http:\/\/127\.0\.0\.1:\d+\/ \(tried \d+ locations\): the server answers, but serves no definition at any of them\./)
  })
})
