import { buildChangeSet, operationAddedChange, operationRemovedChange, toOperationRef } from '../../diff/change-set.js'
import type { Change, ChangeSet, ModifiedOperation } from '../../diff/types.js'
import type { ApiSnapshot } from '../types.js'
import { describeRequest, requestChange, type RequestPair, type RequestRule } from './change-record.js'
import { diffParameters } from './diff-parameters.js'
import { diffRequestBody } from './diff-request-body.js'
import { diffRequestMetadata } from './diff-request-metadata.js'
import { diffSavedResponses } from './diff-saved-responses.js'
import { pairRequests } from './match-requests.js'

const REQUEST_RULES: readonly RequestRule[] = [diffRequestMetadata, diffParameters, diffRequestBody, diffSavedResponses]

/** Compares two snapshots of a Postman collection, request by request. */
export function diffCollections(before: ApiSnapshot, after: ApiSnapshot): ChangeSet {
  const { pairs, added, removed } = pairRequests(before.operations, after.operations)
  const addedRefs = added.map(toOperationRef)
  const removedRefs = removed.map(toOperationRef)
  const changes: Change[] = [...addedRefs.map(operationAddedChange), ...removedRefs.map(operationRemovedChange)]
  const modified: ModifiedOperation[] = []
  for (const pair of pairs) {
    // Equal hashes mean equal definitions: most requests of a large collection stop here.
    if (pair.before.hash === pair.after.hash) continue
    const operationChanges = diffRequest(pair)
    modified.push({ operation: toOperationRef(pair.after), changes: operationChanges })
    changes.push(...operationChanges)
  }
  return buildChangeSet({ added: addedRefs, removed: removedRefs, modified, changes })
}

function diffRequest(pair: RequestPair): Change[] {
  const changes = REQUEST_RULES.flatMap((rule) => rule(pair))
  if (changes.length > 0) return changes
  // A difference no rule names still must not pass silently.
  return [
    requestChange(pair.after, {
      kind: 'operation-changed',
      severity: 'info',
      location: [],
      message: `${describeRequest(pair.after)} changed`,
    }),
  ]
}
