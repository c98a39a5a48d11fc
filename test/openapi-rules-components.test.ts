import { describe, expect, it } from 'vitest'
import { changeInOperation } from '../src/diff/change-set.js'
import { diffOpenApi, diffOpenApiWithStats } from '../src/formats/openapi/diff/index.js'
import type { SchemaNode } from '../src/model/snapshot.js'
import { body, object, op, ref, response, snapshot } from './helpers/snapshot-builder.js'

const OWNER = '#/components/schemas/Owner'

/** Pet and Owner reference each other (a cycle); four operations reach Owner through it. */
function petStore(ownerName: SchemaNode, options: { summary?: string } = {}) {
  return snapshot({
    schemas: {
      '#/components/schemas/Pet': object({ id: { type: ['string'] }, owner: ref('Owner'), tag: ref('Tag') }, ['id']),
      [OWNER]: object({ name: ownerName, pets: { type: ['array'], items: ref('Pet') } }),
      '#/components/schemas/Tag': object({ label: { type: ['string'] } }),
    },
    operations: [
      op('get', '/pets', { responses: { '200': response({ type: ['array'], items: ref('Pet') }) }, ...options }),
      op('get', '/pets/{id}', { responses: { '200': response(ref('Pet')), '201': response(ref('Pet')) } }),
      op('post', '/pets', { requestBody: body(ref('Pet'), { required: true }), responses: { '201': response(ref('Pet')) } }),
      op('get', '/owners/{id}', { responses: { '200': response(ref('Owner')) } }),
      op('get', '/tags', { responses: { '200': response({ type: ['array'], items: ref('Tag') }) } }),
    ],
  })
}

describe('OpenAPI rules: shared components', () => {
  it('reports a change inside a shared component once, listing every operation it reaches', () => {
    const after = petStore({ type: ['integer'] })
    const { changeSet } = diffOpenApiWithStats(petStore({ type: ['string'] }), after)
    const typeChanges = changeSet.changes.filter((change) => change.kind === 'schema-property-type-changed')
    expect(typeChanges).toHaveLength(1)
    const [cause] = typeChanges
    expect(cause).toMatchObject({ severity: 'breaking', component: OWNER, location: ['properties', 'name'], message: "property 'name' type changed from string to integer (in component Owner)" })
    expect(cause!.operation).toBeUndefined()
    // In the new snapshot's order; POST /pets sends Pet and reads it back, and is listed once.
    const reached = ['GET /pets', 'GET /pets/{id}', 'POST /pets', 'GET /owners/{id}']
    const inSnapshotOrder = after.operations.map((operation) => operation.key).filter((key) => reached.includes(key))
    expect(inSnapshotOrder).not.toEqual(reached)
    expect(cause!.operations!.map((reach) => reach.operation)).toEqual(inSnapshotOrder)
    expect(changeSet.modified.map((entry) => entry.operation.key).sort()).toEqual(['GET /owners/{id}', 'GET /pets', 'GET /pets/{id}', 'POST /pets'])
    expect(changeSet.summary).toMatchObject({ modified: 4, breaking: 1, operations: 4 })
    // The per-operation view refers to the cause itself.
    for (const entry of changeSet.modified) expect(entry.changes.filter((change) => change === cause)).toHaveLength(1)
  })

  it('locates the change at the shortest path from each operation', () => {
    const result = diffOpenApi(petStore({ type: ['string'] }), petStore({ type: ['integer'] }))
    const cause = result.changes.find((change) => change.kind === 'schema-property-type-changed')!
    const at = (key: string) => changeInOperation(cause, key)!.location
    expect(at('GET /pets/{id}')).toEqual(['responses', '200', 'content', 'application/json', 'schema', 'properties', 'owner', 'properties', 'name'])
    expect(at('GET /owners/{id}')).toEqual(['responses', '200', 'content', 'application/json', 'schema', 'properties', 'name'])
    expect(at('GET /pets')).toEqual(['responses', '200', 'content', 'application/json', 'schema', 'items', 'properties', 'owner', 'properties', 'name'])
    // Reached through the request body and the 201 response: the request body's path is shorter.
    expect(at('POST /pets')).toEqual(['requestBody', 'content', 'application/json', 'schema', 'properties', 'owner', 'properties', 'name'])
    expect(changeInOperation(cause, 'GET /tags')).toBeUndefined()
  })

  it('gives one entry per severity when a component change breaks responses and only warns requests', () => {
    // A new enum value: breaking for readers (responses), harmless for senders (requests).
    const build = (values: string[]) =>
      snapshot({
        schemas: { '#/components/schemas/Status': { type: ['string'], enum: values } },
        operations: [
          op('get', '/status', { responses: { '200': response(ref('Status')) } }),
          op('put', '/status', { requestBody: body(ref('Status'), { required: true }), responses: { '204': response() } }),
          op('get', '/statuses', { responses: { '200': response({ type: ['array'], items: ref('Status') }) } }),
        ],
      })
    const result = diffOpenApi(build(['on', 'off']), build(['on', 'off', 'idle']))
    const causes = result.changes.filter((change) => change.component === '#/components/schemas/Status')
    expect(causes.map((change) => [change.kind, change.severity, change.operations!.map((reach) => reach.operation)])).toEqual([
      [causes[0]!.kind, causes[0]!.severity, ['GET /status', 'GET /statuses']],
      [causes[0]!.kind, causes[1]!.severity, ['PUT /status']],
    ])
    expect(causes[0]!.severity).not.toBe(causes[1]!.severity)
    expect(causes[0]!.kind).toBe('schema-enum-value-added')
    expect(result.summary.modified).toBe(3)
    const put = result.modified.find((entry) => entry.operation.key === 'PUT /status')!
    expect(put.changes).toEqual([causes[1]])
    expect(put.changes[0]).toBe(causes[1])
  })

  it('compares each component pair once per direction, however many operations reach it', () => {
    const { stats } = diffOpenApiWithStats(petStore({ type: ['string'] }), petStore({ type: ['integer'] }))
    // Pet and Owner changed (Pet reaches Owner); each compared for requests and for responses. Tag is skipped by hash.
    expect(stats.componentComparisons).toBe(4)
    expect(stats.unchangedPairs).toBeGreaterThan(0)
  })

  it('never compares components whose hashes did not change', () => {
    const { changeSet, stats } = diffOpenApiWithStats(petStore({ type: ['string'] }), petStore({ type: ['string'] }, { summary: 'List pets' }))
    expect(changeSet.changes.map((change) => change.kind)).toEqual(['operation-summary-added'])
    expect(stats.componentComparisons).toBe(0)
  })

  it('follows a self-referencing schema without looping', () => {
    const tree = (label: SchemaNode) =>
      snapshot({
        schemas: { '#/components/schemas/Node': object({ label, children: { type: ['array'], items: ref('Node') }, parent: ref('Node') }) },
        operations: [op('get', '/tree', { responses: { '200': response(ref('Node')) } })],
      })
    const result = diffOpenApi(tree({ type: ['string'] }), tree({ type: ['string'], maxLength: 10 }))
    expect(result.changes.map((change) => `${change.kind}:${change.severity}`)).toEqual(['schema-property-max-length-added:info'])
  })

  it('compares a renamed component against the old one', () => {
    const build = (name: string) =>
      snapshot({
        schemas: { [`#/components/schemas/${name}`]: object({ id: { type: name === 'Pet' ? ['string'] : ['integer'] } }) },
        operations: [op('get', '/pets/{id}', { responses: { '200': response(ref(name)) } })],
      })
    const result = diffOpenApi(build('Pet'), build('Animal'))
    const change = result.changes.find((entry) => entry.kind === 'schema-property-type-changed')
    expect(change).toMatchObject({ component: '#/components/schemas/Animal', severity: 'breaking' })
  })

  it('compares a $ref against an inline schema by looking the component up', () => {
    const components = { '#/components/schemas/Pet': object({ id: { type: ['string'] } }) }
    const before = snapshot({ schemas: components, operations: [op('get', '/p', { responses: { '200': response(ref('Pet')) } })] })
    const after = snapshot({ schemas: components, operations: [op('get', '/p', { responses: { '200': response(object({ id: { type: ['integer'] } })) } })] })
    expect(diffOpenApi(before, after).changes.map((change) => change.kind)).toEqual(['schema-property-type-changed'])
  })
})

