import { describe, expect, it } from 'vitest'
import { InvalidSpecError, ParseError } from '../src/errors/errors.js'
import { canonicalSummary } from '../src/formats/hash.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { NormalizedDocument } from '../src/model/snapshot.js'
import { fixture } from './helpers/fixtures.js'
import { rejectionOf } from './helpers/promises.js'

function normalize(text: string, contentType?: string): Promise<NormalizedDocument> {
  return openapiFormat.normalize(text, { sourceId: 'api', contentType })
}

/** The Merkle summary the canonical text is defined as (`canonicalSummary` in src/formats/hash.ts). */
function canonicalOfSnapshot({ snapshot }: NormalizedDocument): string {
  return canonicalSummary(snapshot)
}

describe('openapiFormat', () => {
  it('is the openapi format and diffs with the OpenAPI diff', async () => {
    expect(openapiFormat.type).toBe('openapi')
    const before = (await normalize(fixture('petstore-3.0.yaml'))).snapshot
    const after = (await normalize(fixture('petstore-expanded-3.0.yaml'))).snapshot
    const changes = openapiFormat.diff({ ...before, fingerprint: 'a' }, { ...after, fingerprint: 'b' })
    expect(changes.added.map((operation) => operation.key)).toContain('DELETE /pets/{id}')
  })
})

describe('normalize: Swagger 2.0 (petstore-2.0.json)', () => {
  it('maps operations, parameters, responses, definitions and servers to the common model', async () => {
    const { snapshot } = await normalize(fixture('petstore-2.0.json'))
    expect(snapshot).toMatchObject({ type: 'openapi', specVersion: '2.0', title: 'Swagger Petstore', version: '1.0.0' })
    expect(snapshot.servers).toEqual(['http://petstore.swagger.io/v1'])
    expect(snapshot.operations.map((operation) => operation.key)).toEqual(['GET /pets', 'GET /pets/{petId}', 'POST /pets'])
    const list = snapshot.operations[0]!
    expect(list).toMatchObject({ identity: 'GET /pets', method: 'GET', path: '/pets', operationId: 'listPets', tags: ['pets'], deprecated: false })
    expect(list.parameters).toEqual([
      {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'How many items to return at one time (max 100)',
        schema: { type: ['integer'], format: 'int32' },
      },
    ])
    expect(list.responses['200']).toEqual({
      description: 'An paged array of pets',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Pets' } } },
      headers: { 'x-next': { required: false, description: 'A link to the next page of responses', schema: { type: ['string'] } } },
    })
    expect(Object.keys(snapshot.schemas)).toEqual(['#/components/schemas/Error', '#/components/schemas/Pet', '#/components/schemas/Pets'])
    expect(snapshot.schemas['#/components/schemas/Pets']).toEqual({ type: ['array'], items: { $ref: '#/components/schemas/Pet' } })
    expect(snapshot.warnings).toEqual([])
  })

  it('gives the same operation keys and identities as the OpenAPI 3.0 petstore', async () => {
    const swagger = (await normalize(fixture('petstore-2.0.json'))).snapshot
    const openapi = (await normalize(fixture('petstore-3.0.yaml'))).snapshot
    expect(swagger.operations.map((operation) => operation.key)).toEqual(openapi.operations.map((operation) => operation.key))
    expect(swagger.operations.map((operation) => operation.identity)).toEqual(openapi.operations.map((operation) => operation.identity))
    expect(swagger.servers).toEqual(openapi.servers)
  })

  it('maps petstore-expanded 2.0 to the very schemas of its 3.0 edition, and the same operations bar descriptions', async () => {
    const swagger = (await normalize(fixture('petstore-expanded-2.0.yaml'))).snapshot
    const openapi = (await normalize(fixture('petstore-expanded-3.0.yaml'))).snapshot
    expect(swagger.schemas).toEqual(openapi.schemas)
    expect(swagger.schemaHashes).toEqual(openapi.schemaHashes)
    const withoutDescriptions = (operations: typeof swagger.operations) =>
      operations.map(({ hash: _hash, ownHash: _ownHash, description: _description, parameters, ...rest }) => ({
        ...rest,
        parameters: parameters.map(({ style: _style, explode: _explode, ...parameter }) => parameter),
      }))
    expect(withoutDescriptions(swagger.operations)).toEqual(withoutDescriptions(openapi.operations))
    // The editions really serialize `tags` differently: 2.0 `csv` is `tags=a,b`, 3.0 `style: form` explodes by default.
    const tags = (snapshot: typeof swagger) => snapshot.operations.find((operation) => operation.key === 'GET /pets')!.parameters.find((parameter) => parameter.name === 'tags')
    expect(tags(swagger)).toMatchObject({ style: 'form', explode: false })
    expect(tags(openapi)).toMatchObject({ style: 'form' })
    expect(tags(openapi)).not.toHaveProperty('explode')
    const addPet = swagger.operations.find((operation) => operation.key === 'POST /pets')!
    expect(addPet.requestBody).toEqual({
      required: true,
      description: 'Pet to add to the store',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/NewPet' } } },
    })
  })
})

