import { describe, expect, it } from 'vitest'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import { kindsOf } from './helpers/diff-assertions.js'

async function diffSdl(before: string, after: string) {
  const snapshotOf = async (sdl: string) => {
    const { snapshot, canonical } = await graphqlFormat.normalize(sdl, { sourceId: 'gql-severity' })
    return { ...snapshot, fingerprint: canonical }
  }
  return graphqlFormat.diff(await snapshotOf(before), await snapshotOf(after))
}

describe('GraphQL: one record per fact', () => {
  const schema = 'type Query { node(id: ID!): Node } interface Node { id: ID! } type Repo implements Node { id: ID! } type Gist implements Node { id: ID! }'

  it('a removed type is type-removed only, not also "no longer implements Node"', async () => {
    const result = await diffSdl(schema, schema.replace(' type Gist implements Node { id: ID! }', ''))
    expect(kindsOf(result)).toEqual(['type-removed:breaking'])
  })

  it('a type that still exists but stopped implementing the interface is still reported', async () => {
    const result = await diffSdl(schema, schema.replace('type Gist implements Node { id: ID! }', 'type Gist { id: ID! }'))
    expect(kindsOf(result)).toContain('interface-implementation-removed:breaking')
  })
})

describe('GraphQL: a removed union member type', () => {
  const schema = 'type Query { search: Result } union Result = Repo | Gist type Repo { id: ID } type Gist { id: ID }'

  it('is type-removed only, not also union-member-removed', async () => {
    const result = await diffSdl(schema, 'type Query { search: Result } union Result = Repo type Repo { id: ID }')
    expect(kindsOf(result)).toEqual(['type-removed:breaking'])
  })

  it('a member dropped from the union while its type stays is still union-member-removed', async () => {
    const result = await diffSdl(schema, 'type Query { search: Result } union Result = Repo type Repo { id: ID } type Gist { id: ID }')
    expect(kindsOf(result)).toContain('union-member-removed:breaking')
    expect(kindsOf(result)).not.toContain('type-removed:breaking')
  })
})
