import { describe, expect, it } from 'vitest'
import { diffOpenApi } from '../src/formats/openapi/diff/index.js'
import type { SchemaNode } from '../src/model/snapshot.js'
import { kindsOf, onlyChange } from './helpers/diff-assertions.js'
import { body, object, op, response, snapshot } from './helpers/snapshot-builder.js'

/** Diffs two request-body schemas of `POST /pets`. */
function diffRequest(before: SchemaNode, after: SchemaNode) {
  const build = (schema: SchemaNode) => snapshot({ operations: [op('post', '/pets', { requestBody: body(schema) })] })
  return diffOpenApi(build(before), build(after))
}

/** Diffs two 200-response schemas of `GET /pets/{id}`. */
function diffResponse(before: SchemaNode, after: SchemaNode) {
  const build = (schema: SchemaNode) => snapshot({ operations: [op('get', '/pets/{id}', { responses: { '200': response(schema) } })] })
  return diffOpenApi(build(before), build(after))
}

const REQUEST_NAME = ['requestBody', 'content', 'application/json', 'schema', 'properties', 'name']
const RESPONSE_ID = ['responses', '200', 'content', 'application/json', 'schema', 'properties', 'id']

describe('OpenAPI rules: request schemas', () => {
  it('a new required property is breaking', () => {
    const result = diffRequest(object({}), object({ name: { type: ['string'] } }, ['name']))
    expect(onlyChange(result, 'schema-property-added')).toMatchObject({
      severity: 'breaking',
      location: REQUEST_NAME,
      message: "POST /pets: request body (application/json) property 'name' was added as required",
    })
  })

  it('a new optional property is info', () => {
    expect(kindsOf(diffRequest(object({}), object({ name: { type: ['string'] } })))).toEqual(['schema-property-added:info'])
  })

  it('a removed property is a warning (oasdiff rates it WARN: only strict servers reject it)', () => {
    const result = diffRequest(object({ name: { type: ['string'] } }), object({}))
    expect(onlyChange(result, 'schema-property-removed')).toMatchObject({ severity: 'warning', location: REQUEST_NAME })
  })

  it('a type change is breaking', () => {
    const result = diffRequest(object({ name: { type: ['string'] } }), object({ name: { type: ['integer'] } }))
    expect(onlyChange(result, 'schema-property-type-changed')).toMatchObject({
      severity: 'breaking',
      location: REQUEST_NAME,
      before: 'string',
      after: 'integer',
    })
  })

  it('a property that became required is breaking, optional info', () => {
    const optional = object({ name: { type: ['string'] } })
    const required = object({ name: { type: ['string'] } }, ['name'])
    expect(onlyChange(diffRequest(optional, required), 'schema-property-became-required')).toMatchObject({ severity: 'breaking', location: REQUEST_NAME })
    expect(kindsOf(diffRequest(required, optional))).toEqual(['schema-property-became-optional:info'])
  })

  it('a narrowed enum is breaking, a widened one info', () => {
    const at = (values: string[]) => object({ name: { type: ['string'], enum: values } })
    expect(kindsOf(diffRequest(at(['a', 'b']), at(['a'])))).toEqual(['schema-property-enum-value-removed:breaking'])
    expect(kindsOf(diffRequest(at(['a']), at(['a', 'b'])))).toEqual(['schema-property-enum-value-added:info'])
  })

  it('enum values are compared as JSON: a string is not the number it spells, key order does not count', () => {
    const at = (values: unknown[]) => object({ limit: { enum: values } })
    expect(kindsOf(diffRequest(at([1, 'a']), at(['1', 'a'])))).toEqual(['schema-property-enum-value-added:info', 'schema-property-enum-value-removed:breaking'])
    expect(kindsOf(diffRequest(at([true, null]), at(['true', 'null'])))).toEqual([
      'schema-property-enum-value-added:info',
      'schema-property-enum-value-added:info',
      'schema-property-enum-value-removed:breaking',
      'schema-property-enum-value-removed:breaking',
    ])
    expect(kindsOf(diffRequest(at([{ a: 1, b: [2] }, 'x']), at(['x', { b: [2], a: 1 }])))).toEqual([])
    expect(kindsOf(diffRequest(at([{ a: 1 }]), at([{ a: 2 }])))).toEqual(['schema-property-enum-value-added:info', 'schema-property-enum-value-removed:breaking'])
  })

  it('tightened limits are breaking and relaxed limits info', () => {
    const at = (limits: SchemaNode) => object({ name: { type: ['string'], ...limits } })
    expect(kindsOf(diffRequest(at({ maxLength: 10 }), at({ maxLength: 5 })))).toEqual(['schema-property-max-length-decreased:breaking'])
    expect(kindsOf(diffRequest(at({ maxLength: 5 }), at({ maxLength: 10 })))).toEqual(['schema-property-max-length-increased:info'])
    expect(kindsOf(diffRequest(at({ minLength: 1 }), at({ minLength: 3 })))).toEqual(['schema-property-min-length-increased:breaking'])
    expect(kindsOf(diffRequest(at({ minLength: 3 }), at({})))).toEqual(['schema-property-min-length-removed:info'])
    expect(kindsOf(diffRequest(at({}), at({ maximum: 9 })))).toEqual(['schema-property-maximum-added:breaking'])
    expect(kindsOf(diffRequest(at({ minimum: 1 }), at({ minimum: 0 })))).toEqual(['schema-property-minimum-decreased:info'])
    expect(kindsOf(diffRequest(at({ maxItems: 4 }), at({ maxItems: 2 })))).toEqual(['schema-property-max-items-decreased:breaking'])
  })

  it('reads the 3.0 boolean and 3.1 numeric exclusive bounds the same way', () => {
    const inclusive = object({ n: { type: ['number'], maximum: 10 } })
    const exclusive30 = object({ n: { type: ['number'], maximum: 10, exclusiveMaximum: true } })
    const exclusive31 = object({ n: { type: ['number'], exclusiveMaximum: 10 } })
    expect(kindsOf(diffRequest(inclusive, exclusive30))).toEqual(['schema-property-maximum-became-exclusive:breaking'])
    expect(kindsOf(diffRequest(exclusive30, exclusive31)).filter((kind) => kind.includes('maximum'))).toEqual([])
  })

  it('a request property that became nullable is info, not nullable breaking', () => {
    const plain = object({ name: { type: ['string'] } })
    const nullable = object({ name: { type: ['null', 'string'] } })
    expect(kindsOf(diffRequest(plain, nullable))).toEqual(['schema-property-became-nullable:info'])
    expect(kindsOf(diffRequest(nullable, plain))).toEqual(['schema-property-became-not-nullable:breaking'])
  })

  it('a read-only property added as required does not break requests', () => {
    const result = diffRequest(object({}), object({ id: { type: ['string'], readOnly: true } }, ['id']))
    expect(kindsOf(result)).toEqual(['schema-property-added:info'])
  })

  it('follows nested objects and array items', () => {
    const result = diffRequest(
      object({ tags: { type: ['array'], items: object({ label: { type: ['string'] } }) } }),
      object({ tags: { type: ['array'], items: object({ label: { type: ['integer'] } }) } }),
    )
    expect(onlyChange(result, 'schema-property-type-changed')).toMatchObject({
      location: ['requestBody', 'content', 'application/json', 'schema', 'properties', 'tags', 'items', 'properties', 'label'],
      message: "POST /pets: request body (application/json) property 'tags[].label' type changed from string to integer",
    })
  })
})