describe('normalize: OpenAPI 3.0 (petstore-3.0.yaml, petstore-expanded-3.0.yaml)', () => {
  it('reads the version, servers, operations and component schemas', async () => {
    const { snapshot } = await normalize(fixture('petstore-3.0.yaml'))
    expect(snapshot.specVersion).toBe('3.0.0')
    expect(snapshot.servers).toEqual(['http://petstore.swagger.io/v1'])
    const create = snapshot.operations.find((operation) => operation.key === 'POST /pets')!
    expect(create.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } })
    expect(create.responses['201']).toEqual({ description: 'Null response', content: {} })
    expect(snapshot.schemas['#/components/schemas/Pet']).toEqual({
      type: ['object'],
      required: ['id', 'name'],
      properties: { id: { type: ['integer'], format: 'int64' }, name: { type: ['string'] }, tag: { type: ['string'] } },
    })
  })

  it('keeps allOf composition with its $refs (petstore-expanded Pet)', async () => {
    const { snapshot } = await normalize(fixture('petstore-expanded-3.0.yaml'))
    expect(snapshot.schemas['#/components/schemas/Pet']).toEqual({
      allOf: [
        { $ref: '#/components/schemas/NewPet' },
        { type: ['object'], required: ['id'], properties: { id: { type: ['integer'], format: 'int64' } } },
      ],
    })
  })
})

