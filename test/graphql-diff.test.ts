import { describe, expect, it } from 'vitest'
import type { Change, ChangeSet } from '../src/model/change.js'
import { createGraphqlFormat, graphqlFormat } from '../src/formats/graphql/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import type { SpecFormat } from '../src/formats/types.js'

async function snapshotOf(sdl: string, format: SpecFormat): Promise<ApiSnapshot> {
  const { snapshot, canonical } = await format.normalize(sdl, { sourceId: 'gql-diff' })
  return { ...snapshot, fingerprint: canonical }
}

/** Most rule tests read changes through the path that reaches them: the per-operation reporting. */
const perOperation = createGraphqlFormat({ sharedTypeChanges: 'per-operation' })

async function diffSdl(before: string, after: string, format: SpecFormat = perOperation): Promise<ChangeSet> {
  return format.diff(await snapshotOf(before, format), await snapshotOf(after, format))
}

/** The parts of each change a rule decides, in report order. */
const brief = (changeSet: ChangeSet) =>
  changeSet.changes.map(({ kind, severity, operation, location, component }) => ({ kind, severity, operation, location, ...(component ? { component } : {}) }))

const only = (changeSet: ChangeSet): Change => {
  expect(changeSet.changes).toHaveLength(1)
  return changeSet.changes[0]!
}

describe('GraphQL diff: operations', () => {
  it('finds nothing between reformatted versions of one schema', async () => {
    const changeSet = await diffSdl('type Query { a(x: Int, y: Int): A } type A { b: Int, c: String }', 'type A {\n c: String\n b: Int\n}\ntype Query {\n a(y: Int, x: Int): A\n}')
    expect(changeSet.changes).toEqual([])
    expect(changeSet.summary).toEqual({ added: 0, removed: 0, modified: 0, breaking: 0, warning: 0, info: 0, operations: 0 })
  })

  it('reports removed root fields as breaking and added ones as info', async () => {
    const changeSet = await diffSdl('type Query { a: Int, b: Int } type Mutation { m: Int }', 'type Query { a: Int, c: Int } type Mutation { m: Int }')
    expect(changeSet.removed).toEqual([{ key: 'QUERY b', method: 'QUERY', path: 'b' }])
    expect(changeSet.added).toEqual([{ key: 'QUERY c', method: 'QUERY', path: 'c' }])
    expect(brief(changeSet)).toEqual([
      { kind: 'operation-removed', severity: 'breaking', operation: 'QUERY b', location: [] },
      { kind: 'operation-added', severity: 'info', operation: 'QUERY c', location: [] },
    ])
    expect(changeSet.breaking).toBe(true)
  })

  it('judges return type changes from the client side: more non-null is safe, anything else breaks', async () => {
    const cases: Array<[string, string, string]> = [
      ['String', 'String!', 'info'],
      ['[String]', '[String!]!', 'info'],
      ['String!', 'String', 'breaking'],
      ['String', '[String]', 'breaking'],
      ['Int', 'String', 'breaking'],
    ]
    for (const [before, after, severity] of cases) {
      const change = only(await diffSdl(`type Query { a: ${before} }`, `type Query { a: ${after} }`))
      expect({ before, after, kind: change.kind, severity: change.severity, location: change.location }).toEqual({
        before,
        after,
        kind: 'field-type-changed',
        severity,
        location: ['returnType'],
      })
    }
  })
})

