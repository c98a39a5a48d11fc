import { buildSchema, getIntrospectionQuery, graphqlSync, parse, print } from 'graphql'
import { afterEach, describe, expect, it } from 'vitest'
import { STANDARD_INTROSPECTION_QUERY } from '../src/formats/graphql/introspection-request.js'
import { createNodeLoader } from '../src/node/node-loader.js'
import { parseSourceConfig } from '../src/config/config.js'
import { graphqlMissing, runCliInProcess, startCliInProcess } from './helpers/cli-in-process.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'

// Issue 13 item 1: GraphQL endpoints from the CLI, with and without the optional `graphql` package,
// and endpoints that refuse introspection. Issue 10 defect 2: createNodeLoader() asks endpoints with POST.

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const schema = buildSchema('type Query { user(id: ID!): User, users: [User!]! } type User { id: ID! name: String }')

/** Answers like GraphQL Yoga / Apollo Server: GET without a query is a 400, POST runs the query. */
async function graphqlServer(options: { introspection: boolean }): Promise<TestServer> {
  const server = await startTestServer((request, response, recorded) => {
    response.setHeader('content-type', 'application/graphql-response+json; charset=utf-8')
    if (request.method !== 'POST') {
      response.statusCode = 400
      response.end(JSON.stringify({ errors: [{ message: 'Must provide query string.' }] }))
      return
    }
    const { query } = JSON.parse(recorded.body) as { query: string }
    if (!options.introspection && query.includes('__schema')) {
      response.statusCode = 400
      response.end(JSON.stringify({ errors: [{ message: 'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type.' }] }))
      return
    }
    response.end(JSON.stringify(graphqlSync({ schema, source: query })))
  })
  servers.push(server)
  return server
}

describe('watch a GraphQL endpoint (issue 13 item 1)', () => {
  it('with graphql installed: finds the endpoint, introspects it, and syncs', async () => {
    const server = await graphqlServer({ introspection: true })
    const cli = startCliInProcess(['watch', `${server.url}/graphql`, '--interval', '600000'])
    await cli.waitForStdout(/in sync: graphql, "GraphQL API", 2 operations/)
    cli.stop()
    expect(await cli.exited).toBe(0)
    const posts = server.requests.filter((request) => request.method === 'POST').map((request) => (JSON.parse(request.body) as { query: string }).query)
    expect(posts.at(-1)).toBe(STANDARD_INTROSPECTION_QUERY)
  })

  it.each([[[]], [['--type', 'graphql']]])('without graphql (%j): exits 2 saying to install it', async (extra) => {
    const server = await graphqlServer({ introspection: true })
    const { code, stdout, stderr } = await runCliInProcess(['watch', `${server.url}/graphql`, ...extra], { importGraphql: graphqlMissing })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^api-live-sync: Cannot read GraphQL source .*install the `graphql` package \(npm install graphql@16\)/)
    expect(stderr.split('\n')).toHaveLength(2)
    expect(stderr).not.toContain('pass --type')
    expect(stderr).not.toContain('Must provide query string')
  })

  it.each([[[]], [['--type', 'graphql']]])('an endpoint with introspection disabled (%j): exits 2 with the status and message the server gave', async (extra) => {
    const server = await graphqlServer({ introspection: false })
    const { code, stderr } = await runCliInProcess(['watch', `${server.url}/graphql`, ...extra])
    expect(code).toBe(2)
    expect(stderr).toBe(
      `api-live-sync: ${server.url}/graphql is a GraphQL endpoint with introspection disabled (HTTP 400: "GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type."): enable introspection on the server (at least in development), or watch its schema file (SDL) instead\n`,
    )
  })

  it('the same answers without graphql: introspection disabled is what is wrong first', async () => {
    const server = await graphqlServer({ introspection: false })
    const { code, stderr } = await runCliInProcess(['watch', `${server.url}/graphql`], { importGraphql: graphqlMissing })
    expect(code).toBe(2)
    expect(stderr).toContain('introspection disabled (HTTP 400')
  })

  it('diff of two endpoints without graphql says to install it', async () => {
    const server = await graphqlServer({ introspection: true })
    const { code, stderr } = await runCliInProcess(['diff', `${server.url}/graphql`, `${server.url}/graphql`], { importGraphql: graphqlMissing })
    expect(code).toBe(2)
    expect(stderr).toContain('npm install graphql@16')
  })
})

describe('the introspection request needs no graphql package', () => {
  it("is graphql's own getIntrospectionQuery()", () => {
    expect(print(parse(STANDARD_INTROSPECTION_QUERY))).toBe(print(parse(getIntrospectionQuery())))
  })

  it('createNodeLoader() asks a GraphQL endpoint with the introspection POST (issue 10 defect 2)', async () => {
    const server = await graphqlServer({ introspection: true })
    const config = parseSourceConfig({ id: 'gql', name: 'gql', type: 'graphql', url: `${server.url}/graphql`, refreshInterval: 0 })
    const loaded = await createNodeLoader().load(config, { signal: new AbortController().signal, maxBytes: 1e6 })
    expect(server.requests.map((request) => request.method)).toEqual(['POST'])
    expect(loaded.notModified).not.toBe(true)
    expect(JSON.parse((loaded as { content: string }).content).data.__schema.queryType.name).toBe('Query')
  })
})
