import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { diffOpenApi } from '../src/formats/openapi/diff/index.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { acceptsAll } from '../src/formats/openapi/diff/schema/accepts.js'
import type { ApiSnapshot, SchemaNode } from '../src/model/snapshot.js'
import { kindsOf } from './helpers/diff-assertions.js'

/** Severity fixes of issue 9: unions judged by what they accept, one answer to one question. */

async function snapshotOf(document: object): Promise<ApiSnapshot> {
  const { snapshot } = await openapiFormat.normalize(JSON.stringify(document), { sourceId: 'test' })
  return { ...snapshot, fingerprint: 'test' }
}

/** A 3.1 document whose `POST /things` request body (or 200 response) is `schema`, with `components` as schemas. */
function documentWith(place: 'request' | 'response', schema: object, components: Record<string, object>): object {
  const content = { 'application/json': { schema } }
  const operation =
    place === 'request'
      ? { requestBody: { required: true, content }, responses: { '204': { description: 'done' } } }
      : { responses: { '200': { description: 'ok', content } } }
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/things': { post: operation } }, components: { schemas: components } }
}

async function diffPlace(place: 'request' | 'response', before: object, after: object, components: Record<string, object>, afterComponents = components) {
  return diffOpenApi(await snapshotOf(documentWith(place, before, components)), await snapshotOf(documentWith(place, after, afterComponents)))
}

const row = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }
const section = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] }

describe('oneOf / anyOf options are matched by what they accept', () => {
  it('a request item widened from one schema to oneOf [that schema, another] is not breaking', async () => {
    const components = { Row: row, Section: section }
    const before = { type: 'array', items: { $ref: '#/components/schemas/Row' } }
    const after = { type: 'array', items: { oneOf: [{ $ref: '#/components/schemas/Row' }, { $ref: '#/components/schemas/Section' }] } }
    const result = await diffPlace('request', before, after, components)
    expect(result.breaking).toBe(false)
    expect(kindsOf(result)).toEqual(['schema-property-one-of-option-added:info'])
  })

  it('anyOf [P, G] to anyOf [DM, GroupDM, G] where GroupDM is written like P is not breaking in a request', async () => {
    const named = { type: 'object', properties: { name: { type: 'string' }, icon: { type: 'string' } }, required: ['name'] }
    const group = { type: 'object', properties: { guild: { type: 'string' } }, required: ['guild'] }
    const before = { anyOf: [{ $ref: '#/components/schemas/P' }, { $ref: '#/components/schemas/G' }] }
    const after = { anyOf: [{ $ref: '#/components/schemas/DM' }, { $ref: '#/components/schemas/GroupDM' }, { $ref: '#/components/schemas/G' }] }
    const result = await diffPlace('request', before, after, { P: named, G: group }, {
      DM: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      GroupDM: { ...named, description: 'A group DM' },
      G: group,
    })
    expect(result.breaking).toBe(false)
    // GroupDM is P with a description: the pair is compared, DM is the one new option.
    expect(kindsOf(result)).toEqual(['schema-any-of-option-added:info', 'schema-description-added:info'])
    expect(result.changes.find((change) => change.kind === 'schema-any-of-option-added')!.message).toContain('option DM was added')
  })

  it('a response $ref R becoming oneOf [R, RVerbose] is one warning: a shape the client may not know', async () => {
    const verbose = { type: 'object', properties: { id: { type: 'integer' }, details: { type: 'object' } }, required: ['id', 'details'] }
    const before = { $ref: '#/components/schemas/R' }
    const after = { oneOf: [{ $ref: '#/components/schemas/R' }, { $ref: '#/components/schemas/RVerbose' }] }
    const result = await diffPlace('response', before, after, { R: row, RVerbose: verbose })
    expect(kindsOf(result)).toEqual(['schema-one-of-option-added:warning'])
    expect(result.breaking).toBe(false)
  })

  it('a new oneOf option in a response is a warning, like a new enum value in a response', async () => {
    const oneOf = (options: object[]) => ({ oneOf: options })
    const withOption = await diffPlace('response', oneOf([{ $ref: '#/components/schemas/Row' }]), oneOf([{ $ref: '#/components/schemas/Row' }, { $ref: '#/components/schemas/Section' }]), {
      Row: row,
      Section: section,
    })
    const withValue = await diffPlace('response', { type: 'string', enum: ['a'] }, { type: 'string', enum: ['a', 'b'] }, {})
    expect(kindsOf(withOption)).toEqual(['schema-one-of-option-added:warning'])
    expect(withOption.breaking).toBe(false)
    expect(kindsOf(withValue)).toEqual(['schema-enum-value-added:warning'])
  })

  it('a new response option whose values an old option already allowed is info', async () => {
    const verbose = { type: 'object', properties: { id: { type: 'string' }, details: { type: 'object' } }, required: ['id', 'details'] }
    const before = { $ref: '#/components/schemas/R' }
    const after = { oneOf: [{ $ref: '#/components/schemas/R' }, { $ref: '#/components/schemas/RVerbose' }] }
    const result = await diffPlace('response', before, after, { R: row, RVerbose: verbose })
    expect(kindsOf(result)).toEqual(['schema-one-of-option-added:info'])
    expect(result.changes[0]!.message).toContain('another option already allowed these values')
  })

  it('a removed request option is still breaking when no other option accepts its values', async () => {
    const before = { oneOf: [{ $ref: '#/components/schemas/Row' }, { $ref: '#/components/schemas/Section' }] }
    const after = { oneOf: [{ $ref: '#/components/schemas/Row' }] }
    const result = await diffPlace('request', before, after, { Row: row, Section: section })
    expect(kindsOf(result)).toEqual(['schema-one-of-option-removed:breaking'])
  })

  it('a removed request option whose values another option accepts is info', async () => {
    const before = { anyOf: [{ type: 'string' }, { type: 'string', enum: ['a', 'b'] }, { type: 'integer' }] }
    const after = { anyOf: [{ type: 'string' }, { type: 'integer' }] }
    const result = await diffPlace('request', before, after, {})
    expect(result.breaking).toBe(false)
  })
})

