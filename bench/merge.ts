import { generateCollection, mergeCollection, type Collection, type Request } from '../src/collections/index.js'
import { canonicalJson, fastHash } from '../src/formats/hash.js'
import type { ApiSnapshot, SnapshotOperation } from '../src/model/snapshot.js'
import { medianMs } from './harness.js'

const OPERATIONS = 1_000
const CHANGED = 100
const TAGS = 50

/**
 * Issue 5, scenario 14: merging a 1,000-operation collection in which 100 operations changed,
 * against the time to generate that collection (goal: merge under 5 times generate). The user's
 * collection carries edits (values, scripts, auth) so the merge does real three-way work.
 */
export async function benchMerge(): Promise<{ generateMs: number; mergeMs: number; ratio: number }> {
  const before = buildSnapshot(0)
  const after = buildSnapshot(CHANGED)
  const base = generateCollection(before)
  const current = userEdited(base)
  const incoming = generateCollection(after)
  const generateMs = await medianMs(() => generateCollection(after), 9, 2)
  const mergeMs = await medianMs(() => mergeCollection({ base, current, incoming }), 9, 2)
  return { generateMs, mergeMs, ratio: mergeMs / generateMs }
}

/** A snapshot of `OPERATIONS` operations of which `changed`, spread evenly over kinds and tags, differ from the original. */
function buildSnapshot(changed: number): ApiSnapshot {
  const operations: SnapshotOperation[] = []
  for (let index = 0; index < OPERATIONS; index++) {
    operations.push(buildOperation(index, changed > 0 && index % Math.floor(OPERATIONS / changed) === 0))
  }
  operations.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const schemas: ApiSnapshot['schemas'] = {}
  for (let tag = 0; tag < TAGS; tag++) {
    schemas[`#/components/schemas/Resource${tag}`] = {
      type: ['object'],
      required: ['name'],
      properties: {
        id: { type: ['string'], format: 'uuid', readOnly: true },
        name: { type: ['string'] },
        createdAt: { type: ['string'], format: 'date-time' },
        count: { type: ['integer'], minimum: 1 },
        labels: { type: ['array'], items: { type: ['string'] } },
        owner: { $ref: `#/components/schemas/Owner` },
      },
    }
  }
  schemas['#/components/schemas/Owner'] = { type: ['object'], properties: { email: { type: ['string'], format: 'email' }, role: { type: ['string'], enum: ['admin', 'member'] } } }
  return {
    type: 'openapi',
    specVersion: '3.0.3',
    title: 'Bench API',
    version: '1',
    operations,
    schemas,
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    servers: ['https://api.example.com'],
    warnings: [],
    fingerprint: String(changed),
  }
}

/** Operation `index`: a resource's list, get, create, update or delete; a changed one has a new summary, parameter and example. */
function buildOperation(index: number, changed: boolean): SnapshotOperation {
  const tag = index % TAGS
  const resource = `resources${tag}/items${Math.floor(index / (TAGS * 5))}`
  const kind = Math.floor(index / TAGS) % 5
  const [method, path] = ([
    ['GET', `/${resource}`],
    ['GET', `/${resource}/{id}`],
    ['POST', `/${resource}`],
    ['PUT', `/${resource}/{id}`],
    ['DELETE', `/${resource}/{id}`],
  ] as const)[kind]!
  const parameters: SnapshotOperation['parameters'] = [
    { name: 'limit', in: 'query', required: false, schema: { type: ['integer'], default: 20 } },
    { name: 'X-Request-Id', in: 'header', required: true, schema: { type: ['string'], format: 'uuid' } },
  ]
  if (changed) parameters.push({ name: 'expand', in: 'query', required: false, schema: { type: ['string'], enum: ['owner'] } })
  const operation: Omit<SnapshotOperation, 'identity' | 'hash'> = {
    key: `${method} ${path}`,
    method,
    path,
    operationId: `op${index}`,
    summary: changed ? `Operation ${index} (v2)` : `Operation ${index}`,
    tags: [`tag${tag}`],
    deprecated: false,
    parameters,
    responses: { '200': { content: {} } },
    security: [{ bearer: [] }],
  }
  if (method === 'POST' || method === 'PUT') {
    operation.requestBody = {
      required: true,
      content: { 'application/json': changed ? { example: { name: `changed ${index}` } } : { schema: { $ref: `#/components/schemas/Resource${tag}` } } },
    }
  }
  return { ...operation, identity: `${method} ${path.replace(/\{[^}]*\}/g, '{}')}`, hash: fastHash(canonicalJson(operation)) }
}

/** The generated collection after a user's typical edits on every tenth request. */
function userEdited(collection: Collection): Collection {
  const edited = structuredClone(collection)
  let index = 0
  const walk = (items: Collection['items']): void => {
    for (const item of items) {
      if (item.type === 'folder') walk(item.items)
      else if (index++ % 10 === 0) edit(item)
    }
  }
  walk(edited.items)
  return edited
}

function edit(request: Request): void {
  request.headers = request.headers.map((header) => ({ ...header, value: '{{requestId}}' }))
  request.scripts = { test: 'pm.test("status", () => pm.response.to.have.status(200))' }
  request.auth = { type: 'bearer', token: '{{myToken}}' }
}
