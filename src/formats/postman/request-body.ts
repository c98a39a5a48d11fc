import { canonicalJson } from '../hash.js'
import type { RequestBodySpec } from '../../model/snapshot.js'
import { compareText } from '../../shared/compare-text.js'
import { descriptionText, isRecord, scalarText, stringOr } from './json-values.js'
import { isSecretName, redactSecretsInText } from './secret-names.js'

/** A request body: Postman's body mode and the body as a media type with an example. */
export interface RequestBodyDefinition {
  /** `raw`, `urlencoded`, `formdata`, `graphql` or `file`. */
  mode: string
  spec: RequestBodySpec
}

/** One field of an `urlencoded` or `formdata` body, as kept in the example. */
export interface BodyField {
  key: string
  /** `text` or `file` (form data only). */
  type?: string
  value?: string
  disabled?: boolean
  description?: string
}

/** What Postman's `options.raw.language` picker sends as the content type. */
const RAW_LANGUAGE_MEDIA_TYPES: Record<string, string> = {
  json: 'application/json',
  javascript: 'application/javascript',
  html: 'text/html',
  xml: 'application/xml',
  text: 'text/plain',
  graphql: 'application/graphql',
}

/**
 * Reads `request.body`. Returns `undefined` when the request sends no body: no mode, a disabled
 * body, or an empty one (Postman exports `{ "mode": "raw", "raw": "" }` for most GET requests).
 * `contentType` is the request's own Content-Type header, which overrides the mode's default.
 */
export function readRequestBody(body: unknown, contentType: string | undefined): RequestBodyDefinition | undefined {
  if (!isRecord(body) || body.disabled === true) return undefined
  const mode = stringOr(body.mode)
  const declared = mediaTypeOf(contentType)
  switch (mode) {
    case 'raw': {
      const text = scalarText(body.raw) ?? ''
      if (text === '') return undefined
      const language = isRecord(body.options) && isRecord(body.options.raw) ? stringOr(body.options.raw.language) : undefined
      const mediaType = declared ?? (language === undefined ? undefined : RAW_LANGUAGE_MEDIA_TYPES[language]) ?? 'text/plain'
      return bodyOf(mode, mediaType, redactSecretsInText(text))
    }
    case 'urlencoded':
    case 'formdata': {
      const fields = formFields(body[mode])
      if (fields.length === 0) return undefined
      // The mode fixes the encoding (form data needs Postman's generated boundary), whatever the header says.
      return bodyOf(mode, mode === 'urlencoded' ? 'application/x-www-form-urlencoded' : 'multipart/form-data', fields)
    }
    case 'graphql': {
      const graphql = isRecord(body.graphql) ? body.graphql : {}
      const query = stringOr(graphql.query) ?? ''
      if (query === '') return undefined
      const variables = stringOr(graphql.variables)
      // Postman posts GraphQL as a JSON `{ query, variables }` document.
      return bodyOf(mode, declared ?? 'application/json', variables ? { query, variables: redactSecretsInText(variables) } : { query })
    }
    case 'file': {
      // `file.src` is a path on the exporter's machine: not part of the API, so no example. No file chosen, no body.
      if (!isRecord(body.file) || !(stringOr(body.file.src) || stringOr(body.file.content))) return undefined
      return bodyOf(mode, declared ?? 'application/octet-stream', undefined)
    }
    default:
      return undefined
  }
}

function bodyOf(mode: string, mediaType: string, example: unknown): RequestBodyDefinition {
  return { mode, spec: { content: { [mediaType]: example === undefined ? {} : { example } }, required: true } }
}

/** `application/json; charset=utf-8` -> `application/json`; templated values (`{{type}}`) are unknown. */
function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined || contentType.includes('{{')) return undefined
  const mediaType = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase()
  return mediaType === '' ? undefined : mediaType
}

/** Form fields sorted by key (their order in the editor is not part of the API); rows without a key are skipped. */
function formFields(rows: unknown): BodyField[] {
  if (!Array.isArray(rows)) return []
  const fields: BodyField[] = []
  for (const row of rows) {
    const key = isRecord(row) ? scalarText(row.key) : undefined
    if (!isRecord(row) || key === undefined || key === '') continue
    const type = stringOr(row.type)
    // A file field's `src` is a path on the exporter's machine: keep only that it is a file.
    const value = scalarText(row.value)
    const description = descriptionText(row.description)
    // Keys assigned in sorted order, like every object of an operation (see buildOperation);
    // assignment, not spreading, keeps the objects fast to build and to serialize.
    const before: Pick<BodyField, 'description' | 'disabled'> = {}
    if (description !== undefined) before.description = description
    if (row.disabled === true) before.disabled = true
    const field = before as BodyField
    field.key = key
    if (type !== undefined && type !== 'text') field.type = type
    if (value !== undefined && type !== 'file' && !isSecretName(key)) field.value = value
    fields.push(field)
  }
  // Fields that share a key (`expand[]`) are ordered by content; serializing only on a tie keeps this cheap.
  return fields.sort((a, b) => compareText(a.key, b.key) || compareText(canonicalJson(a), canonicalJson(b)))
}