describe('enum values removed from one anyOf branch', () => {
  it('are not breaking when another branch accepts any string', async () => {
    const before = { anyOf: [{ type: 'string' }, { type: 'string', enum: ['gpt-4', 'gpt-3.5'] }] }
    const after = { anyOf: [{ type: 'string' }, { type: 'string', enum: ['gpt-4'] }] }
    const result = await diffPlace('request', before, after, {})
    expect(kindsOf(result)).toEqual(['schema-property-enum-value-removed:info'])
    expect(result.changes[0]!.message).toContain('another option still accepts these values')
  })

  it('stay breaking when no other branch accepts them', async () => {
    const before = { anyOf: [{ type: 'integer' }, { type: 'string', enum: ['gpt-4', 'gpt-3.5'] }] }
    const after = { anyOf: [{ type: 'integer' }, { type: 'string', enum: ['gpt-4'] }] }
    expect(kindsOf(await diffPlace('request', before, after, {}))).toEqual(['schema-property-enum-value-removed:breaking'])
  })
})

describe('a path prefix moved into basePath or the server URL', () => {
  const swagger = (basePath: string | undefined, paths: string[]) => ({
    swagger: '2.0',
    info: { title: 't', version: '1' },
    ...(basePath === undefined ? {} : { basePath }),
    paths: Object.fromEntries(paths.map((path) => [path, { get: { responses: { '200': { description: 'ok' } } } }])),
  })

  it('pairs operations whose full URL template is unchanged: info, not operation-path-changed', async () => {
    const before = await snapshotOf(swagger(undefined, ['/api/v2/status', '/api/v2/silence/{silenceID}']))
    const after = await snapshotOf(swagger('/api/v2/', ['/status', '/silence/{id}']))
    const result = diffOpenApi(before, after)
    expect(result.breaking).toBe(false)
    expect(result.added).toEqual([])
    expect(result.removed).toEqual([])
    const rebased = result.changes.filter((change) => change.kind === 'operation-path-rebased')
    expect(rebased.map((change) => [change.before, change.after])).toEqual([
      ['GET /api/v2/silence/{silenceID}', 'GET /silence/{id}'],
      ['GET /api/v2/status', 'GET /status'],
    ])
    expect(rebased.every((change) => change.severity === 'info')).toBe(true)
  })

  it('reads the base path of an OpenAPI 3 server URL too, and still reports a URL that really changed', async () => {
    const openapi = (server: string, path: string) => ({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      servers: [{ url: server }],
      paths: { [path]: { get: { operationId: 'status', responses: { '200': { description: 'ok' } } } } },
    })
    const rebased = diffOpenApi(await snapshotOf(openapi('https://example.com', '/v1/status')), await snapshotOf(openapi('https://example.com/v1/', '/status')))
    expect(kindsOf(rebased)).toEqual(['operation-path-rebased:info', 'server-added:info', 'server-removed:warning'])
    const moved = diffOpenApi(await snapshotOf(openapi('https://example.com', '/v1/status')), await snapshotOf(openapi('https://example.com/v2/', '/status')))
    expect(kindsOf(moved)).toContain('operation-path-changed:breaking')
  })
})