describe('normalize: OpenAPI 3.1', () => {
  it('tictactoe: path-level $ref parameters, security alternatives, headers and examples', async () => {
    const { snapshot } = await normalize(fixture('tictactoe-3.1.yaml'))
    expect(snapshot.specVersion).toBe('3.1.0')
    expect(snapshot.operations.map((operation) => operation.identity)).toEqual(['GET /board', 'GET /board/{}/{}', 'PUT /board/{}/{}'])
    const put = snapshot.operations.find((operation) => operation.key === 'PUT /board/{row}/{column}')!
    expect(put.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(['header:progressUrl', 'path:column', 'path:row'])
    expect(put.parameters[1]).toEqual({
      name: 'column',
      in: 'path',
      required: true,
      description: 'Board column (horizontal coordinate)',
      schema: { $ref: '#/components/schemas/coordinate' },
    })
    expect(put.security).toEqual([{ bearerHttpAuthentication: [] }, { user2AppOauth: ['board:write'] }])
    expect(put.responses['202']!.headers).toEqual({ Location: { required: false, description: 'Callback URL', schema: { type: ['string'] } } })
    expect(put.responses['400']!.content['text/html']!.examples).toEqual({
      illegalCoordinates: { value: 'Illegal coordinates.' },
      invalidMark: { value: 'Invalid Mark (X or O).' },
      notEmpty: { value: 'Square is not empty.' },
    })
    expect(snapshot.securitySchemes['basicHttpAuthentication']).toEqual({ type: 'http', scheme: 'Basic', description: 'Basic HTTP Authentication' })
    expect(snapshot.warnings).toEqual(['Webhooks are not tracked as operations: "markStatus"'])
  })

  it('museum: $ref parameters, responses and examples are resolved in place', async () => {
    const { snapshot } = await normalize(fixture('museum-3.1.2024-11.yaml'))
    expect(snapshot.operations).toHaveLength(8)
    const list = snapshot.operations.find((operation) => operation.key === 'GET /special-events')!
    expect(list.parameters.map((parameter) => parameter.name)).toEqual(['endDate', 'limit', 'page', 'startDate'])
    expect(list.responses['400']).toEqual({
      description: 'Bad request.',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Error' } } },
    })
    const hours = snapshot.operations.find((operation) => operation.key === 'GET /museum-hours')!
    const example = hours.responses['200']!.content['application/json']!.examples!['default_example']
    expect(example).toMatchObject({ summary: 'Get hours response' })
    expect(JSON.stringify(snapshot.operations)).not.toContain('#/components/examples/')
    expect(JSON.stringify(snapshot.operations)).not.toContain('#/components/responses/')
  })

  it('a document with webhooks and no paths is valid and has zero operations', async () => {
    const { snapshot, canonical } = await normalize(fixture('webhook-only-3.1.yaml'))
    expect(snapshot.operations).toEqual([])
    expect(Object.keys(snapshot.schemas)).toEqual(['#/components/schemas/Pet'])
    expect(snapshot.warnings).toEqual(['Webhooks are not tracked as operations: "newPet"'])
    expect(canonical).toContain('"operations":[]')
  })

  it('an external $id-style $ref (petstore-3.1) is kept and reported, not fetched', async () => {
    const { snapshot } = await normalize(fixture('petstore-3.1.yaml'))
    expect(snapshot.warnings).toContain('$ref "/components/schemas/petdetails#pet_details_id" points outside the document and is not followed')
    expect(JSON.stringify(snapshot.schemas)).toContain('{"$ref":"/components/schemas/petdetails#pet_details_id"}')
  })
})

describe('normalize: version detection', () => {
  it.each([
    ['swagger: "2.0"', '2.0'],
    ['swagger: 2.0', '2.0'],
    ['openapi: 3.0.3', '3.0.3'],
    ['openapi: "3.1.1"', '3.1.1'],
    ['openapi: 3.1', '3.1'],
  ])('%s is version %s', async (header, specVersion) => {
    const { snapshot } = await normalize(`${header}\ninfo: {title: T, version: "1"}\npaths: {}\n`)
    expect(snapshot.specVersion).toBe(specVersion)
    expect(snapshot.operations).toEqual([])
  })

  it.each([
    ['a GraphQL SDL', 'type Query {\n  pets: [Pet]\n}\n', undefined, 'found a GraphQL schema (SDL)'],
    ['a GraphQL SDL with a description first', '"""The root"""\nschema { query: Query }\n', undefined, 'found a GraphQL schema (SDL)'],
    ['a one-line SDL that YAML reads as a string', 'scalar DateTime\n', undefined, 'found a GraphQL schema (SDL)'],
    ['a Postman collection', JSON.stringify({ info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] }), undefined, 'found a Postman collection'],
    ['a GraphQL introspection result', JSON.stringify({ data: { __schema: { types: [] } } }), undefined, 'found a GraphQL introspection result'],
    ['a random JSON object', '{"hello": "world", "n": 1}', undefined, 'found an object with the keys "hello", "n"'],
    ['an array', '[1, 2]', undefined, 'found an array'],
    ['a JSON number', '42', 'application/json', 'found a number'],
    ['a plain YAML string', 'just some words', undefined, 'found a plain string'],
    ['an empty document', '', 'application/yaml', 'found an empty document'],
    ['Swagger 1.2', '{"swagger": "1.2", "apis": []}', undefined, 'declares swagger "1.2"'],
    ['OpenAPI 4', 'openapi: 4.0.0\ninfo: {title: T, version: "1"}\n', undefined, 'declares openapi "4.0.0"'],
  ])('%s is an InvalidSpecError that names the source and what was found', async (_name, text, contentType, found) => {
    const error = await rejectionOf(normalize(text, contentType))
    expect(error).toBeInstanceOf(InvalidSpecError)
    const invalid = error as InvalidSpecError
    expect(invalid.code).toBe('INVALID_SPEC')
    expect(invalid.sourceId).toBe('api')
    expect(invalid.message).toContain('source "api"')
    expect(invalid.message).toContain(found)
  })

  it('rejects paths that is not an object, naming the field', async () => {
    const error = await rejectionOf(normalize('openapi: 3.0.0\ninfo: {title: T, version: "1"}\npaths: [1]\n'))
    expect(error).toBeInstanceOf(InvalidSpecError)
    expect((error as Error).message).toContain('"paths" must be an object, found an array')
  })

  it('rejects an operation that is not an object, naming it', async () => {
    const error = await rejectionOf(normalize('openapi: 3.0.0\ninfo: {title: T, version: "1"}\npaths:\n  /a:\n    get: 3\n'))
    expect((error as Error).message).toContain('operation "GET /a" must be an object, found a number')
  })
})

