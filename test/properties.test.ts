import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stringify as toYaml } from 'yaml'
import { generateCollection, mergeCollection, toPostmanCollection, type Collection } from '../src/collections/index.js'
import type { ChangeSet } from '../src/model/change.js'
import { sha256Hex } from '../src/formats/hash.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { postmanFormat } from '../src/formats/postman/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import type { SpecFormat } from '../src/formats/types.js'
import { collectionArbitrary } from './helpers/collections-arbitraries.js'
import { deepFreeze } from './helpers/collections-snapshots.js'
import { mulberry32, shuffleKeys } from './helpers/seeded-random.js'

/**
 * Properties of the diff, the fingerprint and the three-way merge, over small generated documents:
 * OpenAPI documents built from a vocabulary small enough that two of them share operations, schemas
 * that reference each other (cycles included), and arbitrary collections. Each property stays under
 * a few seconds: modest numRuns, small documents.
 */

// ── generated OpenAPI documents ─────────────────────────────────────────────────────────────

type Json = Record<string, unknown>

const propertyName = fc.constantFrom('id', 'name', 'status', 'tags', 'owner', 'createdAt', 'size')
const componentRef = fc.constantFrom('#/components/schemas/Pet', '#/components/schemas/Owner').map((ref) => ({ $ref: ref }))

const scalarSchema: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ type: fc.constant('string'), format: fc.constantFrom('date-time', 'uuid', 'email') }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('string'), enum: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'on', '1'), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constantFrom('integer', 'number'), minimum: fc.integer({ min: -5, max: 5 }), maximum: fc.integer({ min: 6, max: 100 }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('boolean'), description: fc.constantFrom('flag', 'yes or no') }, { requiredKeys: ['type'] }),
)

const { schema: schemaArbitrary } = fc.letrec<{ schema: Json; object: Json; array: Json }>((tie) => ({
  schema: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarSchema, componentRef, tie('array'), tie('object')),
  array: fc.record({ type: fc.constant('array'), items: tie('schema') }),
  object: fc
    .tuple(fc.dictionary(propertyName, tie('schema'), { maxKeys: 4 }), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), fc.boolean())
    .map(([properties, requiredMask, additional]) => {
      const required = Object.keys(properties).filter((_name, index) => requiredMask[index])
      return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), ...(additional ? { additionalProperties: false } : {}) }
    }),
}))

const pathSegment = fc.oneof(fc.constantFrom('pets', 'owners', 'orders', 'v1'), fc.constantFrom('{id}', '{petId}', '{ownerId}'))
const path = fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((segments) => `/${segments.join('/')}`)
const method = fc.constantFrom('get', 'post', 'put', 'delete', 'patch')

const parameter = fc.record({
  name: fc.constantFrom('limit', 'offset', 'q', 'X-Request-Id', 'sort'),
  in: fc.constantFrom('query', 'header'),
  required: fc.boolean(),
  schema: scalarSchema,
})

const responses = fc.dictionary(
  fc.constantFrom('200', '201', '204', '400', '404', 'default'),
  fc.record({ description: fc.constantFrom('ok', 'error', 'created'), content: fc.option(schemaArbitrary.map((schema) => ({ 'application/json': { schema } })), { nil: undefined }) }, { requiredKeys: ['description'] }),
  { minKeys: 1, maxKeys: 3 },
)

interface GeneratedOperation {
  path: string
  method: string
  operation: Json
}

const operation: fc.Arbitrary<GeneratedOperation> = fc
  .record({
    path,
    method,
    operationId: fc.option(fc.constantFrom('listPets', 'getPet', 'createPet', 'deleteOwner', 'updateOrder'), { nil: undefined }),
    summary: fc.option(fc.constantFrom('List', 'Get one', 'Create'), { nil: undefined }),
    deprecated: fc.boolean(),
    parameters: fc.uniqueArray(parameter, { maxLength: 3, selector: (entry) => `${entry.in}:${entry.name.toLowerCase()}` }),
    requestBody: fc.option(fc.record({ required: fc.boolean(), content: schemaArbitrary.map((schema) => ({ 'application/json': { schema } })) }), { nil: undefined }),
    responses,
  })
  .map(({ path: template, method: verb, parameters, operationId, summary, requestBody, ...rest }) => {
    const pathParameters = [...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }))
    const body = verb === 'get' || verb === 'delete' ? {} : requestBody === undefined ? {} : { requestBody }
    const operation: Json = { ...rest, parameters: [...pathParameters, ...parameters], ...body }
    if (operationId !== undefined) operation['operationId'] = operationId
    if (summary !== undefined) operation['summary'] = summary
    return { path: template, method: verb, operation }
  })