const pairs = new URL('../../shared/fixtures/pairs/', import.meta.url).pathname
const alertmanager = existsSync(`${pairs}alertmanager-2.0.old.yaml`)

describe.skipIf(!alertmanager)(`the alertmanager pair: paths moved under basePath${alertmanager ? '' : ` (skipped: ${pairs} not found)`}`, () => {
  it('reports no operation-path-changed and no added or removed operation', async () => {
    const load = async (file: string) => {
      const { snapshot } = await openapiFormat.normalize(readFileSync(pairs + file, 'utf8'), { sourceId: file })
      return { ...snapshot, fingerprint: file }
    }
    const result = diffOpenApi(await load('alertmanager-2.0.old.yaml'), await load('alertmanager-2.0.new.yaml'))
    expect(result.changes.filter((change) => change.kind === 'operation-path-changed')).toEqual([])
    expect(result.summary.added + result.summary.removed).toBe(0)
    expect(result.changes.filter((change) => change.kind === 'operation-path-rebased').length).toBeGreaterThanOrEqual(9)
  })
})

describe('acceptsAll: whether one schema accepts every value another accepts', () => {
  const none = () => undefined
  const schemas: Record<string, SchemaNode> = { Loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/Loop' }, id: { type: 'string' } } } }
  const resolve = (pointer: string) => schemas[pointer.slice('#/components/schemas/'.length)]

  it('a wider type, fewer required names, a larger enum or no enum accept more', () => {
    expect(acceptsAll({ type: ['number'] }, { type: ['integer'] }, none, none)).toBe(true)
    expect(acceptsAll({ type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: { a: { type: 'string' }, b: {} }, required: ['a'] }, none, none)).toBe(true)
    expect(acceptsAll({ type: 'string', enum: ['a', 'b'] }, { type: 'string', enum: ['a'] }, none, none)).toBe(true)
    expect(acceptsAll({ type: 'string' }, { type: 'string', enum: ['a'] }, none, none)).toBe(true)
    expect(acceptsAll({ anyOf: [{ type: 'integer' }, { type: 'string' }] }, { type: 'string', maxLength: 3 }, none, none)).toBe(true)
  })

  it('answers false when the wide side restricts something the narrow side does not', () => {
    expect(acceptsAll({ type: 'string', maxLength: 3 }, { type: 'string' }, none, none)).toBe(false)
    expect(acceptsAll({ type: 'object', required: ['a'] }, { type: 'object' }, none, none)).toBe(false)
    expect(acceptsAll({ type: 'object', properties: { b: { type: 'string' } } }, { type: 'object', properties: { a: {} } }, none, none)).toBe(false)
    expect(acceptsAll({ type: 'string', enum: ['a'] }, { type: 'string' }, none, none)).toBe(false)
  })

  it('follows references on each side, and ends on recursive schemas', () => {
    expect(acceptsAll({ $ref: '#/components/schemas/Loop' }, schemas.Loop!, resolve, resolve)).toBe(true)
    expect(acceptsAll({ type: 'object', properties: { next: { type: 'string' } } }, { $ref: '#/components/schemas/Loop' }, resolve, resolve)).toBe(false)
  })
})
