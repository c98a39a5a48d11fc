import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exploreServer } from '../src/discovery/discover-spec.js'
import { SPEC_PROBES } from '../src/discovery/probe-table.js'
import { runCliInProcess } from './helpers/cli-in-process.js'
import { closedPortUrl, startTestServer, type TestServer } from './helpers/http-server.js'

// Issue 13 item 5: discover tries the URL it was given, knows Fastify's location, and tells
// "nothing listens" from "nothing published there" from "introspection refused".

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const spec = JSON.stringify({ openapi: '3.0.3', info: { title: 'Shop', version: '1' }, paths: { '/items': { get: { responses: { '200': { description: 'ok' } } } } } })

async function serveAt(path: string, body = spec): Promise<TestServer> {
  const server = await startTestServer((request, response) => {
    if (request.url === path && request.method !== 'POST') {
      response.setHeader('content-type', 'application/json')
      response.end(request.method === 'HEAD' ? undefined : body)
      return
    }
    response.statusCode = 404
    response.end('{"message":"Route not found"}')
  })
  servers.push(server)
  return server
}

describe('discover (issue 13 item 5)', () => {
  it("finds Fastify's default /documentation/json", async () => {
    const server = await serveAt('/documentation/json')
    const { code, stdout } = await runCliInProcess(['discover', server.url])
    expect(code).toBe(0)
    expect(stdout).toContain(`${server.url}/documentation/json`)
    expect(stdout).toContain('Fastify (@fastify/swagger)')
  })

  it('tries the URL it was given first, wherever it is', async () => {
    const server = await serveAt('/internal/spec/v7')
    const report = await exploreServer(`${server.url}/internal/spec/v7`)
    expect(report.specs.map((found) => [found.url, found.confidence])).toEqual([[`${server.url}/internal/spec/v7`, 1]])
    expect(server.requests[0]!.url).toBe('/internal/spec/v7')
  })

  it('says when nothing listens', async () => {
    const url = await closedPortUrl()
    const { code, stdout } = await runCliInProcess(['discover', url, '--timeout', '2000'])
    expect(code).toBe(1)
    expect(stdout).toMatch(/^Nothing answers at http:\/\/127\.0\.0\.1:\d+\/ \(tried \d+ locations\): is the server running, on this host and port\?\n$/)
  })

  it('says when a server answers but publishes nothing where it looked', async () => {
    const server = await serveAt('/nowhere-known')
    const { code, stdout } = await runCliInProcess(['discover', server.url, '--timeout', '2000'])
    expect(code).toBe(1)
    expect(stdout).toMatch(/^No API definition found at http:\/\/127\.0\.0\.1:\d+\/ \(tried \d+ locations\): the server answers, but serves no definition at any of them\./)
  })

  it('says when a GraphQL endpoint refuses introspection, with the status and message', async () => {
    const server = await startTestServer((request, response) => {
      response.setHeader('content-type', 'application/graphql-response+json')
      response.statusCode = request.url === '/graphql' ? 400 : 404
      response.end(JSON.stringify({ errors: [{ message: 'GraphQL introspection has been disabled, but the requested query contained the field "__schema".' }] }))
    })
    servers.push(server)
    const { code, stdout } = await runCliInProcess(['discover', server.url, '--timeout', '2000'])
    expect(code).toBe(1)
    expect(stdout).toBe(
      `${server.url}/graphql is a GraphQL endpoint that has introspection disabled (HTTP 400: "GraphQL introspection has been disabled, but the requested query contained the field "__schema"."): enable introspection in development, or watch the schema file (SDL).\n`,
    )
  })
})

describe('docs/dev-servers.md', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'dev-servers.md'), 'utf8')

  it('gives a watch command for each framework the issue names', () => {
    for (const framework of ['FastAPI', 'Spring', 'ASP.NET', 'NestJS', 'Express', 'Fastify', 'Django', 'Flask', 'Rails', 'Laravel', 'Go', 'GraphQL']) {
      expect(doc).toMatch(new RegExp(`^## ${framework}`, 'm'))
    }
  })

  it('names only spec URLs that discover tries', () => {
    const urls = [...doc.matchAll(/api-live-sync watch (http:\/\/localhost:\d+(\/\S*))/g)].map((match) => match[2]!)
    expect(urls.length).toBeGreaterThanOrEqual(12)
    const known = new Set(SPEC_PROBES.map((probe) => probe.path))
    for (const path of urls) expect(known, path).toContain(path)
  })
})
