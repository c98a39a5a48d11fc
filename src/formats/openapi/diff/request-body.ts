import type { SnapshotOperation } from '../../../model/snapshot.js'
import { compareMediaType } from './media-types.js'
import { makeChange, type OperationChanges } from './operation-changes.js'

/**
 * Request-body family: body added (a required one breaks every caller), removed, required-ness,
 * media types added (info) or removed (breaking), description, and each shared media type.
 */
export function compareRequestBody(before: SnapshotOperation, after: SnapshotOperation, changes: OperationChanges): void {
  const was = before.requestBody
  const is = after.requestBody
  if (was === undefined && is === undefined) return
  if (was === undefined) {
    const required = is!.required
    changes.addChange(makeChange(changes.operation, 'request-body-added', required ? 'breaking' : 'info', ['requestBody'], `was added as ${required ? 'required' : 'optional'}`, {
      after: Object.keys(is!.content),
    }))
    return
  }
  if (is === undefined) {
    // Callers that send a body now send something the operation does not define.
    changes.addChange(makeChange(changes.operation, 'request-body-removed', 'breaking', ['requestBody'], 'was removed', { before: Object.keys(was.content) }))
    return
  }
  if (was.required !== is.required) {
    if (is.required) changes.addChange(makeChange(changes.operation, 'request-body-became-required', 'breaking', ['requestBody'], 'became required', { before: false, after: true }))
    else changes.addChange(makeChange(changes.operation, 'request-body-became-optional', 'info', ['requestBody'], 'became optional', { before: true, after: false }))
  }
  if (was.description !== is.description) {
    changes.addChange(makeChange(changes.operation, 'request-body-description-changed', 'info', ['requestBody'], 'description changed', { before: was.description, after: is.description }))
  }
  for (const mediaType of Object.keys(was.content)) {
    const location = ['requestBody', 'content', mediaType]
    const current = is.content[mediaType]
    if (current === undefined) changes.addChange(makeChange(changes.operation, 'request-media-type-removed', 'breaking', location, 'is no longer accepted', { before: mediaType }))
    else compareMediaType(was.content[mediaType]!, current, 'request', location, changes)
  }
  for (const mediaType of Object.keys(is.content)) {
    if (was.content[mediaType] === undefined) {
      changes.addChange(makeChange(changes.operation, 'request-media-type-added', 'info', ['requestBody', 'content', mediaType], 'is now accepted', { after: mediaType }))
    }
  }
}
