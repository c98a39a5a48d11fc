import { describe, expect, it } from 'vitest'
import { diffOpenApi } from '../src/formats/openapi/diff/index.js'
import type { ResponseSpec } from '../src/model/snapshot.js'
import { kindsOf, onlyChange } from './helpers/diff-assertions.js'
import { object, op, response, snapshot } from './helpers/snapshot-builder.js'

function diffResponses(before: Record<string, ResponseSpec>, after: Record<string, ResponseSpec>) {
  return diffOpenApi(
    snapshot({ operations: [op('get', '/pets', { responses: before })] }),
    snapshot({ operations: [op('get', '/pets', { responses: after })] }),
  )
}

const pets = object({ id: { type: ['string'] } }, ['id'])

describe('OpenAPI rules: responses', () => {
  it('an added status is info', () => {
    const result = diffResponses({ '200': response(pets) }, { '200': response(pets), '404': response() })
    expect(onlyChange(result, 'response-status-added')).toMatchObject({ severity: 'info', location: ['responses', '404'] })
  })

  it('a removed success status is breaking', () => {
    const result = diffResponses({ '200': response(pets), '201': response(pets) }, { '201': response(pets) })
    expect(onlyChange(result, 'response-status-removed')).toMatchObject({
      severity: 'breaking',
      location: ['responses', '200'],
      message: 'GET /pets: response 200 was removed',
    })
  })

  it('a removed error status is a warning', () => {
    const result = diffResponses({ '200': response(pets), '404': response(), default: response() }, { '200': response(pets) })
    expect(kindsOf(result)).toEqual(['response-status-removed:warning', 'response-status-removed:warning'])
  })

  it('a removed media type is breaking, an added one info', () => {
    const json = response(pets)
    const both: ResponseSpec = { description: 'OK', content: { ...json.content, 'application/xml': { schema: pets } } }
    expect(onlyChange(diffResponses({ '200': both }, { '200': json }), 'response-media-type-removed')).toMatchObject({
      severity: 'breaking',
      location: ['responses', '200', 'content', 'application/xml'],
    })
    expect(kindsOf(diffResponses({ '200': json }, { '200': both }))).toEqual(['response-media-type-added:info'])
  })

  it('schema changes carry the status and media type in their location', () => {
    const result = diffResponses({ '200': response(pets) }, { '200': response(object({ id: { type: ['integer'] } }, ['id'])) })
    expect(onlyChange(result, 'schema-property-type-changed')).toMatchObject({
      severity: 'breaking',
      location: ['responses', '200', 'content', 'application/json', 'schema', 'properties', 'id'],
      message: "GET /pets: response 200 (application/json) property 'id' type changed from string to integer",
    })
  })

  it('headers: a removed header is breaking, required or not (like a removed response property), an added one info', () => {
    const withHeaders = (headers: ResponseSpec['headers']) => ({ '200': response(pets, { headers }) })
    const required = withHeaders({ 'X-Rate-Limit': { required: true, schema: { type: ['integer'] } } })
    const optional = withHeaders({ 'X-Rate-Limit': { required: false, schema: { type: ['integer'] } } })
    expect(onlyChange(diffResponses(required, withHeaders({})), 'response-header-removed')).toMatchObject({
      severity: 'breaking',
      location: ['responses', '200', 'headers', 'X-Rate-Limit'],
    })
    expect(kindsOf(diffResponses(optional, withHeaders({})))).toEqual(['response-header-removed:breaking'])
    expect(kindsOf(diffResponses(withHeaders({}), optional))).toEqual(['response-header-added:info'])
    expect(kindsOf(diffResponses(required, optional))).toEqual(['response-header-became-optional:breaking'])
  })

  it('a header type change is breaking', () => {
    const at = (type: string) => ({ '200': response(pets, { headers: { 'X-Count': { required: false, schema: { type: [type] } } } }) })
    expect(onlyChange(diffResponses(at('integer'), at('string')), 'response-header-type-changed')).toMatchObject({
      severity: 'breaking',
      location: ['responses', '200', 'headers', 'X-Count'],
    })
  })

  it('a description change is info', () => {
    const result = diffResponses({ '200': response(pets, { description: 'A' }) }, { '200': response(pets, { description: 'B' }) })
    expect(kindsOf(result)).toEqual(['response-description-changed:info'])
  })
})