/** Path params named alike or not, `/pets/{id}` and `/pets/{petId}` are one path: keep the first. */
const identityOf = (entry: GeneratedOperation) => `${entry.method} ${entry.path.replace(/\{\w+\}/g, '{}')}`

const documentArbitrary: fc.Arbitrary<Json> = fc
  .record({
    openapi: fc.constantFrom('3.0.3', '3.1.0'),
    version: fc.constantFrom('1.0.0', '2.0.0'),
    operations: fc.uniqueArray(operation, { maxLength: 6, selector: identityOf }),
    pet: schemaArbitrary,
    owner: schemaArbitrary,
  })
  .map(({ openapi, version, operations, pet, owner }) => {
    const paths: Record<string, Json> = {}
    const templates = new Map<string, string>()
    for (const entry of operations) {
      // Every operation of one path template spells its parameters like the first one did.
      const identity = entry.path.replace(/\{\w+\}/g, '{}')
      const template = templates.get(identity) ?? entry.path
      templates.set(identity, template)
      if (template !== entry.path) continue
      paths[template] = { ...(paths[template] ?? {}), [entry.method]: entry.operation }
    }
    return { openapi, info: { title: 'Generated', version }, paths, components: { schemas: { Pet: pet, Owner: owner } } }
  })

/** Normalizes and fingerprints like the service does. */
async function snapshotOf(format: SpecFormat, text: string, contentType?: string): Promise<ApiSnapshot & { canonical: string }> {
  const { snapshot, canonical } = await format.normalize(text, { sourceId: 'property', contentType })
  return { ...snapshot, fingerprint: await sha256Hex(canonical), canonical }
}

/** The same document written another way: keys shuffled, then compact JSON, indented JSON or YAML. */
function reformat(document: unknown, seed: number, style: 'compact' | 'indented' | 'yaml'): { text: string; contentType: string } {
  const shuffled = shuffleKeys(document, mulberry32(seed))
  if (style === 'yaml') return { text: toYaml(shuffled), contentType: 'application/yaml' }
  return { text: JSON.stringify(shuffled, null, style === 'indented' ? '\t' : undefined), contentType: 'application/json' }
}

function expectNoChange(changes: ChangeSet): void {
  expect(changes.changes).toEqual([])
  expect(changes.added).toEqual([])
  expect(changes.removed).toEqual([])
  expect(changes.modified).toEqual([])
  expect(changes.breaking).toBe(false)
  expect(changes.summary).toEqual({ added: 0, removed: 0, modified: 0, breaking: 0, warning: 0, info: 0, operations: 0 })
}

const keys = (refs: Array<{ key: string }>) => refs.map((ref) => ref.key).sort()

/** Diffs two documents both ways and checks that swapping the arguments swaps added and removed, and keeps the number modified. */
async function expectSwapMirrorsDiff(format: SpecFormat, first: unknown, second: unknown) {
  const a = await snapshotOf(format, JSON.stringify(first))
  const b = await snapshotOf(format, JSON.stringify(second))
  const forward = format.diff(a, b)
  const backward = format.diff(b, a)
  expect(keys(forward.added)).toEqual(keys(backward.removed))
  expect(keys(forward.removed)).toEqual(keys(backward.added))
  expect(forward.modified.length).toBe(backward.modified.length)
  return { a, b, forward, backward }
}

const style = fc.constantFrom('compact', 'indented', 'yaml') as fc.Arbitrary<'compact' | 'indented' | 'yaml'>