describe('GraphQL diff: root fields', () => {
  it('reports deprecation, descriptions and root type renames as info', async () => {
    const changeSet = await diffSdl(
      'schema { query: Query } type Query { "Old" a(x: Int): Int, b: Int }',
      'schema { query: Root } type Root { "New" a("The x" x: Int): Int, b: Int @deprecated(reason: "Gone soon") }',
    )
    expect(brief(changeSet)).toEqual([
      { kind: 'type-removed', severity: 'breaking', operation: undefined, location: ['Query'], component: '#/types/Query' },
      { kind: 'argument-description-changed', severity: 'info', operation: 'QUERY a', location: ['arguments', 'x', 'description'] },
      { kind: 'field-description-changed', severity: 'info', operation: 'QUERY a', location: ['description'] },
      { kind: 'field-deprecated', severity: 'info', operation: 'QUERY b', location: ['deprecated'] },
      { kind: 'schema-root-type-changed', severity: 'info', operation: undefined, location: ['schema', 'query'] },
      { kind: 'type-added', severity: 'info', operation: undefined, location: ['Root'], component: '#/types/Root' },
    ])
    expect(changeSet.changes.find((change) => change.kind === 'field-deprecated')?.message).toBe('Field Root.b was deprecated: Gone soon')
  })
})

describe('GraphQL diff: arguments', () => {
  it('breaks on a new required argument, a removed one or a narrower type; the rest is info', async () => {
    const changeSet = await diffSdl(
      'type Query { a(keep: Int, gone: Int, narrow: ID, widen: ID!): Int }',
      'type Query { a(keep: Int, narrow: ID!, widen: ID, must: Int!, may: Int, mayToo: Int! = 1): Int }',
    )
    expect(brief(changeSet)).toEqual([
      { kind: 'argument-removed', severity: 'breaking', operation: 'QUERY a', location: ['arguments', 'gone'] },
      { kind: 'argument-type-changed', severity: 'breaking', operation: 'QUERY a', location: ['arguments', 'narrow', 'type'] },
      { kind: 'argument-added', severity: 'breaking', operation: 'QUERY a', location: ['arguments', 'must'] },
      { kind: 'argument-type-changed', severity: 'info', operation: 'QUERY a', location: ['arguments', 'widen', 'type'] },
      { kind: 'argument-added', severity: 'info', operation: 'QUERY a', location: ['arguments', 'may'] },
      { kind: 'argument-added', severity: 'info', operation: 'QUERY a', location: ['arguments', 'mayToo'] },
    ])
    expect(changeSet.changes.find((change) => change.location[1] === 'must')?.message).toBe('Required argument must: Int! was added to field Query.a')
  })

  it('treats default values by what clients that omit the argument get', async () => {
    const changeSet = await diffSdl(
      'type Query { a(changed: Int = 1, dropped: Int! = 2, gained: Int!): Int }',
      'type Query { a(changed: Int = 5, dropped: Int!, gained: Int! = 3): Int }',
    )
    expect(brief(changeSet)).toEqual([
      { kind: 'argument-became-required', severity: 'breaking', operation: 'QUERY a', location: ['arguments', 'dropped', 'default'] },
      { kind: 'argument-default-changed', severity: 'warning', operation: 'QUERY a', location: ['arguments', 'changed', 'default'] },
      { kind: 'argument-became-optional', severity: 'info', operation: 'QUERY a', location: ['arguments', 'gained', 'default'] },
    ])
    expect(changeSet.changes[1]).toMatchObject({ before: '1', after: '5', message: 'Default value of argument changed of field Query.a changed from 1 to 5' })
  })
})

