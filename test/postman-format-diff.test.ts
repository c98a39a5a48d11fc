import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Change, ChangeSet } from '../src/model/change.js'
import { postmanFormat } from '../src/formats/postman/index.js'
import { sameJson } from '../src/shared/json.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { collectionText, folder, objectUrl, reExport, request } from './fixtures/postman-collection-builder.js'

const NESTED_V20 = readFileSync(new URL('./fixtures/postman.nested-v2.0.json', import.meta.url), 'utf8')

async function snapshotOf(text: string): Promise<ApiSnapshot> {
  const { snapshot } = await postmanFormat.normalize(text, { sourceId: 'postman-diff-test' })
  // The service fingerprints the canonical text; the diff does not read it.
  return { ...snapshot, fingerprint: 'not-used' }
}

async function diffTexts(before: string, after: string): Promise<ChangeSet> {
  return postmanFormat.diff(await snapshotOf(before), await snapshotOf(after))
}

/** Diff of two collections that each hold the given items. */
function diffItems(before: unknown[], after: unknown[], extraBefore: Record<string, unknown> = {}, extraAfter = extraBefore): Promise<ChangeSet> {
  return diffTexts(collectionText(before, extraBefore), collectionText(after, extraAfter))
}

/** `kind severity operation location` lines: compact and exact. */
function lines(changes: readonly Change[]): string[] {
  return changes.map((change) => `${change.kind} ${change.severity} ${change.operation ?? '-'} ${change.location.join('.')}`)
}

const customers = (fields: Record<string, unknown> = {}, name = 'Retrieve a customer') =>
  request(name, { url: objectUrl('v1/customers/:customer'), ...fields })

describe('postmanFormat.diff: operations', () => {
  it('reports nothing when only ids, key order and formatting changed', async () => {
    const reExported = JSON.stringify(reExport(JSON.parse(NESTED_V20), { reverseKeys: true, idPrefix: 'fresh' }), null, 8)
    const changes = await diffTexts(NESTED_V20, reExported)
    expect(changes.changes).toEqual([])
    expect(changes.summary).toEqual({ added: 0, removed: 0, modified: 0, breaking: 0, warning: 0, info: 0, operations: 0 })
  })

  it('reports an added request as info and a removed one as breaking, breaking first', async () => {
    const list = request('List customers', { url: objectUrl('v1/customers') })
    const create = request('Create a customer', { method: 'POST', url: objectUrl('v1/customers') })
    const changes = await diffItems([list, customers()], [customers(), create])
    expect(lines(changes.changes)).toEqual([
      'operation-removed breaking GET /v1/customers ',
      'operation-added info POST /v1/customers ',
    ])
    expect(changes.added).toEqual([{ key: 'POST /v1/customers', method: 'POST', path: '/v1/customers', summary: 'Create a customer' }])
    expect(changes.removed.map((operation) => operation.key)).toEqual(['GET /v1/customers'])
    expect(changes.breaking).toBe(true)
  })

  it('treats a renamed path variable as the same request (:id -> :customer)', async () => {
    const before = request('Retrieve', { url: '{{baseUrl}}/v1/customers/:id' })
    const after = request('Retrieve', { url: '{{baseUrl}}/v1/customers/{{customer}}' })
    const changes = await diffItems([before], [after])
    expect(changes.added).toEqual([])
    expect(changes.removed).toEqual([])
    expect(lines(changes.changes)).toEqual(['request-parameter-renamed info GET /v1/customers/{customer} parameters.path.customer'])
    expect(changes.changes[0]).toMatchObject({ before: 'id', after: 'customer' })
  })
})