describe('diff properties (OpenAPI, generated documents)', () => {
  it('a document diffed with itself, or with a reformatted copy of itself, yields no change', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary, fc.integer(), style, async (document, seed, how) => {
        const original = await snapshotOf(openapiFormat, JSON.stringify(document))
        expectNoChange(openapiFormat.diff(original, original))
        const copy = reformat(document, seed, how)
        const reread = await snapshotOf(openapiFormat, copy.text, copy.contentType)
        expectNoChange(openapiFormat.diff(original, reread))
      }),
      { numRuns: 100 },
    )
  })

  it('fingerprints are invariant under key reordering and reformatting (JSON or YAML)', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary, fc.integer(), style, async (document, seed, how) => {
        const original = await snapshotOf(openapiFormat, JSON.stringify(document))
        const copy = reformat(document, seed, how)
        const reread = await snapshotOf(openapiFormat, copy.text, copy.contentType)
        expect(reread.canonical).toBe(original.canonical)
        expect(reread.fingerprint).toBe(original.fingerprint)
      }),
      { numRuns: 100 },
    )
  })

  it('swapping the arguments swaps added and removed, and keeps the number of modified operations', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary, documentArbitrary, async (first, second) => {
        const { a, b, forward, backward } = await expectSwapMirrorsDiff(openapiFormat, first, second)
        expect(forward.summary.added).toBe(backward.summary.removed)
        // Nothing is both added and removed, and an identical pair is never "modified".
        expect(keys(forward.added).filter((key) => keys(forward.removed).includes(key))).toEqual([])
        if (a.fingerprint === b.fingerprint) expectNoChange(forward)
      }),
      { numRuns: 150 },
    )
  })
})

describe('diff properties (Postman, generated collections)', () => {
  /** A collection as Postman JSON, the way a server would serve it. */
  const postmanDocument = collectionArbitrary.map((collection) => toPostmanCollection(collection) as unknown)

  it('a collection diffed with itself yields no change, and its fingerprint ignores key order and formatting', async () => {
    await fc.assert(
      fc.asyncProperty(postmanDocument, fc.integer(), fc.constantFrom('compact', 'indented') as fc.Arbitrary<'compact' | 'indented'>, async (document, seed, how) => {
        const original = await snapshotOf(postmanFormat, JSON.stringify(document))
        expectNoChange(postmanFormat.diff(original, original))
        const copy = reformat(document, seed, how)
        const reread = await snapshotOf(postmanFormat, copy.text, copy.contentType)
        expect(reread.fingerprint).toBe(original.fingerprint)
        expectNoChange(postmanFormat.diff(original, reread))
      }),
      { numRuns: 60 },
    )
  })

  it('swapping the arguments swaps added and removed', async () => {
    await fc.assert(
      fc.asyncProperty(postmanDocument, postmanDocument, async (first, second) => {
        await expectSwapMirrorsDiff(postmanFormat, first, second)
      }),
      { numRuns: 60 },
    )
  })
})

// ── merge properties ─────────────────────────────────────────────────────────────────────────

const emptyReport = { added: [], updated: [], removed: [], conflicts: [], updatedFields: {}, renamed: [] }

/** Merging a collection with itself (as base, current and incoming) gives it back with an empty report. */
function expectSelfMergeUnchanged(collection: Collection): void {
  const frozen = deepFreeze(structuredClone(collection))
  const { collection: merged, report } = mergeCollection({ base: frozen, current: frozen, incoming: frozen })
  expect(merged).toEqual(collection)
  expect(report).toEqual(emptyReport)
}

/** A user's edits to a collection, applied to a copy: names, values, auth, URLs, deletions and additions. */
type Edit =
  | { kind: 'rename'; at: number; name: string }
  | { kind: 'param'; at: number; value: string }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; name: string }
  | { kind: 'auth'; at: number }
  | { kind: 'url'; at: number; url: string }

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('param' as const), at: fc.nat(), value: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), name: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('auth' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('url' as const), at: fc.nat(), url: fc.constantFrom('http://localhost:3000/x', '{{baseUrl}}/other/{id}') }),
)

