import { buildChangeSet, movesOf, operationAddedChange, operationRemovedChange, toOperationRef } from '../../../diff/change-set.js'
import { operationOrder, SharedCauses } from '../../../diff/shared-causes.js'
import type { Change, ChangeSet, ModifiedOperation } from '../../../model/change.js'
import type { ApiSnapshot } from '../../../model/snapshot.js'
import { collectChanges, createChange } from '../../../diff/create-change.js'
import { describeRequest, type RequestPair, type RequestRule } from './request-rule.js'
import { diffParameters } from './diff-parameters.js'
import { diffRequestBody } from './diff-request-body.js'
import { diffRequestMetadata } from './diff-request-metadata.js'
import { diffSavedResponses } from './diff-saved-responses.js'
import { pairRequests } from '../match-requests.js'

const REQUEST_RULES: readonly RequestRule[] = [diffRequestMetadata, diffParameters, diffRequestBody, diffSavedResponses]

/**
 * Compares two snapshots of a Postman collection, request by request. The one thing requests
 * share is auth inherited from the collection or a folder: a change there is one cause (with
 * `component` naming where it is set and `operations` listing the requests that inherit it),
 * and each of those requests' changes refers to it.
 */
export function diffCollections(before: ApiSnapshot, after: ApiSnapshot): ChangeSet {
  const { pairs, added, removed } = pairRequests(before.operations, after.operations)
  const addedRefs = added.map(toOperationRef)
  const removedRefs = removed.map(toOperationRef)
  const changes: Change[] = [...addedRefs.map(operationAddedChange), ...removedRefs.map(operationRemovedChange)]
  const modified: ModifiedOperation[] = []
  const inherited = new SharedCauses()
  for (const pair of pairs) {
    // Equal hashes mean equal definitions: most requests of a large collection stop here.
    if (pair.before.hash === pair.after.hash) continue
    const operationChanges = diffRequest(pair).map((change) => {
      const shared = inheritedAuthChange(change, pair, inherited)
      if (shared === undefined) changes.push(change)
      return shared ?? change
    })
    modified.push({ operation: toOperationRef(pair.after), changes: operationChanges })
  }
  changes.push(...inherited.changes(operationOrder(after.operations)))
  return buildChangeSet({ added: addedRefs, removed: removedRefs, modified, changes, renamed: movesOf(pairs) })
}

/** The shared cause of an auth change both versions inherit from the same place, or undefined for a request's own change. */
function inheritedAuthChange(change: Change, pair: RequestPair, inherited: SharedCauses): Change | undefined {
  const owner = pair.after.extra?.authFrom
  if (change.kind !== 'auth-changed' || typeof owner !== 'string' || pair.before.extra?.authFrom !== owner) return undefined
  const where = owner === '' ? 'the collection' : `folder "${owner}"`
  const cause = inherited.cause(JSON.stringify([owner, change.before, change.after]), () => {
    const message = change.message.replace(/^The auth of .* changed from/, `The auth of ${where} changed from`)
    return createChange(change.kind, change.severity, { location: change.location, message, before: change.before, after: change.after, component: owner === '' ? '#/auth' : `#/folders/${owner}/auth` })
  })
  return inherited.reach(cause, pair.after.key, change.location)
}

function diffRequest(pair: RequestPair): Change[] {
  const changes = collectChanges((addChange) => {
    for (const rule of REQUEST_RULES) rule(pair, addChange)
  })
  if (changes.length > 0) return changes
  // A difference no rule names still must not pass silently.
  return [createChange('operation-changed', 'info', { operation: pair.after.key, location: [], message: `${describeRequest(pair.after)} changed` })]
}
