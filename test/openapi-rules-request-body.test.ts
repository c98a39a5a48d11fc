import { describe, expect, it } from 'vitest'
import { diffOpenApi } from '../src/formats/openapi/diff/index.js'
import type { RequestBodySpec } from '../src/model/snapshot.js'
import { kindsOf, onlyChange } from './helpers/diff-assertions.js'
import { body, object, op, snapshot } from './helpers/snapshot-builder.js'

function diffBodies(before: RequestBodySpec | undefined, after: RequestBodySpec | undefined) {
  const build = (requestBody: RequestBodySpec | undefined) =>
    snapshot({ operations: [op('post', '/pets', requestBody === undefined ? {} : { requestBody })] })
  return diffOpenApi(build(before), build(after))
}

const pet = object({ name: { type: ['string'] } })

describe('OpenAPI rules: request body', () => {
  it('a new required body is breaking, a new optional one info', () => {
    expect(onlyChange(diffBodies(undefined, body(pet, { required: true })), 'request-body-added')).toMatchObject({
      severity: 'breaking',
      location: ['requestBody'],
      message: 'POST /pets: request body was added as required',
    })
    expect(onlyChange(diffBodies(undefined, body(pet)), 'request-body-added').severity).toBe('info')
  })

  it('a removed body is breaking', () => {
    expect(kindsOf(diffBodies(body(pet), undefined))).toEqual(['request-body-removed:breaking'])
  })

  it('a body that became required is breaking, optional info', () => {
    expect(kindsOf(diffBodies(body(pet), body(pet, { required: true })))).toEqual(['request-body-became-required:breaking'])
    expect(kindsOf(diffBodies(body(pet, { required: true }), body(pet)))).toEqual(['request-body-became-optional:info'])
  })

  it('an added media type is info, a removed one breaking', () => {
    const json = body(pet)
    const both: RequestBodySpec = { required: false, content: { ...json.content, 'application/xml': { schema: pet } } }
    expect(onlyChange(diffBodies(json, both), 'request-media-type-added')).toMatchObject({
      severity: 'info',
      location: ['requestBody', 'content', 'application/xml'],
    })
    expect(onlyChange(diffBodies(both, json), 'request-media-type-removed')).toMatchObject({
      severity: 'breaking',
      location: ['requestBody', 'content', 'application/xml'],
    })
  })

  it('a replaced media type is one removal and one addition', () => {
    const result = diffBodies(body(pet), body(pet, { mediaType: 'application/x-www-form-urlencoded' }))
    expect(kindsOf(result)).toEqual(['request-media-type-added:info', 'request-media-type-removed:breaking'])
  })

  it('examples are info', () => {
    const with1: RequestBodySpec = { required: false, content: { 'application/json': { schema: pet, example: { name: 'Rex' } } } }
    const with2: RequestBodySpec = { required: false, content: { 'application/json': { schema: pet, example: { name: 'Tom' } } } }
    expect(onlyChange(diffBodies(with1, with2), 'request-example-changed')).toMatchObject({
      severity: 'info',
      location: ['requestBody', 'content', 'application/json', 'example'],
    })
  })
})