describe('OpenAPI rules: keywords next to a $ref', () => {
  const build = (schema: SchemaNode) =>
    snapshot({
      schemas: { '#/components/schemas/User': object({ id: { type: ['string'] } }) },
      operations: [op('get', '/me', { responses: { '200': response(schema) } })],
    })

  it('compares a sibling with the component keyword it overrides', () => {
    const result = diffOpenApi(build({ $ref: '#/components/schemas/User', type: ['null', 'object'] }), build(ref('User')))
    expect(result.changes.map((change) => `${change.kind}:${change.severity}`)).toEqual(['schema-became-not-nullable:info'])
  })

  it('reads allOf with a single $ref as that $ref', () => {
    const result = diffOpenApi(build({ allOf: [ref('User')], description: 'Me' }), build({ ...ref('User'), description: 'Me' }))
    expect(result.changes).toEqual([])
  })

  it('sees a sibling added on the new side only', () => {
    const result = diffOpenApi(build(ref('User')), build({ ...ref('User'), maxProperties: 3 }))
    expect(result.changes.map((change) => `${change.kind}:${change.severity}`)).toEqual(['schema-max-properties-added:info'])
  })
})

describe('OpenAPI rules: reference cycles met inline', () => {
  it('compares a self-referencing component with an inline schema without looping', () => {
    const components = { '#/components/schemas/Node': object({ next: ref('Node'), value: { type: ['string'] } }) }
    const inline = object({ next: object({ next: object({ value: { type: ['integer'] } }) }) })
    const before = snapshot({ schemas: components, operations: [op('get', '/list', { responses: { '200': response(ref('Node')) } })] })
    const after = snapshot({ schemas: components, operations: [op('get', '/list', { responses: { '200': response(inline) } })] })
    const result = diffOpenApi(before, after)
    expect(result.changes.length).toBeGreaterThan(0)
    expect(result.changes.some((change) => change.location.join('/').endsWith('properties/next/properties/next/properties/value'))).toBe(true)
  })
})
