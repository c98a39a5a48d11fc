import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { changeSetFromJSON, changeSetToJSON } from '../src/diff/change-set-json.js'
import { diffDocuments, diffSnapshots } from '../src/formats/diff-documents.js'
import type { ChangeSet } from '../src/model/change.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { InvalidSpecError, ParseError } from '../src/errors/errors.js'
import { diffOpenApi } from '../src/formats/openapi/diff/index.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { SHARED_SPECS_DIR, sharedSnapshot, sharedSpecsPresent, sharedSpecsSkipNote } from './helpers/shared-specs.js'

const PAIRS_DIR = new URL('../../shared/fixtures/pairs/', import.meta.url).pathname
const pairsPresent = existsSync(PAIRS_DIR)

/**
 * What "by cause" promises of any change set: each cause once; a cause found in a shared part
 * lists each operation it reaches once, and exactly those operations' per-operation view refers
 * to that very object; the summary counts causes.
 */
function expectByCause(changeSet: ChangeSet): void {
  const causes = new Set(changeSet.changes)
  expect(causes.size).toBe(changeSet.changes.length)
  const modifiedByKey = new Map(changeSet.modified.map((entry) => [entry.operation.key, new Set(entry.changes)]))
  for (const entry of changeSet.modified) {
    for (const change of entry.changes) {
      expect(causes.has(change)).toBe(true)
      if (change.operations === undefined) expect(change.operation).toBe(entry.operation.key)
    }
  }
  const seen = new Set<string>()
  for (const change of changeSet.changes) {
    if (change.operations === undefined) continue
    expect(change.component).toBeDefined()
    expect(change.operation).toBeUndefined()
    const keys = change.operations.map((reach) => reach.operation)
    expect(new Set(keys).size).toBe(keys.length)
    for (const key of keys) expect(modifiedByKey.get(key)?.has(change)).toBe(true)
    // No two causes say the same thing at the same place with the same severity.
    const identity = JSON.stringify([change.kind, change.component, change.location, change.severity, change.message])
    expect(seen.has(identity)).toBe(false)
    seen.add(identity)
  }
  const counts = { breaking: 0, warning: 0, info: 0 }
  for (const change of changeSet.changes) counts[change.severity]++
  expect(changeSet.summary).toMatchObject({ ...counts, modified: changeSet.modified.length })
  expect(changeSet.summary.operations).toBe(changeSet.added.length + changeSet.removed.length + changeSet.modified.length)
}

describe.skipIf(!sharedSpecsPresent)(`changes by cause on real Stripe pairs${sharedSpecsSkipNote}`, () => {
  it('five days (2022-04-07 -> 2022-04-12): one added operation and five schema causes, each listing the operations it reaches', async () => {
    const changeSet = diffOpenApi(await sharedSnapshot('stripe.2022-04-07.json'), await sharedSnapshot('stripe.2022-04-12.json'))
    expectByCause(changeSet)
    expect(changeSet.added.map((operation) => operation.key)).toEqual(['POST /v1/payment_intents/{intent}/increment_authorization'])
    const componentCauses = changeSet.changes.filter((change) => change.component !== undefined)
    expect(componentCauses).toHaveLength(5)
    expect(componentCauses.every((change) => change.severity === 'info' && change.operations!.length === 416)).toBe(true)
    // The rest is the added operation and one new property in each of three inline request bodies.
    const direct = changeSet.changes.filter((change) => change.component === undefined)
    expect(direct.map((change) => change.kind).sort()).toEqual(['operation-added', 'schema-property-added', 'schema-property-added', 'schema-property-added'])
    expect(changeSet.summary).toEqual({ added: 1, removed: 0, modified: 416, breaking: 0, warning: 0, info: 9, operations: 417 })
  })

  it('an operation whose own definition did not change is only attributed the components it reaches, as the full comparison would', async () => {
    const before = await sharedSnapshot('stripe.2022-04-07.json')
    const after = await sharedSnapshot('stripe.2022-04-12.json')
    const withoutOwnHashes = (snapshot: ApiSnapshot): ApiSnapshot => ({ ...snapshot, operations: snapshot.operations.map(({ ownHash: _ownHash, ...operation }) => operation) })
    expect(after.operations.every((operation) => typeof operation.ownHash === 'string')).toBe(true)
    expect(diffOpenApi(before, after)).toEqual(diffOpenApi(withoutOwnHashes(before), withoutOwnHashes(after)))
  })

  it('one year (2021-04 -> 2022-04-07): about a thousand causes where there were 87,210 per-operation records', async () => {
    const changeSet = diffOpenApi(await sharedSnapshot('stripe.2021-04.json'), await sharedSnapshot('stripe.2022-04-07.json'))
    expectByCause(changeSet)
    // 983 causes, plus 21 form-encoding changes since the normalizer keeps `encoding` (issue 12).
    expect(changeSet.changes.length).toBeLessThan(1050)
    const perOperation = changeSet.modified.reduce((sum, entry) => sum + entry.changes.length, 0)
    expect(perOperation).toBeGreaterThan(80_000)
    // One property added to payment_intent: one cause, hundreds of operations.
    const added = changeSet.changes.filter((change) => change.component === '#/components/schemas/payment_intent' && change.kind === 'schema-property-added')
    expect(added.length).toBeGreaterThan(0)
    expect(added.every((change) => change.operations!.length > 300)).toBe(true)
  })
})

