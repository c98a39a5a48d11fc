import { describe, expect, it } from 'vitest'
import { applyPlan, generateCollection, mergeCollection, planMerge, type Collection } from '../src/collections/index.js'
import { diffOpenApi } from '../src/formats/openapi/diff/index.js'
import { isInvalidConfigError } from '../src/errors/errors.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { createUser, deepFreeze, getUser, listUsers, op, usersApi, requests } from './helpers/collections-snapshots.js'

const deleteUser = () => op('DELETE', '/users/{id}', { operationId: 'deleteUser', summary: 'Delete a user', tags: ['users'] })
const ping = () => op('GET', '/ping', { operationId: 'ping', summary: 'Ping', tags: ['health'] })
/** `GET /users` with a new optional query parameter: an update of its request. */
const listUsersPaged = () =>
  listUsers({
    parameters: [
      { name: 'limit', in: 'query', required: false, schema: { type: ['integer'], default: 20 } },
      { name: 'page', in: 'query', required: false, schema: { type: ['integer'], default: 1 } },
      { name: 'X-Request-Id', in: 'header', required: true, schema: { type: ['string'], format: 'uuid' } },
    ],
  })

const keys = (collection: Collection) => requests(collection).map((request) => request.operationKey).sort()
const byKey = (collection: Collection, key: string) => requests(collection).find((request) => request.operationKey === key)

/** base generated from `before`, the user's collection (a copy of base, edited), incoming generated from `after`. */
function setup(before: ApiSnapshot, after: ApiSnapshot, edit: (collection: Collection) => void = () => {}) {
  const base = deepFreeze(generateCollection(before))
  const draft = structuredClone(base)
  edit(draft)
  return { base, current: deepFreeze(draft), incoming: deepFreeze(generateCollection(after)), changes: diffOpenApi(before, after) }
}

describe('planMerge: the merge as items to accept or skip', () => {
  it('lists each change once with its kind, operation, fields and the causes from the change set', () => {
    const before = usersApi()
    const after = usersApi({ operations: [listUsersPaged(), getUser(), deleteUser()] })
    const plan = planMerge(setup(before, after))
    expect(plan.items.map((item) => item.id).sort()).toEqual(['added:DELETE /users/{id}', 'removed:POST /users', 'updated:GET /users'])
    const added = plan.items.find((item) => item.kind === 'added')!
    expect(added.operation).toMatchObject({ key: 'DELETE /users/{id}', method: 'DELETE', path: '/users/{id}' })
    expect(added.causes.map((change) => change.kind)).toEqual(['operation-added'])
    expect(added.after?.operationKey).toBe('DELETE /users/{id}')
    const updated = plan.items.find((item) => item.kind === 'updated')!
    expect(updated.fields).toEqual(['params.page'])
    expect(updated.causes.length).toBeGreaterThan(0)
    expect(updated.causes.every((change) => change.operation === 'GET /users')).toBe(true)
    expect(updated.before?.params.map((param) => param.key)).toEqual(['limit'])
    expect(updated.after?.params.map((param) => param.key)).toEqual(['limit', 'page'])
    const removed = plan.items.find((item) => item.kind === 'removed')!
    expect(removed).toMatchObject({ removal: 'marked', causes: [{ kind: 'operation-removed' }] })
    expect(removed.after?.deprecated).toBe(true)
  })

  it('has nothing to review when the spec did not change, and the same inputs give the same plan id', () => {
    const { base, current } = setup(usersApi(), usersApi())
    const plan = planMerge({ base, current, incoming: base })
    expect(plan.items).toEqual([])
    expect(planMerge({ base, current, incoming: base }).id).toBe(plan.id)
    expect(planMerge({ base, current, incoming: generateCollection(usersApi({ operations: [listUsers()] })) }).id).not.toBe(plan.id)
  })

  it('a conflict alone (the user and the spec changed one field) is an item to review', () => {
    const after = usersApi({ operations: [listUsers({ summary: 'List all users' }), getUser(), createUser()] })
    const plan = planMerge(setup(usersApi(), after, (draft) => void (byKey(draft, 'GET /users')!.name = 'Mine')))
    expect(plan.items).toMatchObject([{ id: 'updated:GET /users', fields: [], conflicts: [{ field: 'name', user: 'Mine', spec: 'List all users' }] }])
  })
})

