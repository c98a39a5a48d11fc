import { createChange, type AddChange } from '../../../diff/create-change.js'
import type { SnapshotOperation } from '../../../model/snapshot.js'
import { describeRequest, type RequestPair } from './request-rule.js'
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
export function diffRequestBody({ before, after }: RequestPair, addChange: AddChange): void {
  const old = bodyView(before)
  const current = bodyView(after)
  const request = describeRequest(after)
  if (old === undefined && current !== undefined) {
    addChange(
      createChange('request-body-added', 'warning', {
        operation: after.key,
        location: ['requestBody'],
        message: `${request} now sends a ${current.mediaType} body`,
        after: { mode: current.mode, mediaType: current.mediaType },
      }),
    )
    return
  }
  if (old !== undefined && current === undefined) {
    addChange(
      createChange('request-body-removed', 'warning', {
        operation: after.key,
        location: ['requestBody'],
        message: `${request} no longer sends a body`,
        before: { mode: old.mode, mediaType: old.mediaType },
      }),
    )
    return
  }
  if (old === undefined || current === undefined) return
  if (old.mode !== current.mode || old.mediaType !== current.mediaType) {
    addChange(
      createChange('request-body-media-type-changed', 'breaking', {
        operation: after.key,
        location: ['requestBody'],
        message: `${request} now sends a ${current.mode} body (${current.mediaType}) instead of ${old.mode} (${old.mediaType})`,
        before: { mode: old.mode, mediaType: old.mediaType },
        after: { mode: current.mode, mediaType: current.mediaType },
      }),
    )
    return
  }
  if (FORM_MODES.has(current.mode)) {
    diffFormFields(after, current.mediaType, fieldsOf(old.example), fieldsOf(current.example), addChange)
    return
  }
  if (sameJson(old.example, current.example)) return
  addChange(
    createChange('request-body-changed', 'info', {
      operation: after.key,
      location: ['requestBody', current.mediaType],
      message: `The ${current.mode} body of ${request} changed`,
      before: old.example,
      after: current.example,
    }),
  )
}

function diffFormFields(after: SnapshotOperation, mediaType: string, old: BodyField[], current: BodyField[], addChange: AddChange): void {
  const request = describeRequest(after)
  const fieldsBefore = groupByKey(old)
  const fieldsAfter = groupByKey(current)
  for (const [key, fields] of fieldsAfter) {
    const location = ['requestBody', mediaType, 'fields', key]
    const previous = fieldsBefore.get(key)
    if (previous === undefined) {
      addChange(
        createChange('request-body-field-added', 'info', {
          operation: after.key,
          location,
          message: `Form field "${key}" was added to ${request}`,
          after: single(fields),
        }),
      )
    } else if (!sameJson(previous, fields)) {
      addChange(
        createChange('request-body-field-changed', 'info', {
          operation: after.key,
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
    addChange(
      createChange('request-body-field-removed', 'warning', {
        operation: after.key,
        location: ['requestBody', mediaType, 'fields', key],
        message: `Form field "${key}" was removed from ${request}`,
        before: single(fields),
      }),
    )
  }
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
