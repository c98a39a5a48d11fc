import type { ApiSnapshot, SnapshotOperation } from '../../../model/snapshot.js'
import type { Change, ChangeSet, ModifiedOperation } from '../../../model/change.js'
import { collectChanges, createChange } from '../../../diff/create-change.js'
import { buildChangeSet, movesOf, operationAddedChange, operationRemovedChange, toOperationRef } from '../../../diff/change-set.js'
import { matchOperations } from '../../../diff/match-operations.js'
import { operationOrder } from '../../../diff/shared-causes.js'
import { typePointer } from '../nodes.js'
import { ROOT_OPERATIONS } from '../schema-model.js'
import { namedTypeOf } from '../type-ref.js'
import { documentChanges } from './document-changes.js'
import { fieldPairChanges } from './field-changes.js'
import type { LocalChange } from './local-change.js'
import { REACHED_AS_INPUT, REACHED_AS_OUTPUT, type Reach } from './reach.js'
import { SharedTypeChanges } from './shared-type-changes.js'
import { fieldOfOperation, snapshotView, type GraphqlSnapshotView } from './snapshot-view.js'
import { toChange } from './to-change.js'
import { runSteps, type Steps } from '../../../runtime/steps.js'
import { typePairChanges } from './type-changes.js'
import { createTypeWalker, pathSegments, reachPath, type GraphqlDiffStats, type ReachedType } from './type-walk.js'

export type { GraphqlDiffStats } from './type-walk.js'

/** How a change inside a type that several operations reach is reported. */
export type SharedTypeChangeReporting = 'per-operation' | 'once'

export interface GraphqlDiffOptions {
  /**
   * `once` (by cause): a change inside a shared type is one entry, with `component` and
   * `operations` listing every root field it reaches (located through the path it was reached
   * by); each modified operation's `changes` refers to that same object. `per-operation` (the
   * former model, kept for hosts that relied on it): one copy for every operation that reaches it,
   * with `operation` set (GitHub's schema is one big web of types: 2021-10 to 2024-02 gives
   * 121,640 such copies but 1,230 distinct changes).
   * @default 'once'
   */
  sharedTypeChanges?: SharedTypeChangeReporting
}

/**
 * Compares two GraphQL snapshots. Root fields pair by key (`QUERY user`); changes inside shared
 * types are tagged with the type's pointer (`component`) and reported as `sharedTypeChanges`
 * says (by default once, listing the root fields they reach). Each type pair is compared once per diff (memoised), and types whose closure hash did not
 * change are never entered. Changes no operation reaches (types no operation reaches, which are
 * info, added and removed types, directives, root type names) are reported once, without an
 * operation. The work grows with the changed types each operation reaches (paths are chains of steps, spelled out only where a change is located).
 */
export function diffGraphql(before: ApiSnapshot, after: ApiSnapshot, options: GraphqlDiffOptions = {}): ChangeSet {
  return diffGraphqlWithStats(before, after, options).changeSet
}

/** `diffGraphql` plus counters of its work (for tests and benchmarks). */
export function diffGraphqlWithStats(before: ApiSnapshot, after: ApiSnapshot, options: GraphqlDiffOptions = {}): { changeSet: ChangeSet; stats: GraphqlDiffStats } {
  return runSteps(diffGraphqlSteps(before, after, options))
}

/** `diffGraphqlWithStats` in steps: one after each root field pair compared (see `SpecFormat.diffSteps`). */
export function* diffGraphqlSteps(before: ApiSnapshot, after: ApiSnapshot, options: GraphqlDiffOptions = {}): Steps<{ changeSet: ChangeSet; stats: GraphqlDiffStats }> {
  const stats: GraphqlDiffStats = { typeVisits: 0, edgeSteps: 0, pathSegments: 0 }
  const perOperation = options.sharedTypeChanges === 'per-operation'
  const views = { before: snapshotView(before), after: snapshotView(after) }
  const walker = createTypeWalker(views.before, views.after, stats)
  const typeChanges = memoisedTypeChanges(views.before, views.after)
  const { pairs, added, removed } = matchOperations(before.operations, after.operations)
  const addedRefs = added.map(toOperationRef)
  const removedRefs = removed.map(toOperationRef)
  const changes: Change[] = [...addedRefs.map(operationAddedChange), ...removedRefs.map(operationRemovedChange)]
  const modified: ModifiedOperation[] = []
  const sharedChanges = new SharedTypeChanges(typeChanges, stats)

  for (const pair of pairs) {
    if (pair.before.hash === pair.after.hash) continue
    const operationChanges = operationFieldChanges(pair.before, pair.after, views.after)
    const reachedTypes = walker.reachedTypes(typeStarts(pair.before, pair.after))
    yield
    const sharedReached: Change[] = []
    for (const reached of reachedTypes) {
      if (perOperation) {
        const local = typeChanges(reached.name, reached.reach)
        const prefix = local.length === 0 ? [] : pathSegments(reached.path, stats)
        for (const change of local) {
          operationChanges.push(toChange(change, { operation: pair.after.key, prefix, component: typePointer(reached.name) }))
        }
      } else {
        sharedChanges.reach(reached, pair.after.key, sharedReached)
      }
    }
    if (operationChanges.length === 0 && sharedReached.length === 0 && !reachesRemovedType(reachedTypes, views)) operationChanges.push(unexplainedChange(pair.after))
    if (operationChanges.length === 0 && sharedReached.length === 0) continue
    modified.push({ operation: toOperationRef(pair.after), changes: [...operationChanges, ...sharedReached] })
    changes.push(...operationChanges)
  }

  changes.push(...sharedChanges.changes(operationOrder(after.operations)))
  changes.push(...documentChanges(views.before, views.after, walker.reachedByAnyOperation, walker.changed, typeChanges))
  return { changeSet: buildChangeSet({ added: addedRefs, removed: removedRefs, modified, changes, renamed: movesOf(pairs) }), stats }
}

