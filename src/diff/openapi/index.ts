import type { ApiSnapshot } from '../../formats/types.js'
import type { Change, ChangeSet, ModifiedOperation } from '../types.js'
import { buildChangeSet, operationAddedChange, operationRemovedChange, toOperationRef } from '../change-set.js'
import { matchOperations } from '../match-operations.js'

/**
 * Compares two OpenAPI snapshots. First version: pairs operations and flags each operation whose
 * definition hash changed with one generic record; the rule set replaces the generic record.
 */
export function diffOpenApi(before: ApiSnapshot, after: ApiSnapshot): ChangeSet {
  const { pairs, added, removed } = matchOperations(before.operations, after.operations)
  const changes: Change[] = []
  const modified: ModifiedOperation[] = []
  const addedRefs = added.map(toOperationRef)
  const removedRefs = removed.map(toOperationRef)
  changes.push(...addedRefs.map(operationAddedChange), ...removedRefs.map(operationRemovedChange))
  for (const pair of pairs) {
    const operationChanges: Change[] = []
    if (pair.moved) {
      operationChanges.push({
        kind: pair.before.method === pair.after.method ? 'operation-path-changed' : 'operation-method-changed',
        severity: 'breaking',
        operation: pair.after.key,
        location: [],
        message: `${pair.before.key} moved to ${pair.after.key}`,
        before: pair.before.key,
        after: pair.after.key,
      })
    } else if (pair.before.hash !== pair.after.hash) {
      operationChanges.push({
        kind: 'operation-changed',
        severity: 'info',
        operation: pair.after.key,
        location: [],
        message: `${pair.after.key} changed`,
      })
    }
    if (operationChanges.length > 0) {
      modified.push({ operation: toOperationRef(pair.after), changes: operationChanges })
      changes.push(...operationChanges)
    }
  }
  return buildChangeSet({ added: addedRefs, removed: removedRefs, modified, changes })
}