describe('normalize: syntax errors', () => {
  it('truncated JSON is a ParseError with line and column', async () => {
    const text = fixture('petstore-2.0.json').slice(0, 200)
    const error = await rejectionOf(normalize(text, 'application/json'))
    expect(error).toBeInstanceOf(ParseError)
    const parseError = error as ParseError
    expect(parseError).toMatchObject({ code: 'PARSE_ERROR', format: 'json', sourceId: 'api' })
    expect(parseError.line).toBe(text.split('\n').length)
    expect(parseError.column).toBeGreaterThan(0)
    expect(parseError.message).toContain('source "api"')
  })

  it('bad YAML is a ParseError with the line of the problem', async () => {
    const error = await rejectionOf(normalize('openapi: 3.0.0\ninfo:\n  title: "unterminated\n  version: 1\npaths: {}\n'))
    expect(error).toBeInstanceOf(ParseError)
    expect((error as ParseError).format).toBe('yaml')
    expect((error as ParseError).line).toBeGreaterThanOrEqual(3)
  })
})

describe('normalize: identity and canonical text', () => {
  it('renaming a path parameter keeps the identity and changes the key', async () => {
    const document = (name: string) => `
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets/{${name}}:
    get:
      parameters:
        - {name: ${name}, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: OK}}
`
    const before = (await normalize(document('petId'))).snapshot.operations[0]!
    const after = (await normalize(document('id'))).snapshot.operations[0]!
    expect(before.key).toBe('GET /pets/{petId}')
    expect(after.key).toBe('GET /pets/{id}')
    expect(after.identity).toBe(before.identity)
    expect(after.identity).toBe('GET /pets/{}')
  })

  it('the canonical text is the Merkle summary: document fields, [key, identity, hash] rows and schema hashes', async () => {
    for (const name of ['petstore-2.0.json', 'petstore-3.0.yaml', 'museum-3.1.2024-11.yaml', 'tictactoe-3.1.yaml']) {
      const normalized = await normalize(fixture(name))
      expect(normalized.canonical).toBe(canonicalOfSnapshot(normalized))
    }
  })

  it('the same document as JSON and as YAML gives the same canonical text', async () => {
    const yamlText = fixture('museum-3.1.2024-11.yaml')
    const { parse } = await import('yaml')
    const jsonText = JSON.stringify(parse(yamlText), null, 2)
    const fromYaml = await normalize(yamlText)
    const fromJson = await normalize(jsonText)
    expect(fromJson.canonical).toBe(fromYaml.canonical)
    expect(fromJson.snapshot.operations.map((operation) => operation.hash)).toEqual(fromYaml.snapshot.operations.map((operation) => operation.hash))
  })

  it('a changed description changes the canonical text and that operation hash only', async () => {
    const text = fixture('petstore-3.0.yaml')
    const edited = text.replace('summary: Info for a specific pet', 'summary: Details of one pet')
    expect(edited).not.toBe(text)
    const before = await normalize(text)
    const after = await normalize(edited)
    expect(after.canonical).not.toBe(before.canonical)
    const changed = after.snapshot.operations.filter((operation, index) => operation.hash !== before.snapshot.operations[index]!.hash)
    expect(changed.map((operation) => operation.key)).toEqual(['GET /pets/{petId}'])
  })

  /** Three operations: two share a `$ref`'d parameter and response, one reaches `Leaf` through `Middle`. */
  const merkleDocument = (edit: { leafFormat?: string; limitDescription?: string; errorDescription?: string } = {}) =>
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {
        '/a': { get: { parameters: [{ $ref: '#/components/parameters/limit' }], responses: { default: { $ref: '#/components/responses/Error' } } } },
        '/b': { get: { parameters: [{ $ref: '#/components/parameters/limit' }], responses: { default: { $ref: '#/components/responses/Error' } } } },
        '/c': { get: { responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Middle' } } } } } } },
      },
      components: {
        parameters: { limit: { name: 'limit', in: 'query', description: edit.limitDescription ?? 'Page size', schema: { type: 'integer' } } },
        responses: { Error: { description: edit.errorDescription ?? 'Error', content: { 'application/json': { schema: { type: 'string' } } } } },
        schemas: {
          Middle: { type: 'object', properties: { leaf: { $ref: '#/components/schemas/Leaf' } } },
          Leaf: { type: 'string', format: edit.leafFormat ?? 'uuid' },
        },
      },
    })

  const changedKeys = (before: NormalizedDocument, after: NormalizedDocument): string[] =>
    after.snapshot.operations.filter((operation, index) => operation.hash !== before.snapshot.operations[index]!.hash).map((operation) => operation.key)

  it('operation hashes are Merkle hashes: a change in a shared parameter or response reaches every operation using it', async () => {
    const original = await normalize(merkleDocument())
    expect(changedKeys(original, await normalize(merkleDocument()))).toEqual([])
    const parameterEdited = await normalize(merkleDocument({ limitDescription: 'How many' }))
    expect(changedKeys(original, parameterEdited)).toEqual(['GET /a', 'GET /b'])
    expect(parameterEdited.canonical).not.toBe(original.canonical)
    const responseEdited = await normalize(merkleDocument({ errorDescription: 'Failure' }))
    expect(changedKeys(original, responseEdited)).toEqual(['GET /a', 'GET /b'])
    expect(responseEdited.canonical).not.toBe(original.canonical)
  })

  it('a change two references deep changes that schema, every schema and operation reaching it, and the canonical text', async () => {
    const original = await normalize(merkleDocument())
    const edited = await normalize(merkleDocument({ leafFormat: 'uri' }))
    expect(changedKeys(original, edited)).toEqual(['GET /c'])
    const hashesBefore = original.snapshot.schemaHashes!
    const hashesAfter = edited.snapshot.schemaHashes!
    expect(hashesAfter['#/components/schemas/Leaf']).not.toBe(hashesBefore['#/components/schemas/Leaf'])
    expect(hashesAfter['#/components/schemas/Middle']).not.toBe(hashesBefore['#/components/schemas/Middle'])
    expect(edited.canonical).not.toBe(original.canonical)
  })

  it('the canonical text stays a summary: far smaller than the snapshot it stands for', async () => {
    const { snapshot, canonical } = await normalize(fixture('museum-3.1.2024-11.yaml'))
    expect(canonical.length).toBeLessThan(JSON.stringify(snapshot).length / 4)
    for (const operation of snapshot.operations) expect(canonical).toContain(JSON.stringify([operation.key, operation.identity, operation.hash]))
  })
})

