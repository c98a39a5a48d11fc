import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InvalidSpecError, ParseError } from '../src/errors/errors.js'
import { createGraphqlFormat, graphqlFormat, graphqlIntrospectionRequest } from '../src/formats/graphql/index.js'
import type { NormalizedDocument } from '../src/model/snapshot.js'
import { rejectionOf } from './helpers/promises.js'

const normalize = (text: string, sourceId = 'gql-test'): Promise<NormalizedDocument> => graphqlFormat.normalize(text, { sourceId })

/** What `promise` rejected with; normalize rejects with Errors only. */
const rejection = async (promise: Promise<unknown>): Promise<Error> => (await rejectionOf(promise)) as Error

/** Introspection JSON of an SDL schema, as a server would answer the standard introspection query. */
async function introspectionOf(sdl: string): Promise<unknown> {
  const graphql = await import('graphql')
  return graphql.introspectionFromSchema(graphql.buildSchema(sdl))
}

const shop = `
"""
The entry point.
"""
type Query {
  "Find a user by id."
  user(id: ID!, includeDrafts: Boolean = false): User
  users(filter: UserFilter = {role: ADMIN, limit: 10}, first: Int): [User!]!
  legacy: String @deprecated(reason: "Use user")
}
type Mutation { createUser(input: UserInput!): User! }
type Subscription { userCreated: User }
interface Node { id: ID! }
type User implements Node {
  name: String
  id: ID!
  role: Role
  pets: [Pet!]
}
union Pet = Dog | Cat
type Dog { name: String }
type Cat { lives: Int }
enum Role { USER ADMIN GUEST }
input UserFilter { role: Role, limit: Int }
input UserInput { name: String!, role: Role = USER }
scalar DateTime
directive @cached(ttl: Int) on FIELD
`

describe('graphqlFormat.normalize: operations', () => {
  it('makes one operation per root field, keyed "METHOD field" and sorted by key', async () => {
    const { snapshot } = await normalize(shop)
    expect(snapshot.operations.map((operation) => operation.key)).toEqual([
      'MUTATION createUser',
      'QUERY legacy',
      'QUERY user',
      'QUERY users',
      'SUBSCRIPTION userCreated',
    ])
    const user = snapshot.operations.find((operation) => operation.key === 'QUERY user')!
    expect(user).toMatchObject({ method: 'QUERY', path: 'user', identity: 'QUERY user', deprecated: false, description: 'Find a user by id.' })
    expect(user.extra).toEqual({ returnType: 'User' })
    expect(user.parameters).toEqual([
      { name: 'id', in: 'argument', required: true, schema: { type: 'ID!' } },
      { name: 'includeDrafts', in: 'argument', required: false, schema: { type: 'Boolean', default: 'false' } },
    ])
    expect(user.responses).toEqual({})
    expect(snapshot).toMatchObject({ type: 'graphql', specVersion: 'graphql', servers: [], securitySchemes: {}, warnings: [] })
  })

  it('keeps deprecation with its reason and prints object defaults with sorted keys', async () => {
    const { snapshot } = await normalize(shop)
    const legacy = snapshot.operations.find((operation) => operation.key === 'QUERY legacy')!
    expect(legacy.deprecated).toBe(true)
    expect(legacy.extra).toEqual({ returnType: 'String', deprecationReason: 'Use user' })
    const users = snapshot.operations.find((operation) => operation.key === 'QUERY users')!
    expect(users.parameters[0]).toEqual({ name: 'filter', in: 'argument', required: false, schema: { type: 'UserFilter', default: '{limit: 10, role: ADMIN}' } })
    expect(users.extra).toEqual({ returnType: '[User!]!' })
  })

  it('names operations by operation kind whatever the root types are called', async () => {
    const { snapshot } = await normalize('schema { query: Root, mutation: Change } type Root { a: Int } type Change { b(x: Int!): Int }')
    expect(snapshot.operations.map((operation) => operation.key)).toEqual(['MUTATION b', 'QUERY a'])
    expect(snapshot.schemas['#/schema']).toEqual({ kind: 'SCHEMA', query: 'Root', mutation: 'Change' })
  })

  it('warns when there is no query root type', async () => {
    const { snapshot } = await normalize('type User { id: ID }')
    expect(snapshot.operations).toEqual([])
    expect(snapshot.warnings).toEqual(['GraphQL schema validation: Query root type must be provided.'])
  })
})