describe('GraphQL diff: shared types', () => {
  const base = `
    type Query { me: User, user(id: ID!): User, search(filter: Filter): [Result] }
    type User { id: ID!, name: String, email: String, friends: [User], role: Role }
    enum Role { ADMIN USER }
    input Filter { text: String, role: Role }
    union Result = User | Post
    type Post { title: String }`

  it('reports a change inside a shared type once per operation that reaches it, located through the path', async () => {
    const changeSet = await diffSdl(base, base.replace('email: String, ', ''))
    expect(brief(changeSet)).toEqual([
      { kind: 'field-removed', severity: 'breaking', operation: 'QUERY me', location: ['returnType', 'User', 'fields', 'email'], component: '#/types/User' },
      {
        kind: 'field-removed',
        severity: 'breaking',
        operation: 'QUERY search',
        location: ['returnType', '... on User', 'User', 'fields', 'email'],
        component: '#/types/User',
      },
      { kind: 'field-removed', severity: 'breaking', operation: 'QUERY user', location: ['returnType', 'User', 'fields', 'email'], component: '#/types/User' },
    ])
    expect(changeSet.changes[0]!.message).toBe('Field User.email was removed')
    expect(changeSet.modified.map((entry) => entry.operation.key)).toEqual(['QUERY me', 'QUERY search', 'QUERY user'])
  })

  it('follows cycles without looping and reports deep changes through the shortest path', async () => {
    const changeSet = await diffSdl(
      'type Query { a: A } type A { b: B, self: A } type B { c: C, a: A } type C { x: Int }',
      'type Query { a: A } type A { b: B, self: A } type B { c: C, a: A } type C { x: Int, y: Int }',
    )
    expect(brief(changeSet)).toEqual([
      { kind: 'field-added', severity: 'info', operation: 'QUERY a', location: ['returnType', 'A.b', 'B.c', 'C', 'fields', 'y'], component: '#/types/C' },
    ])
  })

  it('judges enum values by how the operation reaches the enum', async () => {
    const removed = await diffSdl(base, base.replace('enum Role { ADMIN USER }', 'enum Role { ADMIN }'))
    // QUERY search sends Role (through its filter) and receives it: breaking, found through the shorter path.
    expect(brief(removed).filter((change) => change.operation === 'QUERY search')).toEqual([
      { kind: 'enum-value-removed', severity: 'breaking', operation: 'QUERY search', location: ['arguments', 'filter', 'Filter.role', 'Role', 'values', 'USER'], component: '#/types/Role' },
    ])
    // QUERY me only receives it: existing requests stay valid.
    expect(brief(removed).find((change) => change.operation === 'QUERY me')).toEqual({
      kind: 'enum-value-removed',
      severity: 'info',
      operation: 'QUERY me',
      location: ['returnType', 'User.role', 'Role', 'values', 'USER'],
      component: '#/types/Role',
    })
    const added = await diffSdl(base, base.replace('enum Role { ADMIN USER }', 'enum Role { ADMIN USER GUEST }'))
    expect(brief(added).map((change) => [change.operation, change.severity])).toEqual([
      ['QUERY me', 'warning'],
      ['QUERY search', 'warning'],
      ['QUERY user', 'warning'],
    ])
    const inputOnly = await diffSdl('type Query { a(r: R): Int } enum R { X }', 'type Query { a(r: R): Int } enum R { X Y }')
    expect(brief(inputOnly)).toEqual([{ kind: 'enum-value-added', severity: 'info', operation: 'QUERY a', location: ['arguments', 'r', 'R', 'values', 'Y'], component: '#/types/R' }])
  })

  it('judges input fields like arguments', async () => {
    const changeSet = await diffSdl(
      'type Query { a(f: F): Int } input F { keep: Int, gone: Int, narrow: Int }',
      'type Query { a(f: F): Int } input F { keep: Int, narrow: Int!, must: Int!, may: Int }',
    )
    expect(brief(changeSet).map(({ kind, severity, location }) => ({ kind, severity, location }))).toEqual([
      { kind: 'input-field-removed', severity: 'breaking', location: ['arguments', 'f', 'F', 'fields', 'gone'] },
      { kind: 'input-field-type-changed', severity: 'breaking', location: ['arguments', 'f', 'F', 'fields', 'narrow', 'type'] },
      { kind: 'input-field-added', severity: 'breaking', location: ['arguments', 'f', 'F', 'fields', 'must'] },
      { kind: 'input-field-added', severity: 'info', location: ['arguments', 'f', 'F', 'fields', 'may'] },
    ])
  })

  it('breaks when an input type becomes @oneOf', async () => {
    const changeSet = await diffSdl('type Query { a(f: F): Int } input F { x: Int, y: Int }', 'type Query { a(f: F): Int } input F @oneOf { x: Int, y: Int }')
    expect(brief(changeSet)).toEqual([
      { kind: 'input-type-became-one-of', severity: 'breaking', operation: 'QUERY a', location: ['arguments', 'f', 'F', 'oneOf'], component: '#/types/F' },
    ])
  })

  it('breaks on a removed union member and warns on an added one', async () => {
    const removed = await diffSdl(base, base.replace('union Result = User | Post', 'union Result = User'))
    expect(brief(removed)).toEqual([
      { kind: 'union-member-removed', severity: 'breaking', operation: 'QUERY search', location: ['returnType', 'Result', 'members', 'Post'], component: '#/types/Result' },
    ])
    const added = await diffSdl(base + ' type Comment { text: String }', base.replace('union Result = User | Post', 'union Result = User | Post | Comment') + ' type Comment { text: String }')
    expect(brief(added)).toEqual([
      { kind: 'union-member-added', severity: 'warning', operation: 'QUERY search', location: ['returnType', 'Result', 'members', 'Comment'], component: '#/types/Result' },
    ])
  })

  it('follows interfaces to their implementations', async () => {
    const sdl = 'type Query { node: Node } interface Node { id: ID } type Repo implements Node { id: ID, name: String }'
    const changeSet = await diffSdl(sdl, sdl.replace('name: String', 'name: Int'))
    expect(brief(changeSet)).toEqual([
      { kind: 'field-type-changed', severity: 'breaking', operation: 'QUERY node', location: ['returnType', '... on Repo', 'Repo', 'fields', 'name', 'returnType'], component: '#/types/Repo' },
    ])
    const implemented = await diffSdl(sdl + ' type Gist { id: ID }', sdl + ' type Gist implements Node { id: ID }')
    expect(brief(implemented)).toEqual([
      { kind: 'interface-implementation-added', severity: 'warning', operation: 'QUERY node', location: ['returnType', 'Node', 'implementations', 'Gist'], component: '#/types/Node' },
      { kind: 'type-interface-added', severity: 'info', location: ['Gist', 'interfaces', 'Node'], component: '#/types/Gist' },
    ].map((change) => (change.operation ? change : { ...change, operation: undefined })))
  })

  it('reports deprecations and description changes as info', async () => {
    const changeSet = await diffSdl(
      'type Query { u: U } type U { a: Int, b: Int @deprecated(reason: "old"), "Doc" c: Int } enum E { X } type Mutation { m(e: E): Int }',
      'type Query { u: U } type U { a: Int @deprecated(reason: "use c"), b: Int, "New doc" c: Int } enum E { X @deprecated } type Mutation { m(e: E): Int }',
    )
    expect(brief(changeSet).map(({ kind, severity, location }) => ({ kind, severity, location: location.join('/') }))).toEqual([
      { kind: 'enum-value-deprecated', severity: 'info', location: 'arguments/e/E/values/X/deprecated' },
      { kind: 'field-deprecated', severity: 'info', location: 'returnType/U/fields/a/deprecated' },
      { kind: 'field-deprecation-removed', severity: 'info', location: 'returnType/U/fields/b/deprecated' },
      { kind: 'field-description-changed', severity: 'info', location: 'returnType/U/fields/c/description' },
    ])
    expect(changeSet.changes[1]!.message).toBe('Field U.a was deprecated: use c')
  })

  it('reports a changed type kind and a removed type', async () => {
    const changeSet = await diffSdl('type Query { a: A, b: B } type A { x: Int } type B { y: Int }', 'type Query { a: A, b: Int } interface A { x: Int }')
    expect(brief(changeSet)).toEqual([
      { kind: 'type-kind-changed', severity: 'breaking', operation: 'QUERY a', location: ['returnType', 'A'], component: '#/types/A' },
      { kind: 'field-type-changed', severity: 'breaking', operation: 'QUERY b', location: ['returnType'] },
      { kind: 'type-removed', severity: 'breaking', operation: undefined, location: ['B'], component: '#/types/B' },
    ])
  })

  it('reports changes of types no operation reaches once, as info', async () => {
    const changeSet = await diffSdl('type Query { a: Int } type Orphan { x: Int, y: Int }', 'type Query { a: Int } type Orphan { x: Int }')
    expect(brief(changeSet)).toEqual([{ kind: 'field-removed', severity: 'info', operation: undefined, location: ['Orphan', 'fields', 'y'], component: '#/types/Orphan' }])
    expect(changeSet.changes[0]!.message).toBe('Field Orphan.y was removed (no operation reaches type Orphan)')
  })

  it('reports a shared-type change once by default: one breaking cause listing the root fields it reaches', async () => {
    const changeSet = await diffSdl(base, base.replace('email: String, ', ''), graphqlFormat)
    expect(brief(changeSet)).toEqual([
      { kind: 'field-removed', severity: 'breaking', operation: undefined, location: ['User', 'fields', 'email'], component: '#/types/User' },
    ])
    const [cause] = changeSet.changes
    expect(cause!.operations).toEqual([
      { operation: 'QUERY me', location: ['returnType', 'User', 'fields', 'email'] },
      { operation: 'QUERY search', location: ['returnType', '... on User', 'User', 'fields', 'email'] },
      { operation: 'QUERY user', location: ['returnType', 'User', 'fields', 'email'] },
    ])
    // One cause counted, not one per operation; the per-operation view refers to it.
    expect(changeSet.summary).toEqual({ added: 0, removed: 0, modified: 3, breaking: 1, warning: 0, info: 0, operations: 3 })
    expect(changeSet.modified.map((entry) => entry.operation.key)).toEqual(['QUERY me', 'QUERY search', 'QUERY user'])
    for (const entry of changeSet.modified) expect(entry.changes).toEqual([cause])
    expect(changeSet.modified.every((entry) => entry.changes[0] === cause)).toBe(true)
    expect(changeSet.changes.some((change) => change.kind === 'reached-types-changed')).toBe(false)
  })

  it('gives one cause per severity when operations reach a shared enum in different ways', async () => {
    const changeSet = await diffSdl(base, base.replace('enum Role { ADMIN USER }', 'enum Role { ADMIN }'), graphqlFormat)
    // QUERY search sends Role (breaking); QUERY me and QUERY user only receive it (info).
    expect(changeSet.changes.map((change) => [change.kind, change.severity, change.operations!.map((reach) => reach.operation)])).toEqual([
      ['enum-value-removed', 'breaking', ['QUERY search']],
      ['enum-value-removed', 'info', ['QUERY me', 'QUERY user']],
    ])
    expect(changeSet.changes[0]!.operations![0]!.location).toEqual(['arguments', 'filter', 'Filter.role', 'Role', 'values', 'USER'])
    expect(changeSet.summary).toMatchObject({ breaking: 1, info: 1, modified: 3 })
  })
})

