import type { Change } from '../../../model/change.js'
import { describeRequest, requestChange, type RequestPair } from './change-record.js'
import { sameJson } from '../../../shared/json.js'

/**
 * Saved examples are illustrations of a request, not a contract the server promises, so every
 * change to them is informational.
 */
export function diffSavedResponses({ before, after }: RequestPair): Change[] {
  const request = describeRequest(after)
  const changes: Change[] = []
  for (const [status, response] of Object.entries(after.responses)) {
    const previous = before.responses[status]
    if (previous === undefined) {
      changes.push(
        requestChange(after, {
          kind: 'response-status-added',
          severity: 'info',
          location: ['responses', status],
          message: `${request} has a new saved ${status} example`,
        }),
      )
    } else if (!sameJson(previous, response)) {
      changes.push(
        requestChange(after, {
          kind: 'response-example-changed',
          severity: 'info',
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
    changes.push(
      requestChange(after, {
        kind: 'response-status-removed',
        severity: 'info',
        location: ['responses', status],
        message: `The saved ${status} example of ${request} was removed`,
      }),
    )
  }
  return changes
}
