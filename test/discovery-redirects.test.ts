import { afterEach, describe, expect, it } from 'vitest'
import { discoverSpec } from '../src/discovery/discover-spec.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

describe('discoverSpec and redirects', () => {
  it('never sends probe headers to another origin a probe redirects to', async () => {
    const document = JSON.stringify({ openapi: '3.0.3', info: { title: 'Elsewhere', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } } })
    const elsewhere = await startTestServer((_request, response) => {
      response.setHeader('content-type', 'application/json')
      response.end(document)
    })
    const origin = await startTestServer((request, response) => {
      if (request.url === '/openapi.json') {
        response.writeHead(302, { location: `${elsewhere.url}/spec.json` }).end()
        return
      }
      response.writeHead(404).end()
    })
    servers.push(elsewhere, origin)
    const found = await discoverSpec(origin.url, { headers: { 'X-Api-Key': 'probe-secret' }, timeoutMs: 2000 })
    expect(found.map((spec) => spec.title)).toContain('Elsewhere')
    expect(origin.requests.some((request) => request.headers['x-api-key'] === 'probe-secret')).toBe(true)
    expect(elsewhere.requests.length).toBeGreaterThan(0)
    for (const request of elsewhere.requests) expect(request.headers['x-api-key']).toBeUndefined()
  })
})