function applyEdits(collection: Collection, edits: readonly Edit[]): Collection {
  const copy = structuredClone(collection)
  const requests = () => {
    const found: Array<{ list: Collection['items']; index: number }> = []
    const walk = (items: Collection['items']) =>
      items.forEach((item, index) => (item.type === 'folder' ? walk(item.items) : found.push({ list: items, index })))
    walk(copy.items)
    return found
  }
  for (const edit of edits) {
    if (edit.kind === 'add') {
      copy.items.push({ type: 'request', id: `user-${copy.items.length}-${edit.name}`, name: edit.name, method: 'GET', url: 'https://example.test/mine', params: [], headers: [] })
      continue
    }
    const all = requests()
    if (all.length === 0) continue
    const { list, index } = all[edit.at % all.length]!
    const request = list[index]
    if (request?.type !== 'request') continue
    if (edit.kind === 'delete') list.splice(index, 1)
    else if (edit.kind === 'rename') request.name = edit.name
    else if (edit.kind === 'auth') request.auth = { type: 'bearer', token: '{{token}}' }
    else if (edit.kind === 'url') request.url = edit.url
    else if (request.params[0] !== undefined) request.params[0] = { ...request.params[0], value: edit.value }
    else request.params.push({ key: 'mine', value: edit.value, enabled: true })
  }
  return copy
}

/** Every object and array reachable from `value`. */
function objectsOf(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value !== 'object' || value === null || into.has(value)) return into
  into.add(value)
  for (const child of Object.values(value)) objectsOf(child, into)
  return into
}

describe('mergeCollection properties', () => {
  it('with identical inputs returns its input and an empty report (arbitrary collections)', () => {
    fc.assert(
      fc.property(collectionArbitrary, (collection) => {
        expectSelfMergeUnchanged(collection)
      }),
      { numRuns: 200 },
    )
  })

  it('with identical inputs returns its input and an empty report (collections generated from documents)', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary, async (document) => {
        const collection = generateCollection(await snapshotOf(openapiFormat, JSON.stringify(document)))
        expectSelfMergeUnchanged(collection)
      }),
      { numRuns: 60 },
    )
  })

  it('returns the user\'s collection untouched when the spec did not change, whatever the user edited', async () => {
    await fc.assert(
      fc.asyncProperty(documentArbitrary, fc.array(editArbitrary, { maxLength: 6 }), async (document, edits) => {
        const base = deepFreeze(generateCollection(await snapshotOf(openapiFormat, JSON.stringify(document))))
        const current = deepFreeze(applyEdits(base, edits))
        const { collection, report } = mergeCollection({ base, current, incoming: base })
        expect(collection).toEqual(current)
        expect(report).toEqual(emptyReport)
      }),
      { numRuns: 100 },
    )
  })

  it('never mutates its inputs and shares no object with them (spec change plus user edits)', async () => {
    await fc.assert(
      fc.asyncProperty(
        documentArbitrary,
        documentArbitrary,
        fc.array(editArbitrary, { maxLength: 6 }),
        fc.constantFrom('prefer-user', 'prefer-spec') as fc.Arbitrary<'prefer-user' | 'prefer-spec'>,
        fc.constantFrom('mark', 'delete', 'keep') as fc.Arbitrary<'mark' | 'delete' | 'keep'>,
        async (before, after, edits, onConflict, onRemoved) => {
          const base = generateCollection(await snapshotOf(openapiFormat, JSON.stringify(before)))
          const incoming = generateCollection(await snapshotOf(openapiFormat, JSON.stringify(after)))
          const current = applyEdits(base, edits)
          const inputs = deepFreeze(structuredClone({ base, current, incoming }))
          const text = JSON.stringify(inputs)
          // Frozen inputs: any write to them throws here (ES modules are strict).
          const { collection } = mergeCollection({ ...inputs, onConflict, onRemoved })
          expect(JSON.stringify(inputs)).toBe(text)
          const shared = objectsOf(inputs)
          expect([...objectsOf(collection)].filter((object) => shared.has(object))).toEqual([])
        },
      ),
      { numRuns: 80 },
    )
  })

  it('never mutates arbitrary, unrelated inputs either', () => {
    fc.assert(
      fc.property(collectionArbitrary, collectionArbitrary, collectionArbitrary, (base, current, incoming) => {
        const inputs = deepFreeze(structuredClone({ base, current, incoming }))
        const text = JSON.stringify(inputs)
        const { collection } = mergeCollection(inputs)
        expect(JSON.stringify(inputs)).toBe(text)
        const shared = objectsOf(inputs)
        expect([...objectsOf(collection)].filter((object) => shared.has(object))).toEqual([])
      }),
      { numRuns: 150 },
    )
  })
})
