import { createChange, type AddChange } from '../../../diff/create-change.js'
import { describeRequest, type RequestPair } from './request-rule.js'
import { sameJson } from '../../../shared/json.js'

/**
 * Saved examples are illustrations of a request, not a contract the server promises, so every
 * change to them is informational.
 */
export function diffSavedResponses({ before, after }: RequestPair, addChange: AddChange): void {
  const request = describeRequest(after)
  for (const [status, response] of Object.entries(after.responses)) {
    const previous = before.responses[status]
    if (previous === undefined) {
      addChange(
        createChange('response-status-added', 'info', {
          operation: after.key,
          location: ['responses', status],
          message: `${request} has a new saved ${status} example`,
        }),
      )
    } else if (!sameJson(previous, response)) {
      addChange(
        createChange('response-example-changed', 'info', {
          operation: after.key,
          location: ['responses', status],
          message: `The saved ${status} example of ${request} changed`,
          before: previous,
          after: response,
        }),
      )
    }
  }
  for (const status of Object.keys(before.responses)) {
    if (after.responses[status] !== undefined) continue
    addChange(
      createChange('response-status-removed', 'info', {
        operation: after.key,
        location: ['responses', status],
        message: `The saved ${status} example of ${request} was removed`,
      }),
    )
  }
}