describe('GraphQL diff: directives', () => {
  it('breaks on removing what clients write in requests, and reports type-system directives as info', async () => {
    const changeSet = await diffSdl(
      'directive @cached(ttl: Int) on FIELD | QUERY\ndirective @key(fields: String!) on OBJECT\ndirective @gone on FIELD\ntype Query { a: Int }',
      'directive @cached(ttl: Int!) on FIELD\ndirective @key(fields: String) on OBJECT | INTERFACE\ntype Query { a: Int }',
    )
    expect(brief(changeSet)).toEqual([
      { kind: 'directive-location-removed', severity: 'breaking', operation: undefined, location: ['@cached', 'locations', 'QUERY'], component: '#/directives/cached' },
      { kind: 'directive-argument-type-changed', severity: 'breaking', operation: undefined, location: ['@cached', 'arguments', 'ttl', 'type'], component: '#/directives/cached' },
      { kind: 'directive-removed', severity: 'breaking', operation: undefined, location: ['@gone'], component: '#/directives/gone' },
      { kind: 'directive-location-added', severity: 'info', operation: undefined, location: ['@key', 'locations', 'INTERFACE'], component: '#/directives/key' },
      { kind: 'directive-argument-type-changed', severity: 'info', operation: undefined, location: ['@key', 'arguments', 'fields', 'type'], component: '#/directives/key' },
    ])
  })
})