describe('graphqlFormat.normalize: types', () => {
  it('keeps every named type canonicalised under #/types/Name, built-in scalars and __ types left out', async () => {
    const { snapshot } = await normalize(shop)
    expect(Object.keys(snapshot.schemas).sort()).toEqual([
      '#/directives/cached',
      '#/schema',
      '#/types/Cat',
      '#/types/DateTime',
      '#/types/Dog',
      '#/types/Mutation',
      '#/types/Node',
      '#/types/Pet',
      '#/types/Query',
      '#/types/Role',
      '#/types/Subscription',
      '#/types/User',
      '#/types/UserFilter',
      '#/types/UserInput',
    ])
    expect(snapshot.schemas['#/types/User']).toEqual({
      kind: 'OBJECT',
      interfaces: ['Node'],
      fields: [
        { name: 'id', type: 'ID!', args: [] },
        { name: 'name', type: 'String', args: [] },
        { name: 'pets', type: '[Pet!]', args: [] },
        { name: 'role', type: 'Role', args: [] },
      ],
    })
    expect(snapshot.schemas['#/types/Role']).toEqual({ kind: 'ENUM', values: [{ name: 'ADMIN' }, { name: 'GUEST' }, { name: 'USER' }] })
    expect(snapshot.schemas['#/types/Pet']).toEqual({ kind: 'UNION', members: ['Cat', 'Dog'] })
    expect(snapshot.schemas['#/types/UserInput']).toEqual({
      kind: 'INPUT_OBJECT',
      fields: [
        { name: 'name', type: 'String!' },
        { name: 'role', type: 'Role', default: 'USER' },
      ],
    })
    expect(snapshot.schemas['#/types/Query']).toMatchObject({ kind: 'OBJECT', description: 'The entry point.' })
    expect(snapshot.schemas['#/directives/cached']).toEqual({
      kind: 'DIRECTIVE',
      locations: ['FIELD'],
      repeatable: false,
      args: [{ name: 'ttl', type: 'Int' }],
    })
  })

  it('hashes every type with what it reaches, so a change deep down changes exactly the hashes above it', async () => {
    const base = 'type Query { a: A, c: C } type A { b: B } type B { a: A, x: Int } type C { y: Int }'
    const before = (await normalize(base)).snapshot
    const after = (await normalize(base.replace('x: Int', 'x: String'))).snapshot
    const hashOf = (snapshot: typeof before, name: string) => snapshot.schemaHashes?.[`#/types/${name}`]
    for (const name of ['A', 'B', 'C', 'Query']) expect(hashOf(before, name)).toMatch(/^[0-9a-f]{16}$/)
    expect(hashOf(after, 'A')).not.toBe(hashOf(before, 'A'))
    expect(hashOf(after, 'B')).not.toBe(hashOf(before, 'B'))
    expect(hashOf(after, 'C')).toBe(hashOf(before, 'C'))
    const opHash = (snapshot: typeof before, key: string) => snapshot.operations.find((operation) => operation.key === key)!.hash
    expect(opHash(after, 'QUERY a')).not.toBe(opHash(before, 'QUERY a'))
    expect(opHash(after, 'QUERY c')).toBe(opHash(before, 'QUERY c'))
    // A and B reference each other but are still told apart.
    expect(hashOf(before, 'A')).not.toBe(hashOf(before, 'B'))
  })

  it('gives the same canonical text whatever the order of definitions, fields and arguments', async () => {
    const reordered = `
      directive @cached(ttl: Int) on FIELD
      scalar DateTime
      input UserInput { role: Role = USER, name: String! }
      input UserFilter { limit: Int, role: Role }
      enum Role { GUEST ADMIN USER }
      type Cat { lives: Int }
      type Dog { name: String }
      union Pet = Cat | Dog
      type User implements Node { pets: [Pet!], role: Role, id: ID!, name: String }
      interface Node { id: ID! }
      type Subscription { userCreated: User }
      type Mutation { createUser(input: UserInput!): User! }
      """
        The   entry
        point.
      """
      type Query {
        legacy: String @deprecated(reason: "Use user")
        users(first: Int, filter: UserFilter = {limit: 10, role: ADMIN}): [User!]!
        "Find a user by id."
        user(includeDrafts: Boolean = false, id: ID!): User
      }`
    expect((await normalize(reordered)).canonical).toBe((await normalize(shop)).canonical)
  })

  it('gives the same canonical text for SDL and for introspection JSON, with or without "data"', async () => {
    const introspection = await introspectionOf(shop)
    const fromSdl = await normalize(shop)
    expect((await normalize(JSON.stringify({ data: introspection }))).canonical).toBe(fromSdl.canonical)
    expect((await normalize(JSON.stringify(introspection, null, 2))).canonical).toBe(fromSdl.canonical)
  })

  it('warns about definitions given twice instead of failing', async () => {
    const { snapshot } = await normalize('type Query { a: Int, a: String } enum E { X X }')
    expect(snapshot.warnings).toEqual([
      'GraphQL schema validation: Query.a is defined more than once; the last definition is used',
      'GraphQL schema validation: E.X is defined more than once; the last definition is used',
    ])
    expect(snapshot.operations.map((operation) => operation.extra?.returnType)).toEqual(['String'])
  })
})