describe('OpenAPI rules: response schemas', () => {
  it('a removed required property is breaking', () => {
    const result = diffResponse(object({ id: { type: ['string'] } }, ['id']), object({}))
    expect(onlyChange(result, 'schema-property-removed')).toMatchObject({ severity: 'breaking', location: RESPONSE_ID })
  })

  it('a removed optional property is breaking for callers too: readers lose data they use', () => {
    expect(kindsOf(diffResponse(object({ id: { type: ['string'] } }), object({})))).toEqual(['schema-property-removed:breaking'])
  })

  it('a property that became optional is breaking for callers, required info', () => {
    const required = object({ id: { type: ['string'] } }, ['id'])
    const optional = object({ id: { type: ['string'] } })
    expect(onlyChange(diffResponse(required, optional), 'schema-property-became-optional')).toMatchObject({ severity: 'breaking', location: RESPONSE_ID })
    expect(kindsOf(diffResponse(optional, required))).toEqual(['schema-property-became-required:info'])
  })

  it('a type change is breaking', () => {
    const result = diffResponse(object({ id: { type: ['string'] } }), object({ id: { type: ['integer'] } }))
    expect(onlyChange(result, 'schema-property-type-changed')).toMatchObject({ severity: 'breaking', location: RESPONSE_ID })
  })

  it('a root type change has no property in its kind', () => {
    expect(kindsOf(diffResponse({ type: ['object'] }, { type: ['array'] }))).toEqual(['schema-type-changed:breaking'])
  })

  it('a widened enum is a warning, a narrowed one info', () => {
    const at = (values: string[]) => object({ status: { type: ['string'], enum: values } })
    const widened = diffResponse(at(['open']), at(['open', 'closed']))
    expect(onlyChange(widened, 'schema-property-enum-value-added')).toMatchObject({ severity: 'warning', after: 'closed' })
    expect(kindsOf(diffResponse(at(['open', 'closed']), at(['open'])))).toEqual(['schema-property-enum-value-removed:info'])
  })

  it('an added property is info', () => {
    expect(kindsOf(diffResponse(object({}), object({ id: { type: ['string'] } }, ['id'])))).toEqual(['schema-property-added:info'])
  })

  it('relaxed limits break readers, tightened limits do not', () => {
    const at = (limits: SchemaNode) => object({ name: { type: ['string'], ...limits } })
    expect(kindsOf(diffResponse(at({ maxLength: 5 }), at({ maxLength: 10 })))).toEqual(['schema-property-max-length-increased:breaking'])
    expect(kindsOf(diffResponse(at({ maxLength: 10 }), at({ maxLength: 5 })))).toEqual(['schema-property-max-length-decreased:info'])
  })

  it('a new oneOf option is a warning for readers, like a new enum value: a shape they may not know', () => {
    const result = diffResponse({ oneOf: [object({ a: { type: ['string'] } })] }, { oneOf: [object({ a: { type: ['string'] } }), object({ b: { type: ['number'] } })] })
    expect(kindsOf(result)).toEqual(['schema-one-of-option-added:warning'])
  })

  it('compares an inline allOf by the merged schema', () => {
    const result = diffResponse(object({ a: { type: ['string'] } }), { allOf: [object({ a: { type: ['string'] } }), object({ b: { type: ['number'] } })] })
    expect(kindsOf(result)).toEqual(['schema-property-added:info'])
  })

  it('treats absent, true and {} additionalProperties alike', () => {
    const result = diffResponse(object({ a: { type: ['object'] } }), object({ a: { type: ['object'], additionalProperties: {} } }))
    expect(result.changes).toEqual([])
  })

  it('reports documentation keywords as info', () => {
    expect(kindsOf(diffResponse({ type: ['string'], title: 'A' }, { type: ['string'], title: 'B', description: 'd' }))).toEqual([
      'schema-description-added:info',
      'schema-title-changed:info',
    ])
  })
})
