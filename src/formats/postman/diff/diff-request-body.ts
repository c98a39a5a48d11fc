import type { Change } from '../../../model/change.js'
import type { SnapshotOperation } from '../../../model/snapshot.js'
import { describeRequest, requestChange, type RequestPair } from './change-record.js'
import type { BodyField } from '../request-body.js'
import { sameJson } from '../../../shared/json.js'

/** A request's body reduced to what the rules compare. */
interface BodyView {
  mode: string
  mediaType: string
  example: unknown
}

const FORM_MODES: ReadonlySet<string> = new Set(['urlencoded', 'formdata'])

/**
 * Body rules: a body added or removed, a different body mode or media type (the server reads it
 * differently: breaking), form fields added, removed or changed, and a different example text.
 */
export function diffRequestBody({ before, after }: RequestPair): Change[] {
  const old = bodyView(before)
  const current = bodyView(after)
  const request = describeRequest(after)
  if (old === undefined && current !== undefined) {
    return [
      requestChange(after, {
        kind: 'request-body-added',
        severity: 'warning',
        location: ['requestBody'],
        message: `${request} now sends a ${current.mediaType} body`,
        after: { mode: current.mode, mediaType: current.mediaType },
      }),
    ]
  }
  if (old !== undefined && current === undefined) {
    return [
      requestChange(after, {
        kind: 'request-body-removed',
        severity: 'warning',
        location: ['requestBody'],
        message: `${request} no longer sends a body`,
        before: { mode: old.mode, mediaType: old.mediaType },
      }),
    ]
  }
  if (old === undefined || current === undefined) return []
  if (old.mode !== current.mode || old.mediaType !== current.mediaType) {
    return [
      requestChange(after, {
        kind: 'request-body-media-type-changed',
        severity: 'breaking',
        location: ['requestBody'],
        message: `${request} now sends a ${current.mode} body (${current.mediaType}) instead of ${old.mode} (${old.mediaType})`,
        before: { mode: old.mode, mediaType: old.mediaType },
        after: { mode: current.mode, mediaType: current.mediaType },
      }),
    ]
  }
  if (FORM_MODES.has(current.mode)) return diffFormFields(after, current.mediaType, fieldsOf(old.example), fieldsOf(current.example))
  if (sameJson(old.example, current.example)) return []
  return [
    requestChange(after, {
      kind: 'request-body-changed',
      severity: 'info',
      location: ['requestBody', current.mediaType],
      message: `The ${current.mode} body of ${request} changed`,
      before: old.example,
      after: current.example,
    }),
  ]
}

function diffFormFields(after: SnapshotOperation, mediaType: string, old: BodyField[], current: BodyField[]): Change[] {
  const request = describeRequest(after)
  const fieldsBefore = groupByKey(old)
  const fieldsAfter = groupByKey(current)
  const changes: Change[] = []
  for (const [key, fields] of fieldsAfter) {
    const location = ['requestBody', mediaType, 'fields', key]
    const previous = fieldsBefore.get(key)
    if (previous === undefined) {
      changes.push(
        requestChange(after, {
          kind: 'request-body-field-added',
          severity: 'info',
          location,
          message: `Form field "${key}" was added to ${request}`,
          after: single(fields),
        }),
      )
    } else if (!sameJson(previous, fields)) {
      changes.push(
        requestChange(after, {
          kind: 'request-body-field-changed',
          severity: 'info',
          location,
          message: `Form field "${key}" of ${request} changed`,
          before: single(previous),
          after: single(fields),
        }),
      )
    }
  }
  for (const [key, fields] of fieldsBefore) {
    if (fieldsAfter.has(key)) continue
    changes.push(
      requestChange(after, {
        kind: 'request-body-field-removed',
        severity: 'warning',
        location: ['requestBody', mediaType, 'fields', key],
        message: `Form field "${key}" was removed from ${request}`,
        before: single(fields),
      }),
    )
  }
  return changes
}

function bodyView(operation: SnapshotOperation): BodyView | undefined {
  const content = operation.requestBody?.content
  if (content === undefined) return undefined
  const [mediaType, media] = Object.entries(content)[0] ?? []
  if (mediaType === undefined) return undefined
  const mode = operation.extra?.bodyMode
  return { mode: typeof mode === 'string' ? mode : 'raw', mediaType, example: media?.example }
}

function fieldsOf(example: unknown): BodyField[] {
  return Array.isArray(example) ? (example as BodyField[]) : []
}

function groupByKey(fields: readonly BodyField[]): Map<string, BodyField[]> {
  const groups = new Map<string, BodyField[]>()
  for (const field of fields) {
    const group = groups.get(field.key)
    if (group) group.push(field)
    else groups.set(field.key, [field])
  }
  return groups
}

function single(fields: BodyField[]): BodyField | BodyField[] {
  return fields.length === 1 ? fields[0]! : fields
}
