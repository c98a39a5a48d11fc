import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectDocumentType, detectSourceType } from '../src/formats/detect-type.js'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { postmanFormat } from '../src/formats/postman/index.js'
import type { SpecFormat } from '../src/formats/types.js'

const LOCAL_FIXTURES = join(import.meta.dirname, 'fixtures')
const SHARED_FIXTURES = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'specs')

describe('detectSourceType on real documents (test/fixtures)', () => {
  it.each([
    ['petstore-2.0.json', 'openapi'],
    ['petstore-3.0.yaml', 'openapi'],
    ['petstore-3.1.yaml', 'openapi'],
    ['petstore-expanded-2.0.yaml', 'openapi'],
    ['museum-3.1.2024-11.yaml', 'openapi'],
    ['webhook-only-3.1.yaml', 'openapi'],
    ['postman.nested-v2.0.json', 'postman'],
  ])('%s is %s', (file, type) => {
    expect(detectSourceType(readFileSync(join(LOCAL_FIXTURES, file), 'utf8'))).toBe(type)
  })
})

describe.skipIf(!existsSync(SHARED_FIXTURES))('detectSourceType on large real documents (skipped: ../shared/fixtures/specs is missing)', () => {
  it.each([
    ['github.2021-10.schema.graphql', 'graphql'],
    ['github.2021-10.introspection.json', 'graphql'],
    ['stripe.postman.2023-06.json', 'postman'],
    ['kubernetes.v1.32.swagger.json', 'openapi'],
    ['stripe.2022-04-12.yaml', 'openapi'],
  ])('%s is %s', (file, type) => {
    expect(detectSourceType(readFileSync(join(SHARED_FIXTURES, file), 'utf8'))).toBe(type)
  })
})

describe('detectSourceType', () => {
  it.each([
    ['type Query {\n  pets: [Pet!]!\n}\n', 'a type'],
    ['"""\nThe root query\n"""\ntype Query { a: Int }', 'a block description first'],
    ['# comment\nschema {\n  query: Root\n}', 'a schema definition after a comment'],
    ['scalar DateTime', 'a lone scalar'],
    ['union SearchResult = Book | Author', 'a union'],
    ['directive @auth(requires: Role) on FIELD_DEFINITION', 'a directive'],
    ['extend type Query @key(fields: "id") {\n  me: User\n}', 'an extension with a directive'],
    ['  enum Color {\n    RED\n  }', 'an indented enum'],
  ])('recognises GraphQL SDL: %j (%s)', (text) => {
    expect(detectSourceType(text)).toBe('graphql')
  })

  it('recognises introspection results, wrapped in data or not', () => {
    expect(detectSourceType('{"data":{"__schema":{"queryType":{"name":"Query"},"types":[]}}}')).toBe('graphql')
    expect(detectSourceType('{"__schema":{"types":[]}}')).toBe('graphql')
  })

  it('recognises OpenAPI and Swagger versions YAML reads as numbers', () => {
    expect(detectSourceType('swagger: 2.0\ninfo: {title: x, version: "1"}\npaths: {}')).toBe('openapi')
    expect(detectSourceType('openapi: 3.0\npaths: {}')).toBe('openapi')
    expect(detectSourceType('{"openapi":"3.1.0"}', 'application/vnd.oai.openapi+json')).toBe('openapi')
  })

  it('refuses versions it does not know', () => {
    expect(detectSourceType('{"openapi":"2.0"}')).toBeUndefined()
    expect(detectSourceType('{"swagger":"1.2"}')).toBeUndefined()
  })

  it('recognises Postman collections by schema URL or by Postman id', () => {
    const withSchema = { info: { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] }
    const withId = { info: { name: 'C', _postman_id: 'abc' }, item: [] }
    expect(detectSourceType(JSON.stringify(withSchema))).toBe('postman')
    expect(detectSourceType(JSON.stringify(withId))).toBe('postman')
    expect(detectSourceType(JSON.stringify({ info: { name: 'C' }, item: [] }))).toBeUndefined()
  })

  it.each<[string, string | undefined, string]>([
    ['<!doctype html><html><body>type Query {</body></html>', undefined, 'an HTML page'],
    ['type Query { a: Int }', 'text/html; charset=utf-8', 'anything served as HTML'],
    ['{"status":"ok"}', 'application/json', 'unrelated JSON'],
    ['{"openapi": "3.0.3", "paths": {', 'application/json', 'broken JSON'],
    ['', undefined, 'an empty body'],
    ['Hello, the type of this answer is text.', 'text/plain', 'prose'],
    ['[1, 2, 3]', undefined, 'a JSON array'],
    ['{"query": "type Query { a: Int }"}', undefined, 'JSON that quotes SDL'],
  ])('returns undefined for %j (%s: %s)', (text, contentType) => {
    expect(detectSourceType(text, contentType)).toBeUndefined()
  })

  it('takes application/graphql as SDL', () => {
    expect(detectSourceType('type Query { a: Int }', 'application/graphql')).toBe('graphql')
    expect(detectSourceType('not a schema', 'application/graphql')).toBeUndefined()
  })

  it('detectDocumentType works on parsed values', () => {
    expect(detectDocumentType({ openapi: '3.1.0' })).toBe('openapi')
    expect(detectDocumentType({ data: { __schema: {} } })).toBe('graphql')
    expect(detectDocumentType('type Query { a: Int }')).toBeUndefined()
    expect(detectDocumentType(null)).toBeUndefined()
  })
})

describe('one detector: documents the former two rule sets disagreed on (issue 10 move 4)', () => {
  /** What a format says the document is, when it refuses it. */
  async function verdict(format: SpecFormat, text: string): Promise<string> {
    const error = await format.normalize(text, { sourceId: 'other' }).then(
      () => expect.unreachable(`the ${format.type} format should refuse it`),
      (thrown: unknown) => thrown as Error,
    )
    return error.message
  }
  const openapiVerdict = (text: string) => verdict(openapiFormat, text)

  it('"info" and "item" without a Postman marker: no collection to the detector, none to the formats\' messages', async () => {
    const text = JSON.stringify({ info: { name: 'C' }, item: [] })
    expect(detectSourceType(text)).toBeUndefined()
    expect(await openapiVerdict(text)).toContain('found an object with the keys "info", "item"')
    expect(await verdict(graphqlFormat, text)).toContain('is a JSON document without "__schema"')
  })

  it('an OpenAPI version written as a number: OpenAPI to the detector and to the Postman message', async () => {
    const text = JSON.stringify({ openapi: 3.1, info: { title: 't', version: '1' }, paths: {} })
    expect(detectSourceType(text)).toBe('openapi')
    expect(await verdict(postmanFormat, text)).toContain('it looks like an OpenAPI 3.1 document')
  })

  it('a schema.postman.com schema URL without items: a collection to both', async () => {
    const text = JSON.stringify({ info: { name: 'C', schema: 'https://schema.postman.com/json/collection/v2.1.0/collection.json' } })
    expect(detectSourceType(text)).toBe('postman')
    expect(await openapiVerdict(text)).toContain('found a Postman collection')
  })

  it('SDL after a line of prose: GraphQL to both, not a YAML syntax error', async () => {
    const text = 'Our pets API\n\ntype Query { pets: [String] }'
    expect(detectSourceType(text)).toBe('graphql')
    expect(await openapiVerdict(text)).toContain('found a GraphQL schema (SDL)')
  })
})
