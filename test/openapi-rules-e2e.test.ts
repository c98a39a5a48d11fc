import { describe, expect, it } from 'vitest'
import { diffOpenApi, diffOpenApiWithStats } from '../src/formats/openapi/diff/index.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { onlyChange } from './helpers/diff-assertions.js'
import { sharedSnapshot, sharedSpecsPresent, sharedSpecsSkipNote } from './helpers/shared-specs.js'

async function normalize(yaml: string): Promise<ApiSnapshot> {
  const { snapshot } = await openapiFormat.normalize(yaml, { sourceId: 'e2e' })
  return { ...snapshot, fingerprint: 'e2e' }
}

const BEFORE = `
openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
servers: [{ url: https://api.example.com/v1 }]
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - { name: limit, in: query, schema: { type: integer, maximum: 100 } }
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: { type: array, items: { $ref: '#/components/schemas/Pet' } }
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/NewPet' }
      responses:
        '201': { description: Created }
  /pets/{petId}:
    get:
      operationId: showPet
      parameters:
        - { name: petId, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
  /pets/search:
    get:
      operationId: searchPets
      responses:
        '200': { description: OK }
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: { type: string }
        name: { type: string }
        owner: { $ref: '#/components/schemas/Owner' }
    Owner:
      type: object
      properties:
        name: { type: string }
        pets: { type: array, items: { $ref: '#/components/schemas/Pet' } }
    NewPet:
      type: object
      required: [name]
      properties:
        name: { type: string, maxLength: 50 }
`

const AFTER = `
openapi: 3.0.3
info: { title: Pets, version: 1.1.0 }
servers: [{ url: https://api.example.com/v2 }]
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - { name: limit, in: query, schema: { type: integer, maximum: 50 } }
        - { name: species, in: query, required: true, schema: { type: string } }
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: { type: array, items: { $ref: '#/components/schemas/Pet' } }
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/NewPet' }
      responses:
        '201': { description: Created }
  /pets/{id}:
    get:
      operationId: showPet
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
  /pets/find:
    get:
      operationId: searchPets
      responses:
        '200': { description: OK }
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: { type: string }
        name: { type: string }
        owner: { $ref: '#/components/schemas/Owner' }
    Owner:
      type: object
      properties:
        name: { type: integer }
        pets: { type: array, items: { $ref: '#/components/schemas/Pet' } }
    NewPet:
      type: object
      required: [name, species]
      properties:
        name: { type: string, maxLength: 20 }
        species: { type: string }
`

describe('OpenAPI rules end to end (normalizer + diff on YAML documents)', () => {
  it('reports each rule with its operation, location and component', async () => {
    const result = diffOpenApi(await normalize(BEFORE), await normalize(AFTER))
    expect(result.added).toEqual([])
    expect(result.removed).toEqual([])

    expect(onlyChange(result, 'request-parameter-added')).toMatchObject({
      severity: 'breaking',
      operation: 'GET /pets',
      location: ['parameters', 'query', 'species'],
    })
    expect(onlyChange(result, 'request-parameter-maximum-decreased')).toMatchObject({ severity: 'breaking', before: 100, after: 50 })
    expect(onlyChange(result, 'operation-path-changed')).toMatchObject({ operation: 'GET /pets/find', before: 'GET /pets/search' })
    expect(onlyChange(result, 'path-parameter-renamed')).toMatchObject({ severity: 'info', operation: 'GET /pets/{id}', before: 'petId', after: 'id' })

    const ownerName = onlyChange(result, 'schema-property-type-changed')
    expect(ownerName).toMatchObject({ component: '#/components/schemas/Owner', severity: 'breaking', location: ['properties', 'name'] })
    expect(ownerName.operations!.map((reach) => reach.operation).sort()).toEqual(['GET /pets', 'GET /pets/{id}'])
    expect(ownerName.operations!.find((reach) => reach.operation === 'GET /pets/{id}')!.location).toEqual([
      'responses', '200', 'content', 'application/json', 'schema', 'properties', 'owner', 'properties', 'name',
    ])

    const post = result.modified.find((entry) => entry.operation.key === 'POST /pets')!
    expect(post.changes.map((change) => `${change.kind}:${change.severity}`).sort()).toEqual([
      'schema-property-added:breaking',
      'schema-property-max-length-decreased:breaking',
    ])
    expect(onlyChange(result, 'server-removed')).toMatchObject({ severity: 'warning', before: 'https://api.example.com/v1' })
    expect(onlyChange(result, 'api-version-changed').severity).toBe('info')
    expect(result.changes.findIndex((change) => change.severity !== 'breaking')).toBe(result.summary.breaking)
  })

  it('finds nothing between a document and itself reformatted', async () => {
    const reordered = BEFORE.replace('operationId: listPets\n      parameters:', 'parameters:').replace(
      "        - { name: limit, in: query, schema: { type: integer, maximum: 100 } }\n",
      "        - { in: query, schema: { maximum: 100, type: integer }, name: limit }\n      operationId: listPets\n",
    )
    expect(reordered).not.toBe(BEFORE)
    expect(diffOpenApi(await normalize(BEFORE), await normalize(reordered)).changes).toEqual([])
  })
})

