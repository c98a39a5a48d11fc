// The test kit's document builders: what they build is what the library reads.
import { describe, expect, it } from 'vitest'
import { createGraphqlFormat, openapiFormat, postmanFormat } from '../src/index.js'
import { graphqlSchema, openapi, postmanCollection } from '../src/testing/index.js'

describe('openapi', () => {
  it('builds an OpenAPI 3 document from the shorthand', () => {
    const document = openapi(
      {
        'GET /pets': { query: { limit: 'integer', tag: { type: 'string', required: true } }, responses: { 200: { body: { type: 'array', items: { type: 'string' } } } } },
        'post /pets/{id}': { path: { id: 'integer' }, body: { type: 'object', properties: { name: { type: 'string' } } }, responses: { 201: 'Created', 404: 'Not found' } },
      },
      { title: 'Pets', version: '2.0.0', servers: ['https://api.test'] },
    )
    expect(document).toEqual({
      openapi: '3.0.3',
      info: { title: 'Pets', version: '2.0.0' },
      servers: [{ url: 'https://api.test' }],
      paths: {
        '/pets': {
          get: {
            parameters: [
              { name: 'limit', in: 'query', required: false, schema: { type: 'integer' } },
              { name: 'tag', in: 'query', required: true, schema: { type: 'string' } },
            ],
            responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } },
          },
        },
        '/pets/{id}': {
          post: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
            requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } },
            responses: { '201': { description: 'Created' }, '404': { description: 'Not found' } },
          },
        },
      },
    })
  })

  it('reads as the operations it names', async () => {
    const { snapshot } = await openapiFormat.normalize(JSON.stringify(openapi({ 'GET /pets': {}, 'DELETE /pets/{petId}': { responses: { 204: 'Gone' } } })), { sourceId: 'built' })
    expect(snapshot.operations.map((operation) => [operation.key, Object.keys(operation.responses)])).toEqual([
      ['DELETE /pets/{petId}', ['204']],
      ['GET /pets', ['200']],
    ])
  })

  it('refuses a key that is not "METHOD /path", and an operation given twice', () => {
    expect(() => openapi({ 'FETCH /pets': {} })).toThrow('openapi: "FETCH /pets" is not an operation key: write it as "METHOD /path", e.g. "GET /pets/{id}"')
    expect(() => openapi({ 'GET /pets': {}, 'get /pets': {} })).toThrow('openapi: the operation "get /pets" is given twice')
  })
})

describe('graphqlSchema', () => {
  it('removes the indentation of an inline schema, and reads as its fields', async () => {
    const sdl = graphqlSchema(`
      type Query {
        pets: [String!]!
      }
    `)
    expect(sdl).toBe('type Query {\n  pets: [String!]!\n}\n')
    const { snapshot } = await createGraphqlFormat().normalize(sdl, { sourceId: 'built' })
    expect(snapshot.operations.map((operation) => operation.key)).toEqual(['QUERY pets'])
  })

  it('refuses an empty schema', () => {
    expect(() => graphqlSchema('  \n')).toThrow('graphqlSchema: the SDL must be a non-empty string')
  })
})

describe('postmanCollection', () => {
  it('builds a v2.1 collection that reads as its requests', async () => {
    const collection = postmanCollection({ 'GET /pets': {}, 'POST /pets': { body: { name: 'Rex' }, headers: { 'X-Trace': '1' } } }, { name: 'Pets' })
    expect(collection.info).toEqual({ name: 'Pets', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' })
    const { snapshot } = await postmanFormat.normalize(JSON.stringify(collection), { sourceId: 'built' })
    expect(snapshot.operations.map((operation) => [operation.method, operation.path])).toEqual([
      ['GET', '/pets'],
      ['POST', '/pets'],
    ])
  })
})
