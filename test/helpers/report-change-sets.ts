// Hand-built change sets in the by-cause shape of issue 9 (each cause once, a shared component's change
// listing every operation it reaches, `modified[i].changes` referring to the same objects), for the
// report renderers' tests.
import { buildChangeSet, operationAddedChange, operationRemovedChange } from '../../src/diff/change-set.js'
import type { Change, ChangeSet, ModifiedOperation } from '../../src/model/change.js'
import type { OperationRef } from '../../src/model/identity.js'

const ref = (method: string, path: string, tags: string[]): OperationRef => ({ key: `${method} ${path}`, method, path, tags })

export const OPERATIONS = {
  listPets: ref('GET', '/pets', ['pets']),
  addPet: ref('POST', '/pets', ['pets']),
  getPet: ref('GET', '/pets/{petId}', ['pets']),
  deletePet: ref('DELETE', '/pets/{petId}', ['pets']),
  listOwners: ref('GET', '/owners', ['owners']),
  getOwner: ref('GET', '/owners/{ownerId}', ['owners']),
  placeOrder: ref('POST', '/store/orders', ['store']),
}

const responseSchema = (status: string) => ['responses', status, 'content', 'application/json', 'schema']

/** The causes of {@link byCauseChangeSet}, by name. */
export function byCauseChanges() {
  const { listPets, addPet, getPet, listOwners, getOwner } = OPERATIONS
  const limitRequired: Change = {
    kind: 'request-parameter-became-required',
    severity: 'breaking',
    operation: listPets.key,
    location: ['parameters', 'query', 'limit'],
    message: "GET /pets: query parameter 'limit' became required",
  }
  const nicknameRemoved: Change = {
    kind: 'schema-property-removed',
    severity: 'breaking',
    component: '#/components/schemas/Pet',
    location: ['properties', 'nickname'],
    message: "property 'nickname' was removed",
    operations: [
      { operation: listPets.key, location: [...responseSchema('200'), 'items', 'properties', 'nickname'] },
      { operation: getPet.key, location: [...responseSchema('200'), 'properties', 'nickname'] },
      { operation: addPet.key, location: [...responseSchema('201'), 'properties', 'nickname'] },
      { operation: listOwners.key, location: [...responseSchema('200'), 'items', 'properties', 'pets', 'items', 'properties', 'nickname'] },
      { operation: getOwner.key, location: [...responseSchema('200'), 'properties', 'pets', 'items', 'properties', 'nickname'] },
    ],
  }
  const nicknameRemovedFromRequest: Change = {
    kind: 'schema-property-removed',
    severity: 'warning',
    component: '#/components/schemas/Pet',
    location: ['properties', 'nickname'],
    message: "property 'nickname' was removed",
    operations: [{ operation: addPet.key, location: ['requestBody', 'content', 'application/json', 'schema', 'properties', 'nickname'] }],
  }
  const statusAdded: Change = {
    kind: 'schema-property-enum-value-added',
    severity: 'info',
    component: '#/components/schemas/Pet',
    location: ['properties', 'status', 'enum'],
    message: "Pet: property 'status' may now be 'sold <b>out</b> | *soon* @octocat 100%: a,b'",
    after: 'sold <b>out</b> | *soon* @octocat 100%: a,b',
    operations: [
      { operation: listPets.key, location: [...responseSchema('200'), 'items', 'properties', 'status', 'enum'] },
      { operation: addPet.key, location: ['requestBody', 'content', 'application/json', 'schema', 'properties', 'status', 'enum'], severity: 'warning' },
    ],
  }
  const serverAdded: Change = { kind: 'server-added', severity: 'info', location: ['servers'], message: 'server https://eu.pets.example was added' }
  return { limitRequired, nicknameRemoved, nicknameRemovedFromRequest, statusAdded, serverAdded }
}

/**
 * One operation removed, one added, a direct change, and three changes of the shared `Pet` schema:
 * a breaking one reaching five operations, the same removal as a warning for the one request that
 * sends it, and an info one that is a warning for one operation. Plus a document-level change.
 */
export function byCauseChangeSet(): ChangeSet {
  const { listPets, addPet, getPet, deletePet, listOwners, getOwner, placeOrder } = OPERATIONS
  const causes = byCauseChanges()
  const all = Object.values(causes)
  const modified: ModifiedOperation[] = [listPets, addPet, getPet, listOwners, getOwner].map((operation) => ({
    operation,
    changes: all.filter((change) => change.operation === operation.key || change.operations?.some((reach) => reach.operation === operation.key)),
  }))
  return buildChangeSet({
    added: [placeOrder],
    removed: [deletePet],
    modified,
    changes: [operationRemovedChange(deletePet), operationAddedChange(placeOrder), ...all],
  })
}

/** A change set as engines before issue 9 build it: one record per operation, no `operations`. */
export function perOperationChangeSet(): ChangeSet {
  const { listPets, getPet } = OPERATIONS
  const record = (operation: OperationRef, status: string): Change => ({
    kind: 'schema-property-removed',
    severity: 'breaking',
    operation: operation.key,
    component: '#/components/schemas/Pet',
    location: [...responseSchema(status), 'properties', 'nickname'],
    message: `${operation.key}: response ${status} (application/json) property 'nickname' was removed (in component Pet)`,
  })
  const records = [record(listPets, '200'), record(getPet, '200')]
  return buildChangeSet({
    added: [],
    removed: [],
    modified: [
      { operation: listPets, changes: [records[0]!] },
      { operation: getPet, changes: [records[1]!] },
    ],
    changes: records,
  })
}