describe('postmanFormat.diff: request rules', () => {
  it('request-parameter-changed when a path variable is described differently', async () => {
    const retrieve = (description: string) =>
      request('Retrieve', { url: objectUrl('v1/customers/:customer', { variable: [{ key: 'customer', value: '<string>', description }] }) })
    const changes = await diffItems([retrieve('The customer')], [retrieve('(Required) The customer ID')])
    expect(lines(changes.changes)).toEqual(['request-parameter-changed info GET /v1/customers/{customer} parameters.path.customer'])
    expect(changes.changes[0]!.message).toBe('Path parameter "customer" of GET /v1/customers/{customer} ("Retrieve") changed its description')
  })

  it('summary-changed when a request is renamed (not an addition plus a removal)', async () => {
    const changes = await diffItems([customers({}, 'Get customer')], [customers({}, 'Retrieve a customer')])
    expect(lines(changes.changes)).toEqual(['summary-changed info GET /v1/customers/{customer} summary'])
    expect(changes.changes[0]).toMatchObject({ before: 'Get customer', after: 'Retrieve a customer' })
    expect(changes.modified.map((entry) => entry.operation.summary)).toEqual(['Retrieve a customer'])
  })

  it('operation-folder-changed when a request moves to another folder', async () => {
    const changes = await diffItems([folder('Customers', [customers()])], [folder('Billing', [folder('Customers', [customers()])])])
    expect(lines(changes.changes)).toEqual(['operation-folder-changed info GET /v1/customers/{customer} folder'])
    expect(changes.changes[0]).toMatchObject({ before: ['Customers'], after: ['Billing', 'Customers'] })
  })

  it('description-changed', async () => {
    const changes = await diffItems(
      [customers({ description: 'Old text' })],
      [customers({ description: { content: 'New text', type: 'text/plain' } })],
    )
    expect(lines(changes.changes)).toEqual(['description-changed info GET /v1/customers/{customer} description'])
  })

  it('request-parameter-added (info), -removed (warning) and -changed (info) for query rows', async () => {
    const withQuery = (query: unknown[]) => request('List', { url: objectUrl('v1/customers', { query }) })
    const changes = await diffItems(
      [withQuery([{ key: 'limit', value: '10' }, { key: 'email', value: '<string>' }])],
      [withQuery([{ key: 'limit', value: '10', disabled: true }, { key: 'created', value: '<integer>' }])],
    )
    expect(lines(changes.changes)).toEqual([
      'request-parameter-removed warning GET /v1/customers parameters.query.email',
      'request-parameter-added info GET /v1/customers parameters.query.created',
      'request-parameter-changed info GET /v1/customers parameters.query.limit',
    ])
    expect(changes.changes[2]!.message).toBe('Query parameter "limit" of GET /v1/customers ("List") was disabled')
    expect(changes.breaking).toBe(false)
  })

  it('request-header-added (info) and request-header-removed (warning), names compared case-insensitively', async () => {
    const withHeaders = (header: unknown[]) => customers({ header })
    const changes = await diffItems(
      [withHeaders([{ key: 'Stripe-Account', value: '<string>' }, { key: 'Accept', value: 'application/json' }])],
      [withHeaders([{ key: 'accept', value: 'application/json' }, { key: 'Idempotency-Key', value: '<string>' }])],
    )
    expect(lines(changes.changes)).toEqual([
      'request-header-removed warning GET /v1/customers/{customer} parameters.header.Stripe-Account',
      'request-header-changed info GET /v1/customers/{customer} parameters.header.accept',
      'request-header-added info GET /v1/customers/{customer} parameters.header.Idempotency-Key',
    ])
    expect(changes.changes[1]!.message).toContain('changed its name')
  })

  it('request-body-media-type-changed (breaking) when the body mode or the raw language changes', async () => {
    const create = (body: Record<string, unknown>) => request('Create', { method: 'POST', url: objectUrl('v1/customers'), body })
    const json = create({ mode: 'raw', raw: '{"name":"x"}', options: { raw: { language: 'json' } } })
    const xml = create({ mode: 'raw', raw: '<name>x</name>', options: { raw: { language: 'xml' } } })
    const form = create({ mode: 'urlencoded', urlencoded: [{ key: 'name', value: 'x' }] })
    const toForm = await diffItems([json], [form])
    expect(lines(toForm.changes)).toEqual(['request-body-media-type-changed breaking POST /v1/customers requestBody'])
    expect(toForm.changes[0]).toMatchObject({
      before: { mode: 'raw', mediaType: 'application/json' },
      after: { mode: 'urlencoded', mediaType: 'application/x-www-form-urlencoded' },
    })
    const toXml = await diffItems([json], [xml])
    expect(lines(toXml.changes)).toEqual(['request-body-media-type-changed breaking POST /v1/customers requestBody'])
    expect(toXml.breaking).toBe(true)
  })

  it('request-body-changed (info) when only the raw example text changes', async () => {
    const create = (raw: string) =>
      request('Create', { method: 'POST', url: objectUrl('v1/customers'), body: { mode: 'raw', raw, options: { raw: { language: 'json' } } } })
    const changes = await diffItems([create('{"name":"x"}')], [create('{"name":"x","email":"y"}')])
    expect(lines(changes.changes)).toEqual(['request-body-changed info POST /v1/customers requestBody.application/json'])
    expect(changes.changes[0]).toMatchObject({ before: '{"name":"x"}', after: '{"name":"x","email":"y"}' })
  })

  it('request-body-added / -removed (warning) when a request starts or stops sending a body', async () => {
    const update = (body?: Record<string, unknown>) =>
      request('Update', { method: 'POST', url: objectUrl('v1/customers/:customer'), ...(body ? { body } : {}) })
    const body = { mode: 'urlencoded', urlencoded: [{ key: 'name', value: 'x' }] }
    expect(lines((await diffItems([update()], [update(body)])).changes)).toEqual([
      'request-body-added warning POST /v1/customers/{customer} requestBody',
    ])
    expect(lines((await diffItems([update(body)], [update()])).changes)).toEqual([
      'request-body-removed warning POST /v1/customers/{customer} requestBody',
    ])
  })

  it('form fields added (info), removed (warning) and changed (info)', async () => {
    const update = (urlencoded: unknown[]) => request('Update', { method: 'POST', url: objectUrl('v1/customers/:customer'), body: { mode: 'urlencoded', urlencoded } })
    const changes = await diffItems(
      [update([{ key: 'name', value: '<string>' }, { key: 'phone', value: '<string>' }])],
      [update([{ key: 'name', value: '<string>', disabled: true }, { key: 'email', value: '<string>' }])],
    )
    expect(lines(changes.changes)).toEqual([
      'request-body-field-removed warning POST /v1/customers/{customer} requestBody.application/x-www-form-urlencoded.fields.phone',
      'request-body-field-added info POST /v1/customers/{customer} requestBody.application/x-www-form-urlencoded.fields.email',
      'request-body-field-changed info POST /v1/customers/{customer} requestBody.application/x-www-form-urlencoded.fields.name',
    ])
  })

  it('auth-changed (warning) on the request itself and through an inherited collection auth', async () => {
    const bearer = { type: 'bearer', bearer: [{ key: 'token', value: 'SECRET_A' }] }
    const basic = { type: 'basic', basic: [{ key: 'username', value: 'u' }, { key: 'password', value: 'SECRET_B' }] }
    const own = await diffItems([customers({ auth: bearer })], [customers({ auth: basic })])
    expect(lines(own.changes)).toEqual(['auth-changed warning GET /v1/customers/{customer} auth'])
    expect(own.changes[0]).toMatchObject({ before: { type: 'bearer', keys: ['token'] }, after: { type: 'basic', keys: ['password', 'username'] } })
    expect(JSON.stringify(own)).not.toContain('SECRET')
    const inherited = await diffItems([customers(), request('List', { url: objectUrl('v1/customers') })], [customers(), request('List', { url: objectUrl('v1/customers') })], { auth: bearer }, { auth: basic })
    // One cause, set on the collection, reaching both requests; each request's view refers to it.
    expect(lines(inherited.changes)).toEqual(['auth-changed warning - auth'])
    const [cause] = inherited.changes
    expect(cause).toMatchObject({ component: '#/auth', message: 'The auth of the collection changed from bearer (token) to basic (password, username)' })
    expect(cause!.operations!.map((reach) => reach.operation).sort()).toEqual(['GET /v1/customers', 'GET /v1/customers/{customer}'])
    expect(inherited.summary).toMatchObject({ modified: 2, warning: 1 })
    expect(inherited.modified.every((entry) => entry.changes.length === 1 && entry.changes[0] === cause)).toBe(true)
    // A request that sets its own auth is its own cause, even when the collection's changes too.
    const ownAndInherited = await diffItems([customers({ auth: bearer }), request('List', { url: objectUrl('v1/customers') })], [customers({ auth: basic }), request('List', { url: objectUrl('v1/customers') })], { auth: bearer }, { auth: basic })
    expect(lines(ownAndInherited.changes)).toEqual(['auth-changed warning GET /v1/customers/{customer} auth', 'auth-changed warning - auth'])
    const tokenOnly = await diffItems([customers({ auth: bearer })], [customers({ auth: { type: 'bearer', bearer: [{ key: 'token', value: 'ROTATED' }] } })])
    expect(tokenOnly.changes).toEqual([])
  })

  it('operation-server-changed (warning) when a request moves to another host', async () => {
    const changes = await diffItems(
      [request('Upload', { method: 'POST', url: '{{baseUrl}}/v1/files' })],
      [request('Upload', { method: 'POST', url: 'https://files.example.com/v1/files' })],
    )
    expect(lines(changes.changes)).toEqual(['operation-server-changed warning POST /v1/files server'])
  })

  it('saved examples added, removed and changed are informational', async () => {
    const example = (code: number, body: string) => ({ name: `Example ${code}`, code, _postman_previewlanguage: 'json', body })
    const changes = await diffItems(
      [customers({}, 'Retrieve a customer')].map((item) => ({ ...item, response: [example(200, '{"id":1}'), example(404, '{}')] })),
      [customers({}, 'Retrieve a customer')].map((item) => ({ ...item, response: [example(200, '{"id":2}'), example(401, '{}')] })),
    )
    expect(lines(changes.changes)).toEqual([
      'response-example-changed info GET /v1/customers/{customer} responses.200',
      'response-status-added info GET /v1/customers/{customer} responses.401',
      'response-status-removed info GET /v1/customers/{customer} responses.404',
    ])
  })
})

