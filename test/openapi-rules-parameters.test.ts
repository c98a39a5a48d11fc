import { describe, expect, it } from 'vitest'
import { diffOpenApi } from '../src/formats/openapi/diff/index.js'
import type { ParameterSpec } from '../src/model/snapshot.js'
import { kindsOf, onlyChange } from './helpers/diff-assertions.js'
import { op, param, snapshot } from './helpers/snapshot-builder.js'

function diffParameters(before: ParameterSpec[], after: ParameterSpec[]) {
  return diffOpenApi(
    snapshot({ operations: [op('get', '/pets', { parameters: before })] }),
    snapshot({ operations: [op('get', '/pets', { parameters: after })] }),
  )
}

describe('OpenAPI rules: request parameters', () => {
  it('a new required parameter is breaking', () => {
    const result = diffParameters([], [param('limit', 'query', { required: true })])
    expect(onlyChange(result, 'request-parameter-added')).toMatchObject({
      severity: 'breaking',
      operation: 'GET /pets',
      location: ['parameters', 'query', 'limit'],
      message: "GET /pets: query parameter 'limit' was added as required",
    })
  })

  it('a new optional parameter is info', () => {
    const result = diffParameters([], [param('limit', 'query')])
    expect(onlyChange(result, 'request-parameter-added').severity).toBe('info')
  })

  it('a removed parameter is breaking', () => {
    const result = diffParameters([param('limit', 'query')], [])
    expect(onlyChange(result, 'request-parameter-removed')).toMatchObject({ severity: 'breaking', location: ['parameters', 'query', 'limit'] })
  })

  it('a parameter that became required is breaking, one that became optional is info', () => {
    const required = diffParameters([param('limit', 'query')], [param('limit', 'query', { required: true })])
    expect(kindsOf(required)).toEqual(['request-parameter-became-required:breaking'])
    const optional = diffParameters([param('limit', 'query', { required: true })], [param('limit', 'query')])
    expect(kindsOf(optional)).toEqual(['request-parameter-became-optional:info'])
  })

  it('a type change is breaking', () => {
    const result = diffParameters([param('limit', 'query', { schema: { type: ['integer'] } })], [param('limit', 'query', { schema: { type: ['string'] } })])
    expect(onlyChange(result, 'request-parameter-type-changed')).toMatchObject({
      severity: 'breaking',
      location: ['parameters', 'query', 'limit'],
      before: 'integer',
      after: 'string',
    })
  })

  it('a widened type (integer to number) is info for a request', () => {
    const result = diffParameters([param('limit', 'query', { schema: { type: ['integer'] } })], [param('limit', 'query', { schema: { type: ['number'] } })])
    expect(kindsOf(result)).toEqual(['request-parameter-type-changed:info'])
  })

  it('a format change is breaking', () => {
    const result = diffParameters(
      [param('since', 'query', { schema: { type: ['string'], format: 'date' } })],
      [param('since', 'query', { schema: { type: ['string'], format: 'date-time' } })],
    )
    expect(onlyChange(result, 'request-parameter-format-changed')).toMatchObject({ severity: 'breaking', before: 'date', after: 'date-time' })
  })

  it('an added enum value is info, a removed one breaking', () => {
    const was = param('sort', 'query', { schema: { type: ['string'], enum: ['asc', 'desc'] } })
    const added = diffParameters([was], [param('sort', 'query', { schema: { type: ['string'], enum: ['asc', 'desc', 'random'] } })])
    expect(onlyChange(added, 'request-parameter-enum-value-added')).toMatchObject({ severity: 'info', after: 'random' })
    const removed = diffParameters([was], [param('sort', 'query', { schema: { type: ['string'], enum: ['asc'] } })])
    expect(onlyChange(removed, 'request-parameter-enum-value-removed')).toMatchObject({ severity: 'breaking', before: 'desc' })
  })

  it('a parameter moved from the query to a header is one breaking location change', () => {
    const result = diffParameters([param('token', 'query')], [param('token', 'header')])
    expect(kindsOf(result)).toEqual(['request-parameter-location-changed:breaking'])
    expect(onlyChange(result, 'request-parameter-location-changed')).toMatchObject({
      location: ['parameters', 'header', 'token'],
      before: 'query',
      after: 'header',
    })
  })

  it('matches header parameters whatever their case', () => {
    const result = diffParameters([param('X-Request-Id', 'header')], [param('x-request-id', 'header')])
    expect(result.changes.filter((change) => change.kind.includes('added') || change.kind.includes('removed'))).toEqual([])
  })

  it('reports a tightened maximum as breaking and a relaxed one as info', () => {
    const at = (maximum: number) => param('limit', 'query', { schema: { type: ['integer'], maximum } })
    expect(kindsOf(diffParameters([at(100)], [at(50)]))).toEqual(['request-parameter-maximum-decreased:breaking'])
    expect(kindsOf(diffParameters([at(50)], [at(100)]))).toEqual(['request-parameter-maximum-increased:info'])
  })

  it('compares serialization settings when the snapshot keeps them, defaults filled in', () => {
    const ids = (settings: Record<string, unknown>) => ({ ...param('ids', 'query', { schema: { type: ['array'], items: { type: ['string'] } } }), ...settings }) as ParameterSpec
    expect(kindsOf(diffParameters([ids({})], [ids({ style: 'form', explode: true })]))).toEqual([])
    expect(kindsOf(diffParameters([ids({})], [ids({ style: 'pipeDelimited' })]))).toEqual([
      'request-parameter-explode-changed:breaking',
      'request-parameter-style-changed:breaking',
    ])
    expect(kindsOf(diffParameters([ids({})], [ids({ explode: false })]))).toEqual(['request-parameter-explode-changed:breaking'])
    expect(kindsOf(diffParameters([ids({ allowEmptyValue: true })], [ids({})]))).toEqual(['request-parameter-empty-value-disallowed:breaking'])
    expect(kindsOf(diffParameters([ids({})], [ids({ allowReserved: true })]))).toEqual(['request-parameter-reserved-characters-allowed:info'])
  })

  it('treats Accept, Content-Type and Authorization header parameters as info: OpenAPI ignores them', () => {
    const result = diffParameters([param('Accept', 'header', { required: true })], [])
    expect(kindsOf(result)).toEqual(['request-parameter-removed:info'])
  })

  it('reports deprecation, description and examples as info', () => {
    const result = diffParameters(
      [param('q', 'query', { description: 'Search' })],
      [param('q', 'query', { description: 'Search text', deprecated: true, example: 'cat' })],
    )
    expect(kindsOf(result)).toEqual([
      'request-parameter-deprecated:info',
      'request-parameter-description-changed:info',
      'request-parameter-example-changed:info',
    ])
  })
})