/** The OpenAPI pairs of ../shared/fixtures/pairs. */
const OPENAPI_PAIRS = ['stripe-close', 'box', 'discord-3.1', 'twilio-api', 'kratos-2.0', 'alertmanager-2.0', 'netlify-2.0', 'twilio-events', 'openai-3.0']

function pairFiles(name: string): [string, string] {
  const ext = ['json', 'yaml', 'graphql'].find((candidate) => existsSync(`${PAIRS_DIR}${name}.old.${candidate}`)) ?? 'json'
  return [readFileSync(`${PAIRS_DIR}${name}.old.${ext}`, 'utf8'), readFileSync(`${PAIRS_DIR}${name}.new.${ext}`, 'utf8')]
}

describe.skipIf(!pairsPresent)(`changes by cause on the real pairs${pairsPresent ? '' : ` (skipped: ${PAIRS_DIR} not found)`}`, () => {
  for (const name of OPENAPI_PAIRS) {
    it(`${name}: every cause once, the per-operation view refers to the causes`, async () => {
      const [oldText, newText] = pairFiles(name)
      const changeSet = await diffDocuments(oldText, newText)
      expectByCause(changeSet)
    })
  }

  it('stripe-close: the optional property added is one info cause with every operation that reaches it', async () => {
    const changeSet = await diffDocuments(...pairFiles('stripe-close'), { type: 'openapi' })
    const added = changeSet.changes.filter((change) => change.component !== undefined && change.kind === 'schema-property-added')
    expect(added).toHaveLength(1)
    expect(added[0]!.severity).toBe('info')
    expect(added[0]!.operations!.length).toBeGreaterThan(100)
  })

  it('linear (GraphQL): shared-type changes are causes listing root fields, no per-operation summaries', async () => {
    const changeSet = await diffDocuments(...pairFiles('linear'))
    expectByCause(changeSet)
    expect(changeSet.changes.some((change) => change.kind === 'reached-types-changed')).toBe(false)
    expect(changeSet.changes.some((change) => (change.operations?.length ?? 0) > 1)).toBe(true)
  })
})

const PETS = (extra: string) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Pets', version: '1' },
    paths: {
      '/pets': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } } } },
      '/pets/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
        },
      },
    },
    components: { schemas: { Pet: { type: 'object', properties: { id: { type: 'string' }, ...JSON.parse(extra) } } } },
  })