describe('postmanFormat.diff: requests that share method and path', () => {
  it('pairs each of the six nested duplicates with itself: one rename is one summary-changed', async () => {
    const renamed = NESTED_V20.replace('"name": "F1.R2"', '"name": "F1.R2 renamed"')
    expect(renamed).not.toBe(NESTED_V20)
    const changes = await diffTexts(NESTED_V20, renamed)
    expect(lines(changes.changes)).toEqual(['summary-changed info GET /get summary'])
    expect(changes.changes[0]).toMatchObject({ before: 'F1.R2', after: 'F1.R2 renamed' })
  })

  it('reports a removed duplicate as removed and leaves its twins alone', async () => {
    const document = JSON.parse(NESTED_V20) as { item: Array<{ name: string; item?: Array<{ name: string }> }> }
    document.item[0]!.item = document.item[0]!.item!.filter((item) => item.name !== 'F1.R3')
    const changes = await diffTexts(NESTED_V20, JSON.stringify(document))
    expect(lines(changes.changes)).toEqual(['operation-removed breaking GET /get '])
    expect(changes.removed.map((operation) => operation.summary)).toEqual(['F1.R3'])
  })

  it('keeps a request paired when it gains a twin: only the twin is added', async () => {
    const original = customers({}, 'Retrieve a customer')
    const twin = folder('Legacy', [customers({}, 'Retrieve a customer (legacy)')])
    const changes = await diffItems([folder('Customers', [original])], [folder('Customers', [original]), twin])
    expect(lines(changes.changes)).toEqual(['operation-added info GET /v1/customers/{customer} '])
    expect(changes.added.map((operation) => operation.summary)).toEqual(['Retrieve a customer (legacy)'])
  })

  it('keeps a request paired when its twin goes away, even if it was renamed at the same time', async () => {
    const changes = await diffItems(
      [folder('Customers', [customers({}, 'Retrieve')]), folder('Legacy', [customers({}, 'Retrieve (legacy)')])],
      [folder('Customers', [customers({}, 'Retrieve a customer')])],
    )
    expect(lines(changes.changes)).toEqual([
      'operation-removed breaking GET /v1/customers/{customer} ',
      'summary-changed info GET /v1/customers/{customer} summary',
    ])
    expect(changes.removed.map((operation) => operation.summary)).toEqual(['Retrieve (legacy)'])
  })
})

describe('sameJson (how the diff compares values)', () => {
  it('ignores object key order and absent keys, but not array order or values', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true)
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(sameJson([1, 2], [2, 1])).toBe(false)
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false)
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(sameJson(null, {})).toBe(false)
    expect(sameJson([], {})).toBe(false)
  })
})
