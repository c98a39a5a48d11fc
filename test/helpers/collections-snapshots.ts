import { canonicalJson, fastHash } from '../../src/formats/hash.js'
import type { ApiSnapshot, SchemaNode, SnapshotOperation } from '../../src/model/snapshot.js'
import { identityPath } from '../../src/shared/operation-identity.js'
import type { Collection, Request } from '../../src/model/collection.js'

/** Small hand-built snapshots for the collection tests. */

type OperationInput = Partial<Omit<SnapshotOperation, 'key' | 'method' | 'path' | 'identity' | 'hash'>>

/** An operation as a format would normalize it: key, identity and hash filled in. */
export function op(method: string, path: string, rest: OperationInput = {}): SnapshotOperation {
  const upper = method.toUpperCase()
  const operation = {
    key: `${upper} ${path}`,
    method: upper,
    path,
    deprecated: false,
    parameters: [],
    responses: { '200': { description: 'OK', content: {} } },
    ...rest,
  }
  return { ...operation, identity: `${upper} ${identityPath(path)}`, hash: fastHash(canonicalJson(operation)) }
}

/** A snapshot of the given operations (sorted by key, as formats produce them). */
export function snapshot(operations: SnapshotOperation[], rest: Partial<ApiSnapshot> = {}): ApiSnapshot {
  return {
    type: 'openapi',
    specVersion: '3.0.3',
    title: 'Users API',
    version: '1.0.0',
    operations: [...operations].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    schemas: {},
    securitySchemes: {},
    servers: ['https://api.example.com/v1'],
    warnings: [],
    fingerprint: 'test',
    ...rest,
  }
}

export const userSchema: SchemaNode = {
  type: ['object'],
  required: ['name', 'email'],
  properties: {
    id: { type: ['string'], format: 'uuid', readOnly: true },
    name: { type: ['string'], example: 'Ada' },
    email: { type: ['string'], format: 'email' },
    createdAt: { type: ['string'], format: 'date-time' },
    role: { type: ['string'], enum: ['admin', 'member'] },
    age: { type: ['integer', 'null'], minimum: 18 },
    tags: { type: ['array'], items: { type: ['string'] } },
  },
}

/** The users API most merge tests start from: list, get, create users, with bearer auth. */
export function usersApi(overrides: { operations?: SnapshotOperation[]; schemas?: Record<string, SchemaNode> } = {}): ApiSnapshot {
  return snapshot(overrides.operations ?? usersOperations(), {
    schemas: overrides.schemas ?? { '#/components/schemas/User': userSchema },
    securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
  })
}

export function listUsers(rest: OperationInput = {}): SnapshotOperation {
  return op('GET', '/users', {
    operationId: 'listUsers',
    summary: 'List users',
    tags: ['users'],
    parameters: [
      { name: 'limit', in: 'query', required: false, schema: { type: ['integer'], default: 20 } },
      { name: 'X-Request-Id', in: 'header', required: true, schema: { type: ['string'], format: 'uuid' } },
    ],
    security: [{ bearerAuth: [] }],
    ...rest,
  })
}

export function getUser(rest: OperationInput = {}): SnapshotOperation {
  return op('GET', '/users/{id}', {
    operationId: 'getUser',
    summary: 'Get a user',
    tags: ['users'],
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: ['string'] } }],
    security: [{ bearerAuth: [] }],
    ...rest,
  })
}

/** The create-user operation, at `POST /users` unless `method` and `path` move it. */
export function createUser(rest: OperationInput = {}, method = 'POST', path = '/users'): SnapshotOperation {
  return op(method, path, {
    operationId: 'createUser',
    summary: 'Create a user',
    tags: ['users'],
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } } },
    security: [{ bearerAuth: [] }],
    ...rest,
  })
}

export function usersOperations(): SnapshotOperation[] {
  return [listUsers(), getUser(), createUser()]
}

/** Deep-freezes a value so a test fails if the code under test mutates it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/** Every request of a collection, folders walked in order. */
export function requests(collection: Collection): Request[] {
  const found: Request[] = []
  const walk = (items: Collection['items']): void => {
    for (const item of items) item.type === 'folder' ? walk(item.items) : found.push(item)
  }
  walk(collection.items)
  return found
}