describe('graphqlFormat.normalize: errors', () => {
  it('reports SDL syntax errors as ParseError with line and column', async () => {
    const error = await rejection(normalize('type Query {\n  user(id: ID!): User\n  broken(: Int): String\n}\ntype User { id: ID }', 'sdl-src'))
    expect(error).toBeInstanceOf(ParseError)
    expect(error).toMatchObject({ code: 'PARSE_ERROR', format: 'graphql', line: 3, column: 10, sourceId: 'sdl-src', retryable: false })
    expect(error.message).toBe('The document of source "sdl-src" is not valid GraphQL SDL at line 3, column 10: Syntax Error: Expected Name, found ":".')
  })

  it('reports broken JSON as a JSON ParseError', async () => {
    const error = await rejection(normalize('{\n  "data": {"__schema": ', 'json-src'))
    expect(error).toMatchObject({ code: 'PARSE_ERROR', format: 'json', sourceId: 'json-src' })
  })

  it.each([
    ['an OpenAPI document', JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} })],
    ['an OpenAPI document (YAML)', 'openapi: 3.0.3\ninfo:\n  title: t\n  version: "1"\npaths: {}\n'],
    ['a Postman collection', JSON.stringify({ info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] })],
    ['a JSON document without "__schema"', JSON.stringify({ data: { user: null } })],
  ])('rejects %s with an InvalidSpecError naming the source', async (kind, text) => {
    const error = await rejection(normalize(text, 'wrong-src'))
    expect(error).toBeInstanceOf(InvalidSpecError)
    expect(error).toMatchObject({ code: 'INVALID_SPEC', sourceId: 'wrong-src' })
    expect(error.message).toBe(`The document of source "wrong-src" is ${kind}, not a GraphQL schema (SDL, or an introspection result with "__schema")`)
  })

  it('rejects query documents, unknown types and error-only introspection answers', async () => {
    expect((await rejection(normalize('query Q { user { id } }', 'q'))).message).toBe(
      'The document of source "q" is a GraphQL query document (operations or fragments), not a schema',
    )
    const unknown = await rejection(normalize('type Query { user: Missing }', 'u'))
    expect(unknown).toBeInstanceOf(InvalidSpecError)
    expect(unknown.message).toBe('The document of source "u" is not a usable GraphQL schema: Unknown type: "Missing".')
    const disabled = await rejection(normalize(JSON.stringify({ errors: [{ message: 'Introspection is not allowed' }] }), 'i'))
    expect(disabled).toBeInstanceOf(InvalidSpecError)
    expect(disabled.message).toContain('Introspection is not allowed')
  })
})

describe('the optional graphql package', () => {
  it('asks to install graphql when it cannot be imported, and tries again on the next call', async () => {
    let attempts = 0
    const format = createGraphqlFormat({
      importGraphql: () => {
        attempts++
        return Promise.reject(new Error("Cannot find package 'graphql'"))
      },
    })
    const error = await rejection(format.normalize('type Query { a: Int }', { sourceId: 'no-graphql' }))
    expect(error).toBeInstanceOf(InvalidSpecError)
    expect(error).toMatchObject({ code: 'INVALID_SPEC', sourceId: 'no-graphql', retryable: false })
    expect(error.message).toBe(
      'Cannot read GraphQL source "no-graphql": the optional peer dependency "graphql" could not be loaded; install the `graphql` package (npm install graphql@16) to sync GraphQL sources',
    )
    expect((error.cause as Error).message).toBe("Cannot find package 'graphql'")
    await rejection(format.normalize('type Query { a: Int }', { sourceId: 'no-graphql' }))
    expect(attempts).toBe(2)
  })

  it('still names a document of the wrong kind when graphql is missing', async () => {
    const format = createGraphqlFormat({ importGraphql: () => Promise.reject(new Error('missing')) })
    const error = await rejection(format.normalize('{"swagger": "2.0"}', { sourceId: 'oas' }))
    expect(error.message).toBe('The document of source "oas" is an OpenAPI document, not a GraphQL schema (SDL, or an introspection result with "__schema")')
  })

  it('is never imported statically, so bundles without GraphQL sources do not carry it', () => {
    const dir = join(import.meta.dirname, '../src/formats/graphql')
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(10)
    const valueImports: string[] = []
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8')
      for (const [, typeOnly, specifier] of source.matchAll(/^import\s+(type\s+)?[\s\S]*?from\s+['"]([^'"]+)['"]/gm)) {
        if (specifier === 'graphql' && typeOnly === undefined) valueImports.push(file)
      }
      // Code lines only: JSDoc may mention the dynamic import.
      if (/^[^*/\n]*\bimport\(['"]graphql['"]\)/m.test(source)) expect(file).toBe('graphql-module.ts')
    }
    expect(valueImports).toEqual([])
  })
})

describe('graphqlIntrospectionRequest', () => {
  it('posts the standard introspection query as JSON', async () => {
    const graphql = await import('graphql')
    const request = await graphqlIntrospectionRequest()
    expect(request.method).toBe('POST')
    expect(request.headers['content-type']).toBe('application/json')
    const body = JSON.parse(request.body) as { query: string; operationName: string }
    expect(body.operationName).toBe('IntrospectionQuery')
    // The same query as graphql's own (spelled out so that sending it needs no graphql package).
    expect(graphql.print(graphql.parse(body.query))).toBe(graphql.print(graphql.parse(graphql.getIntrospectionQuery())))
  })
})