const POSTMAN = (method: string) =>
  JSON.stringify({
    info: { name: 'Pets', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [{ name: 'List pets', request: { method, url: 'https://api.example.com/pets' } }, { name: 'Ping', request: { method: 'GET', url: 'https://api.example.com/ping' } }],
  })

describe('diffDocuments', () => {
  it('compares two OpenAPI texts, detecting the type or told it', async () => {
    const before = PETS('{}')
    const after = PETS('{"name":{"type":"string"}}')
    for (const changeSet of [await diffDocuments(before, after), await diffDocuments(before, after, { type: 'openapi' })]) {
      expect(changeSet.changes).toHaveLength(1)
      expect(changeSet.changes[0]).toMatchObject({ kind: 'schema-property-added', component: '#/components/schemas/Pet' })
      expect(changeSet.changes[0]!.operations!.map((reach) => reach.operation)).toEqual(['GET /pets', 'GET /pets/{id}'])
      expect(changeSet.summary).toMatchObject({ modified: 2, info: 1 })
    }
  })

  it('compares two GraphQL SDL texts, detecting the type or told it', async () => {
    const before = 'type Query { me: User, user(id: ID!): User } type User { id: ID!, name: String, email: String }'
    const after = before.replace(', email: String', '')
    for (const changeSet of [await diffDocuments(before, after), await diffDocuments(before, after, { type: 'graphql' })]) {
      expect(changeSet.summary).toMatchObject({ breaking: 1, modified: 2 })
      expect(changeSet.changes).toHaveLength(1)
    }
  })

  it('compares two Postman collections, detecting the type or told it', async () => {
    for (const changeSet of [await diffDocuments(POSTMAN('GET'), POSTMAN('POST')), await diffDocuments(POSTMAN('GET'), POSTMAN('POST'), { type: 'postman' })]) {
      expect(changeSet.summary).toMatchObject({ added: 1, removed: 1 })
    }
  })

  it('finds nothing between a document and itself reformatted', async () => {
    const text = PETS('{}')
    const changeSet = await diffDocuments(text, JSON.stringify(JSON.parse(text), null, 2))
    expect(changeSet.changes).toEqual([])
    expect(changeSet.summary.operations).toBe(0)
  })

  it('names the side that failed: a syntax error is PARSE_ERROR, a document of another kind INVALID_SPEC', async () => {
    const good = PETS('{}')
    const broken = await diffDocuments(good, '{"openapi": "3.0.3",').catch((error: unknown) => error)
    expect(broken).toBeInstanceOf(ParseError)
    expect(broken).toMatchObject({ code: 'PARSE_ERROR', sourceId: 'new' })
    expect((broken as Error).message).toContain('"new"')
    const unknown = await diffDocuments('{"hello": "world"}', good).catch((error: unknown) => error)
    expect(unknown).toBeInstanceOf(InvalidSpecError)
    expect(unknown).toMatchObject({ code: 'INVALID_SPEC', sourceId: 'old' })
    const mixed = await diffDocuments(good, POSTMAN('GET')).catch((error: unknown) => error)
    expect(mixed).toMatchObject({ code: 'INVALID_SPEC' })
    expect((mixed as Error).message).toMatch(/old document is an OpenAPI document and the new document is a Postman collection/)
    const wrongType = await diffDocuments(good, good, { type: 'postman' }).catch((error: unknown) => error)
    expect(wrongType).toMatchObject({ code: 'INVALID_SPEC', sourceId: 'old' })
  })
})

describe('diffSnapshots', () => {
  it('compares normalized snapshots with their format, and refuses two kinds', async () => {
    const read = async (text: string) => ({ ...(await openapiFormat.normalize(text, { sourceId: 's' })).snapshot, fingerprint: '' })
    const before = await read(PETS('{}'))
    const after = await read(PETS('{"name":{"type":"string"}}'))
    expect(diffSnapshots(before, after).changes.map((change) => change.kind)).toEqual(['schema-property-added'])
    expect(() => diffSnapshots(before, { ...after, type: 'postman' })).toThrow(InvalidSpecError)
  })
})

describe('changeSetToJSON', () => {
  it('writes each cause once and the per-operation view as indexes into it', async () => {
    const changeSet = await diffDocuments(PETS('{}'), PETS('{"name":{"type":"string"}}'))
    const json = changeSetToJSON(changeSet)
    expect(json).toMatchObject({ format: 'api-live-sync/change-set', version: 1, breaking: false, summary: changeSet.summary })
    expect(json.changes).toHaveLength(1)
    expect(json.modified.map((entry) => [entry.operation.key, entry.changes])).toEqual([
      ['GET /pets', [0]],
      ['GET /pets/{id}', [0]],
    ])
    const text = JSON.stringify(json)
    expect(text.split('schema-property-added')).toHaveLength(2)
    const back = changeSetFromJSON(JSON.parse(text))
    expect(back.modified[1]!.changes[0]).toBe(back.changes[0])
    expect(back).toEqual(changeSet)
  })

  it.skipIf(!sharedSpecsPresent)('is far smaller than the per-operation repetition on Stripe five days', async () => {
    const before = readFileSync(`${SHARED_SPECS_DIR}stripe.2022-04-07.json`, 'utf8')
    const after = readFileSync(`${SHARED_SPECS_DIR}stripe.2022-04-12.json`, 'utf8')
    const changeSet = await diffDocuments(before, after)
    const compact = JSON.stringify(changeSetToJSON(changeSet)).length
    expect(compact * 3).toBeLessThan(JSON.stringify(changeSet).length)
  })
})
