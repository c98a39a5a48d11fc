import { generateCollection } from '../src/collections/index.js'
import type { ApiSnapshot, SnapshotOperation } from '../src/model/snapshot.js'
import { medianMs } from './harness.js'

const LARGE = 60_000
const SMALL = 6_000

/**
 * Issue 12 item 10: generating a collection from a GraphQL schema is linear in its root fields.
 * 60,000 root fields against 6,000 in the same run: a linear generator takes about 10 times as
 * long (a quadratic one, looking each field up by scanning them all, about 100 times).
 */
export async function benchGraphqlCollection(): Promise<{ smallMs: number; largeMs: number; ratio: number }> {
  const small = graphqlSnapshot(SMALL)
  const large = graphqlSnapshot(LARGE)
  const smallMs = await medianMs(() => generateCollection(small), 5, 1)
  const largeMs = await medianMs(() => generateCollection(large), 3, 1)
  return { smallMs, largeMs, ratio: largeMs / smallMs }
}

/** A snapshot as the GraphQL format gives it: `fields` root fields on Query, each with an argument. */
function graphqlSnapshot(fields: number): ApiSnapshot {
  const operations: SnapshotOperation[] = []
  const rootFields: unknown[] = []
  for (let index = 0; index < fields; index++) {
    const name = `field${index}`
    rootFields.push({ name, type: 'Item', args: [{ name: 'id', type: 'ID!' }] })
    operations.push({ key: `QUERY ${name}`, method: 'QUERY', path: name, identity: `QUERY ${name}`, hash: String(index), deprecated: false, parameters: [], responses: {}, extra: { returnType: 'Item' } })
  }
  operations.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return {
    type: 'graphql',
    specVersion: 'graphql',
    title: 'Bench GraphQL',
    version: '',
    operations,
    schemas: {
      '#/types/Query': { kind: 'OBJECT', name: 'Query', fields: rootFields },
      '#/types/Item': { kind: 'OBJECT', name: 'Item', fields: [{ name: 'id', type: 'ID!', args: [] }, { name: 'name', type: 'String', args: [] }] },
    },
    securitySchemes: {},
    servers: ['https://api.example.com/graphql'],
    warnings: [],
    fingerprint: String(fields),
  }
}
