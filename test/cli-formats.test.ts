import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSchema, graphql } from 'graphql'
import { describe, expect, it, vi } from 'vitest'
import { discoverSpec } from '../src/discovery/discover-spec.js'
import { runCliInProcess, startCliInProcess, WAITS_ONLY } from './helpers/cli-in-process.js'
import { startTestServer } from './helpers/http-server.js'
import { dirs, running, servers } from './helpers/cli-tests.js'

/** A GraphQL endpoint (POST only, like most servers) answering queries, introspection included, against `state.sdl`. */
async function graphqlServer(sdl: string) {
  const state = { sdl }
  const server = await startTestServer(async (request, response, recorded) => {
    response.setHeader('content-type', 'application/json')
    if (request.url !== '/graphql' || request.method !== 'POST') {
      response.statusCode = request.url === '/graphql' ? 400 : 404
      response.end('{"errors":[{"message":"POST a query"}]}')
      return
    }
    const { query, operationName } = JSON.parse(recorded.body) as { query: string; operationName?: string }
    const result = await graphql({ schema: buildSchema(state.sdl), source: query, operationName: operationName ?? null })
    response.end(JSON.stringify(result))
  })
  servers.push(server)
  return { server, state }
}

const SDL_V1 = 'type Query {\n  pets(limit: Int): [Pet!]!\n  pet(id: ID!): Pet\n}\n\ntype Pet {\n  id: ID!\n  name: String!\n}\n'
const SDL_V2 = 'type Query {\n  pets(limit: Int): [Pet!]!\n}\n\ntype Pet {\n  id: ID!\n  name: String!\n}\n'

describe('the CLI with GraphQL and Postman sources', () => {
  it('watch finds a GraphQL endpoint by introspection and reports a removed field', async () => {
    vi.useFakeTimers(WAITS_ONLY)
    const { server, state } = await graphqlServer(SDL_V1)
    const cli = startCliInProcess(['watch', `${server.url}/graphql`, '--interval', '1000'])
    running.push(cli)

    await cli.waitForStdout(/in sync: graphql, .*2 operations/)
    state.sdl = SDL_V2
    await vi.advanceTimersByTimeAsync(1000)
    await cli.waitForStdout(/changed: 1 breaking/)
    cli.stop()

    expect(await cli.exited).toBe(0)
    expect(cli.stdout()).toMatch(/BREAKING\n\s+QUERY pet was removed \[operation-removed\]/)
    const posts = server.requests.filter((request) => request.method === 'POST')
    expect(posts.length).toBeGreaterThanOrEqual(2)
    expect(JSON.parse(posts[0]!.body)).toMatchObject({ operationName: 'IntrospectionQuery' })
  })

  it('diff compares two SDL files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'als-cli-formats-'))
    dirs.push(dir)
    await writeFile(join(dir, 'v1.graphql'), SDL_V1)
    await writeFile(join(dir, 'v2.graphql'), SDL_V2)

    const { code, stdout } = await runCliInProcess(['diff', 'v1.graphql', 'v2.graphql'], { cwd: dir })

    expect(code).toBe(1)
    expect(stdout).toMatch(/^1 breaking, .*\(0 added, 1 removed, 0 modified\)\nBREAKING\n {2}QUERY pet was removed \[operation-removed\]\n$/)
  })

  it('diff compares two Postman collections', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'als-cli-formats-'))
    dirs.push(dir)
    const collection = (requests: Array<[string, string]>) =>
      JSON.stringify({
        info: { name: 'Pets', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: requests.map(([method, path]) => ({ name: `${method} ${path}`, request: { method, url: `{{baseUrl}}${path}` } })),
      })
    await writeFile(join(dir, 'old.postman_collection.json'), collection([['GET', '/pets'], ['DELETE', '/pets/:id']]))
    await writeFile(join(dir, 'new.postman_collection.json'), collection([['GET', '/pets']]))

    const { code, stdout } = await runCliInProcess(['diff', 'old.postman_collection.json', 'new.postman_collection.json', '--json'], { cwd: dir })

    expect(code).toBe(1)
    const changes = JSON.parse(stdout) as { removed: Array<{ key: string }>; breaking: boolean }
    expect(changes.breaking).toBe(true)
    expect(changes.removed.map((operation) => operation.key)).toEqual(['DELETE /pets/{id}'])
  })

  it('discoverSpec finds the GraphQL endpoint of a real graphql-js server', async () => {
    const { server } = await graphqlServer(SDL_V1)
    const found = await discoverSpec(server.url)
    expect(found.map((spec) => [spec.url, spec.type])).toEqual([[`${server.url}/graphql`, 'graphql']])
  })
})
