import type { ResponseSpec, SnapshotOperation } from '../../../model/snapshot.js'
import { compareMediaType } from './media-types.js'
import { makeChange, type OperationChanges } from './operation-changes.js'

type HeaderSpec = NonNullable<ResponseSpec['headers']>[string]

/** `2xx` codes and the `2XX` range: what a caller's happy path reads. */
function isSuccess(status: string): boolean {
  return status.startsWith('2')
}

/**
 * Responses family: statuses added (info) or removed (a success status breaks callers, others
 * are a warning), media types, headers, description, and each shared media type's schema.
 */
export function compareResponses(before: SnapshotOperation, after: SnapshotOperation, changes: OperationChanges): void {
  for (const [status, was] of Object.entries(before.responses)) {
    const is = after.responses[status]
    if (is === undefined) {
      const severity = isSuccess(status) ? 'breaking' : 'warning'
      changes.addChange(makeChange(changes.operation, 'response-status-removed', severity, ['responses', status], 'was removed', { before: status }))
    } else {
      compareResponse(status, was, is, changes)
    }
  }
  for (const status of Object.keys(after.responses)) {
    if (before.responses[status] === undefined) changes.addChange(makeChange(changes.operation, 'response-status-added', 'info', ['responses', status], 'was added', { after: status }))
  }
}

function compareResponse(status: string, was: ResponseSpec, is: ResponseSpec, changes: OperationChanges): void {
  const location = ['responses', status]
  if (was.description !== is.description) {
    changes.addChange(makeChange(changes.operation, 'response-description-changed', 'info', location, 'description changed', { before: was.description, after: is.description }))
  }
  for (const [mediaType, spec] of Object.entries(was.content)) {
    const current = is.content[mediaType]
    const mediaLocation = [...location, 'content', mediaType]
    // Callers that ask for or parse this media type get something else.
    if (current === undefined) changes.addChange(makeChange(changes.operation, 'response-media-type-removed', 'breaking', mediaLocation, 'is no longer returned', { before: mediaType }))
    else compareMediaType(spec, current, 'response', mediaLocation, changes)
  }
  for (const mediaType of Object.keys(is.content)) {
    if (was.content[mediaType] === undefined) {
      changes.addChange(makeChange(changes.operation, 'response-media-type-added', 'info', [...location, 'content', mediaType], 'can now be returned', { after: mediaType }))
    }
  }
  compareHeaders(status, was.headers ?? {}, is.headers ?? {}, changes)
}

/** Header names are case-insensitive on the wire. */
function byLowerName(headers: Record<string, HeaderSpec>): Map<string, [string, HeaderSpec]> {
  return new Map(Object.entries(headers).map(([name, spec]) => [name.toLowerCase(), [name, spec]]))
}

/**
 * Response headers. A removed header breaks readers, optional or not: like a removed optional
 * response property (issue 3), clients that read it silently lose it (issue 9: one question,
 * one answer).
 */
function compareHeaders(status: string, before: Record<string, HeaderSpec>, after: Record<string, HeaderSpec>, changes: OperationChanges): void {
  const was = byLowerName(before)
  const is = byLowerName(after)
  for (const [key, [name, spec]] of was) {
    const current = is.get(key)
    if (current === undefined) {
      changes.addChange(makeChange(changes.operation, 'response-header-removed', 'breaking', ['responses', status, 'headers', name], 'was removed', { before: name }))
      continue
    }
    const [currentName, currentSpec] = current
    const location = ['responses', status, 'headers', currentName]
    if (spec.required !== currentSpec.required) {
      if (currentSpec.required) changes.addChange(makeChange(changes.operation, 'response-header-became-required', 'info', location, 'is now always sent', { before: false, after: true }))
      else changes.addChange(makeChange(changes.operation, 'response-header-became-optional', 'breaking', location, 'is no longer always sent', { before: true, after: false }))
    }
    if (spec.description !== currentSpec.description) {
      changes.addChange(makeChange(changes.operation, 'response-header-description-changed', 'info', location, 'description changed', { before: spec.description, after: currentSpec.description }))
    }
    changes.compareSchemas(spec.schema, currentSpec.schema, 'response', location, 'response-header-')
  }
  for (const [key, [name]] of is) {
    if (!was.has(key)) changes.addChange(makeChange(changes.operation, 'response-header-added', 'info', ['responses', status, 'headers', name], 'was added', { after: name }))
  }
}