describe.skipIf(!sharedSpecsPresent)(`OpenAPI rules on real specs${sharedSpecsSkipNote}`, () => {
  it('Stripe 2022-04-07 -> 2022-04-12: one new property reaches every operation, each component compared once', async () => {
    const before = await sharedSnapshot('stripe.2022-04-07.json')
    const after = await sharedSnapshot('stripe.2022-04-12.json')
    const { changeSet, stats } = diffOpenApiWithStats(before, after)
    const component = '#/components/schemas/payment_method_details_card_present'
    const reached = changeSet.changes.filter((change) => change.kind === 'schema-property-added' && change.component === component)
    // One cause, listing the 416 operations it reaches, each located from the operation.
    expect(reached).toHaveLength(1)
    const operations = reached[0]!.operations!
    expect(new Set(operations.map((reach) => reach.operation)).size).toBe(416)
    expect(operations.every((reach) => reach.location.at(-1) === 'incremental_authorization_supported')).toBe(true)
    expect(reached[0]).toMatchObject({ severity: 'info', location: ['properties', 'incremental_authorization_supported'] })
    expect(changeSet.added.map((ref) => ref.key)).toHaveLength(1)
    expect(changeSet.summary.modified).toBe(416)
    expect(changeSet.breaking).toBe(false)
    // 561 components, two directions: only the pairs whose Merkle hash moved are compared, once each.
    expect(stats.componentComparisons).toBeLessThan(200)
  })

  it('Stripe JSON and YAML of one commit: no changes', async () => {
    const result = diffOpenApi(await sharedSnapshot('stripe.2022-04-12.json'), await sharedSnapshot('stripe.2022-04-12.yaml'))
    expect(result.changes).toEqual([])
  })

  it('GitHub 2020-07 -> 2021-01: the four renamed path parameters are info changes of the same operations', async () => {
    const result = diffOpenApi(await sharedSnapshot('github-api.2020-07.json'), await sharedSnapshot('github-api.2021-01.json'))
    const renames = result.changes.filter((change) => change.kind === 'path-parameter-renamed')
    expect(renames.map((change) => change.operation).sort()).toEqual([
      'GET /enterprises/{enterprise}/settings/billing/actions',
      'GET /enterprises/{enterprise}/settings/billing/packages',
      'GET /enterprises/{enterprise}/settings/billing/shared-storage',
      'GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}',
    ])
    expect(renames.every((change) => change.severity === 'info')).toBe(true)
    expect(result.removed).toEqual([])
    const renamedOperations = new Set(renames.map((change) => change.operation))
    const parameterChurn = result.changes.filter(
      (change) => renamedOperations.has(change.operation) && /^request-parameter-(added|removed)$/.test(change.kind),
    )
    expect(parameterChurn).toEqual([])
  })
})