/** Changes of the root field itself: return type, arguments, description, deprecation. */
function operationFieldChanges(before: SnapshotOperation, after: SnapshotOperation, afterView: GraphqlSnapshotView): Change[] {
  const rootKey = ROOT_OPERATIONS.find((root) => root.method === after.method)?.key
  const rootName = (rootKey === undefined ? undefined : afterView.roots[rootKey]) ?? after.method
  const label = `${rootName}.${after.path}`
  return collectChanges((addChange) => fieldPairChanges(fieldOfOperation(before), fieldOfOperation(after), label, [], addChange)).map((change) => toChange(change, { operation: after.key }))
}

/** Where the walk into shared types starts: the return type and every argument type both versions share. */
function typeStarts(before: SnapshotOperation, after: SnapshotOperation): ReachedType[] {
  const starts: ReachedType[] = []
  const returnType = namedTypeOf(String(after.extra?.returnType ?? ''))
  if (returnType === namedTypeOf(String(before.extra?.returnType ?? ''))) starts.push({ name: returnType, reach: REACHED_AS_OUTPUT, path: reachPath(undefined, ['returnType']) })
  const oldArgs = new Map(before.parameters.map((parameter) => [parameter.name, parameter]))
  for (const parameter of after.parameters) {
    const old = oldArgs.get(parameter.name)
    const argType = namedTypeOf(String(parameter.schema?.type ?? ''))
    if (old !== undefined && argType === namedTypeOf(String(old.schema?.type ?? ''))) {
      starts.push({ name: argType, reach: REACHED_AS_INPUT, path: reachPath(undefined, ['arguments', parameter.name]) })
    }
  }
  return starts
}

/** Local changes of a type pair for a way of reaching it, computed once per diff. */
function memoisedTypeChanges(before: GraphqlSnapshotView, after: GraphqlSnapshotView): (name: string, reach: Reach) => LocalChange[] {
  // By way of reaching (a small number), then type name: no key string built per reached type.
  const cache: Array<Map<string, LocalChange[]>> = []
  const implementations = { before: before.implementations, after: after.implementations, afterTypes: after.types }
  return (name, reach) => {
    let byName = cache[reach]
    if (byName === undefined) {
      byName = new Map()
      cache[reach] = byName
    }
    let changes = byName.get(name)
    if (changes === undefined) {
      changes = collectChanges((addChange) => typePairChanges(name, before.types.get(name)!, after.types.get(name)!, reach, implementations, addChange))
      byName.set(name, changes)
    }
    return changes
  }
}

/** An interface or union the operation reaches lost an implementation or member whose type was removed: `type-removed` says so, once. */
function reachesRemovedType(reachedTypes: readonly ReachedType[], views: { before: GraphqlSnapshotView; after: GraphqlSnapshotView }): boolean {
  const removed = (type: string) => !views.after.types.has(type)
  return reachedTypes.some((reached) => {
    const node = views.before.types.get(reached.name)
    // No list built per reached type: this runs for every type every modified operation reaches.
    return (node?.kind === 'UNION' && node.members.some(removed)) || (views.before.implementations.get(reached.name)?.some(removed) ?? false)
  })
}

/** Safety net: the operation's hash changed but no rule names what changed. */
function unexplainedChange(operation: SnapshotOperation): Change {
  return createChange('operation-changed', 'info', { operation: operation.key, location: [], message: `${operation.key} changed in a way no GraphQL rule describes` })
}
