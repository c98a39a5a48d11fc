import type { Change } from '../../../model/change.js'
import { createChange } from '../../../diff/create-change.js'
import { directivePointer, typePointer } from '../nodes.js'
import { directiveChanges } from './directive-changes.js'
import type { LocalChange } from './local-change.js'
import { REACHED_BOTH_WAYS, type Reach } from './reach.js'
import { rootTypeNames, type GraphqlSnapshotView } from './snapshot-view.js'
import { toChange } from './to-change.js'

/** Changes reported once for the whole schema, without an operation. */
export function documentChanges(
  before: GraphqlSnapshotView,
  after: GraphqlSnapshotView,
  reachedByAnyOperation: (name: string) => boolean,
  changed: (name: string) => boolean,
  typeChanges: (name: string, reach: Reach) => LocalChange[],
): Change[] {
  const changes: Change[] = []
  for (const key of ['query', 'mutation', 'subscription'] as const) {
    const old = before.roots[key]
    const current = after.roots[key]
    if (old !== undefined && current !== undefined && old !== current) {
      changes.push(createChange('schema-root-type-changed', 'info', { location: ['schema', key], message: `The ${key} root type changed from ${old} to ${current}`, before: old, after: current }))
    }
  }
  for (const name of before.types.keys()) {
    if (!after.types.has(name)) {
      changes.push(createChange('type-removed', 'breaking', { location: [name], message: `Type ${name} was removed`, component: typePointer(name) }))
    }
  }
  for (const name of after.types.keys()) {
    if (!before.types.has(name)) {
      changes.push(createChange('type-added', 'info', { location: [name], message: `Type ${name} was added`, component: typePointer(name) }))
    }
  }
  // Changed types no operation reaches through elements both versions share: no existing request
  // can use them, so their changes are info. Root types are covered by their operations.
  const roots = new Set([...rootTypeNames(before), ...rootTypeNames(after)])
  for (const name of after.types.keys()) {
    if (roots.has(name) || reachedByAnyOperation(name) || !changed(name)) continue
    for (const change of typeChanges(name, REACHED_BOTH_WAYS)) {
      const unreached = createChange(change.kind, 'info', { ...change, message: `${change.message} (no operation reaches type ${name})` })
      changes.push(toChange(unreached, { component: typePointer(name) }))
    }
  }
  for (const name of new Set([...before.directives.keys(), ...after.directives.keys()])) {
    directiveChanges(name, before.directives.get(name), after.directives.get(name), (change) => changes.push(toChange(change, { component: directivePointer(name) })))
  }
  return changes
}