describe('applyPlan: the merge of the accepted items only', () => {
  it('accepting everything is the whole merge', () => {
    const inputs = setup(usersApi(), usersApi({ operations: [listUsersPaged(), getUser(), deleteUser()] }))
    const applied = applyPlan(planMerge(inputs), 'accept')
    expect(applied.collection).toEqual(mergeCollection(inputs).collection)
    expect(applied.base).toEqual(inputs.incoming)
  })

  it('skipping an added endpoint keeps it out, and the next sync offers it again', () => {
    const inputs = setup(usersApi(), usersApi({ operations: [...usersApi().operations, deleteUser()] }))
    const plan = planMerge(inputs)
    const skipped = applyPlan(plan, { 'added:DELETE /users/{id}': 'skip' })
    expect(keys(skipped.collection)).toEqual(keys(inputs.current))
    expect(skipped.collection).toEqual(inputs.current)
    expect(skipped.skipped).toEqual(['added:DELETE /users/{id}'])

    // The next sync: same spec, the base that applying kept, the collection that was written.
    const next = planMerge({ base: skipped.base, current: skipped.collection, incoming: inputs.incoming })
    expect(next.items.map((item) => item.id)).toEqual(['added:DELETE /users/{id}'])
    const accepted = applyPlan(next, 'accept')
    expect(byKey(accepted.collection, 'DELETE /users/{id}')).toBeDefined()
    expect(planMerge({ base: accepted.base, current: accepted.collection, incoming: inputs.incoming }).items).toEqual([])
  })

  it('accepting a subset gives exactly the merge of a spec with only those changes', () => {
    const before = usersApi()
    const inputs = setup(before, usersApi({ operations: [listUsersPaged(), getUser(), createUser(), deleteUser(), ping()] }), (draft) => {
      byKey(draft, 'GET /users/{id}')!.scripts = { test: 'pm.test("ok")' }
    })
    const plan = planMerge(inputs)
    expect(plan.items.map((item) => item.id).sort()).toEqual(['added:DELETE /users/{id}', 'added:GET /ping', 'updated:GET /users'])
    const applied = applyPlan(plan, { 'added:GET /ping': 'accept', 'updated:GET /users': 'accept' })
    expect(applied.accepted.sort()).toEqual(['added:GET /ping', 'updated:GET /users'])

    const onlyAccepted = generateCollection(usersApi({ operations: [listUsersPaged(), getUser(), createUser(), ping()] }))
    expect(applied.collection).toEqual(mergeCollection({ base: inputs.base, current: inputs.current, incoming: onlyAccepted }).collection)
    expect(byKey(applied.collection, 'GET /users/{id}')!.scripts).toEqual({ test: 'pm.test("ok")' })
  })

  it("a skipped update keeps the user's version and is offered again", () => {
    const inputs = setup(usersApi(), usersApi({ operations: [listUsersPaged(), getUser(), createUser()] }), (draft) => {
      byKey(draft, 'GET /users')!.params[0]!.value = '50'
    })
    const plan = planMerge(inputs)
    const applied = applyPlan(plan, { 'updated:GET /users': 'skip' })
    expect(byKey(applied.collection, 'GET /users')).toEqual(byKey(inputs.current, 'GET /users'))
    expect(applied.report.updated).toEqual([])

    const next = planMerge({ base: applied.base, current: applied.collection, incoming: inputs.incoming })
    expect(next.items.map((item) => item.id)).toEqual(['updated:GET /users'])
    const accepted = applyPlan(next, { '*': 'accept' })
    expect(byKey(accepted.collection, 'GET /users')!.params.map((param) => [param.key, param.value])).toEqual([
      ['limit', '50'],
      ['page', '1'],
    ])
  })

  it('a skipped removal leaves the request unmarked and is offered again; a skipped move keeps the old key', () => {
    const before = usersApi()
    const after = usersApi({ operations: [listUsers(), createUser({}, 'POST', '/people')] })
    const inputs = { ...setup(before, after), renames: [{ from: 'POST /users', to: 'POST /people' }] }
    const plan = planMerge(inputs)
    expect(plan.items.map((item) => item.id).sort()).toEqual(['removed:GET /users/{id}', 'renamed:POST /users->POST /people'])
    const applied = applyPlan(plan, 'skip')
    expect(applied.collection).toEqual(inputs.current)
    expect(applied.report).toMatchObject({ added: [], updated: [], removed: [], renamed: [] })
    const next = planMerge({ ...inputs, base: applied.base, current: applied.collection })
    expect(next.items.map((item) => item.id).sort()).toEqual(plan.items.map((item) => item.id).sort())

    const moveOnly = applyPlan(plan, { 'renamed:POST /users->POST /people': 'accept' })
    expect(keys(moveOnly.collection)).toEqual(['GET /users', 'GET /users/{id}', 'POST /people'])
    expect(byKey(moveOnly.collection, 'GET /users/{id}')!.deprecated).toBeUndefined()
  })

  it("skipping the collection's own fields keeps the user's base URL", () => {
    const inputs = setup(usersApi(), { ...usersApi(), servers: ['https://api.example.com/v2'] })
    const plan = planMerge(inputs)
    expect(plan.items).toMatchObject([{ id: 'collection', kind: 'collection', fields: ['variables.baseUrl'] }])
    expect(applyPlan(plan, 'skip').collection).toEqual(inputs.current)
    expect(applyPlan(plan, 'accept').collection.variables?.baseUrl).toBe('https://api.example.com/v2')
  })

  it('refuses decisions naming an item the plan does not have, with INVALID_CONFIG naming it', () => {
    const plan = planMerge(setup(usersApi(), usersApi({ operations: [...usersApi().operations, deleteUser()] })))
    let thrown: unknown
    try {
      applyPlan(plan, { 'added:GET /nope': 'accept' })
    } catch (error) {
      thrown = error
    }
    expect(isInvalidConfigError(thrown)).toBe(true)
    expect((thrown as Error).message).toContain('decisions.added:GET /nope')
  })
})