describe('normalize: operation details', () => {
  const document = (fields: Record<string, unknown>) =>
    JSON.stringify({ openapi: '3.0.3', info: { title: 'T', version: '1' }, ...fields })

  it('reads only the eight HTTP methods of a path item and skips extension keys', async () => {
    const { snapshot } = await normalize(
      document({
        paths: {
          'x-internal': { get: { responses: {} } },
          '/a': {
            summary: 'path summary',
            servers: [{ url: 'https://other' }],
            'x-extra': { get: {} },
            get: { responses: {} },
            trace: { responses: {} },
            query: { responses: {} },
          },
        },
      }),
    )
    expect(snapshot.operations.map((operation) => operation.key)).toEqual(['GET /a', 'TRACE /a'])
  })

  it('path parameters are always required; operation fields are copied; deprecated defaults to false', async () => {
    const { snapshot } = await normalize(
      document({
        paths: {
          '/a/{id}': {
            delete: {
              operationId: 'remove',
              summary: 'Remove',
              description: 'Removes it',
              tags: ['things', 'admin'],
              deprecated: true,
              parameters: [{ name: 'id', in: 'path', required: false, schema: { type: 'string' } }],
              responses: { '204': { description: 'Gone' }, 'x-note': 'ignored' },
            },
            get: { responses: { '200': { description: 'OK' } } },
          },
        },
      }),
    )
    const [remove, get] = snapshot.operations
    expect(remove).toMatchObject({ key: 'DELETE /a/{id}', operationId: 'remove', summary: 'Remove', description: 'Removes it', tags: ['things', 'admin'], deprecated: true })
    expect(remove!.parameters[0]!.required).toBe(true)
    expect(Object.keys(remove!.responses)).toEqual(['204'])
    expect(get!.deprecated).toBe(false)
    expect(get).not.toHaveProperty('security')
    expect(get).not.toHaveProperty('requestBody')
  })

  it('paths that differ only in parameter names keep distinct identities, with a warning', async () => {
    const { snapshot } = await normalize(document({ paths: { '/a/{x}': { get: { responses: {} } }, '/a/{y}': { get: { responses: {} } }, '/b/{z}': { get: { responses: {} } } } }))
    // Canonical identity + the path as written: unique, and never equal to another operation's canonical identity.
    expect(snapshot.operations.map((operation) => operation.identity)).toEqual(['GET /a/{}#/a/{x}', 'GET /a/{}#/a/{y}', 'GET /b/{}'])
    expect(snapshot.warnings).toEqual(['Several operations match "GET /a/{}" (paths differing only in parameter names or a trailing slash); each is identified by its own path'])
  })

  it('keeps parameter serialization (style, explode, allowEmptyValue, allowReserved) as written', async () => {
    const { snapshot } = await normalize(
      document({
        paths: {
          '/a/{id}': {
            get: {
              parameters: [
                { name: 'id', in: 'path', required: true, style: 'matrix', explode: true, schema: { type: 'array', items: { type: 'string' } } },
                { name: 'q', in: 'query', allowEmptyValue: true, allowReserved: false, schema: { type: 'string' } },
                { name: 'plain', in: 'query', style: 7, explode: 'yes', schema: { type: 'string' } },
              ],
              responses: {},
            },
          },
        },
      }),
    )
    const byName = new Map(snapshot.operations[0]!.parameters.map((parameter) => [parameter.name, parameter]))
    expect(byName.get('id')).toMatchObject({ style: 'matrix', explode: true })
    expect(byName.get('q')).toMatchObject({ allowEmptyValue: true, allowReserved: false })
    expect(byName.get('q')).not.toHaveProperty('style')
    // Values of the wrong type are not settings.
    expect(Object.keys(byName.get('plain')!)).toEqual(['in', 'name', 'required', 'schema'])
  })

  it('keeps operation-level servers (else those of the path item) and externalDocs in extra', async () => {
    const servers = [{ url: 'https://{region}.example.com', description: 'Regional', variables: { region: { default: 'eu', enum: ['eu', 'us'] } } }]
    const { snapshot } = await normalize(
      document({
        servers: [{ url: 'https://api.example.com' }],
        paths: {
          '/a': {
            servers: [{ url: 'https://path-level.example.com' }],
            get: { servers, externalDocs: { url: 'https://docs.example.com/a', description: 'Guide' }, responses: {} },
            put: { responses: {} },
          },
          '/b': { get: { responses: {} } },
        },
      }),
    )
    const [getA, getB, putA] = snapshot.operations.map((operation) => operation.extra)
    expect(getA).toEqual({ externalDocs: { description: 'Guide', url: 'https://docs.example.com/a' }, servers })
    expect(Object.keys(getA!)).toEqual(['externalDocs', 'servers'])
    expect(putA).toEqual({ servers: [{ url: 'https://path-level.example.com' }] })
    expect(getB).toBeUndefined()
    expect(snapshot.servers).toEqual(['https://api.example.com'])
  })

  it('server variables take their default values', async () => {
    const { snapshot } = await normalize(
      document({
        paths: {},
        servers: [
          { url: 'https://{region}.api.example.com/{version}', variables: { region: { default: 'eu' }, version: { default: 'v2', enum: ['v1', 'v2'] } } },
          { url: '/relative' },
          { url: 'https://{unknown}.example.com' },
        ],
      }),
    )
    expect(snapshot.servers).toEqual(['https://eu.api.example.com/v2', '/relative', 'https://{unknown}.example.com'])
  })

  it('3.x security schemes are resolved and copied, openIdConnect with its discovery URL', async () => {
    const { snapshot } = await normalize(
      document({
        paths: {},
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            alias: { $ref: '#/components/securitySchemes/bearer' },
            oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' },
            mtls: { type: 'mutualTLS' },
            oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://t', scopes: { b: 'B', a: 'A' } } } },
          },
        },
      }),
    )
    expect(snapshot.securitySchemes).toEqual({
      alias: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      mtls: { type: 'mutualTLS' },
      oauth: { type: 'oauth2', flows: { clientCredentials: { scopes: { a: 'A', b: 'B' }, tokenUrl: 'https://t' } } },
      oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration' },
    })
  })
})
