import type { KeyValue } from '../model/collection.js'
import type { PostmanKeyValue, PostmanUrl } from './postman-types.js'
import { readRequestUrl, type KeyValueEntry } from '../formats/postman/request-url.js'
import { splitUrl } from './url-parts.js'
import { isRecord, stringOr } from './values.js'

/** A whole `{name}` path segment: a path parameter, which Postman writes `:name`. */
const TEMPLATE_SEGMENT = /^\{([^{}]+)\}$/
/** A whole `:name` path segment: a Postman path variable. */
const POSTMAN_SEGMENT = /^:(.+)$/

/** A `{name}` inside a path segment (`thumbnail.{extension}`), not a `{{variable}}`. */
const IN_SEGMENT_PARAMETER = /(?<!\{)\{([^{}]+)\}(?!\})/g

/**
 * A neutral URL and its query parameters as a Postman URL object. Path parameters become Postman
 * path variables (`/users/{id}` -> `/users/:id` plus a `variable` row with the value and
 * description of the request's `pathVariables` row) so Postman shows its path variable editor;
 * a parameter inside a segment, which Postman's `:name` cannot stand for, becomes a `{{name}}`
 * variable (its segment recorded in `segmentTemplates`). `raw` lists the enabled query parameters, `query`
 * lists them all with their disabled flags.
 */
export function toPostmanUrl(url: string, params: readonly KeyValue[], pathVariables: readonly KeyValue[] = [], segmentTemplates: Record<string, string> = {}): PostmanUrl {
  const parts = splitUrl(url)
  const segments = parts.path === '' ? [] : parts.path.slice(1).split('/')
  const variables: PostmanKeyValue[] = []
  const path = segments.map((segment, index) => {
    const parameter = TEMPLATE_SEGMENT.exec(segment)?.[1]
    if (parameter === undefined) {
      const written = segment.replace(IN_SEGMENT_PARAMETER, (_whole, name: string) => {
        // Listed too, so its value and description travel with the request (clients ignore the row).
        const row = pathVariables.find((candidate) => candidate.key === name)
        if (row !== undefined) variables.push(variableRow(name, row))
        return `{{${name}}}`
      })
      if (written !== segment) segmentTemplates[String(index)] = segment
      return written
    }
    variables.push(variableRow(parameter, pathVariables.find((candidate) => candidate.key === parameter)))
    return `:${parameter}`
  })
  const enabled = params.filter((param) => param.enabled).map((param) => (param.value === '' ? param.key : `${param.key}=${param.value}`))
  const queryText = enabled.length === 0 ? '' : (parts.suffix.includes('?') ? '&' : '?') + enabled.join('&')
  const postman: PostmanUrl = { raw: parts.origin + (segments.length === 0 ? '' : `/${path.join('/')}`) + parts.suffix + queryText }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(parts.origin)
  const authority = scheme === null ? parts.origin : parts.origin.slice(scheme[0].length)
  const port = /^(.*):(\d+)$/.exec(authority)
  const hostname = port === null ? authority : (port[1] ?? '')
  if (scheme !== null) postman.protocol = scheme[1] ?? ''
  postman.host = hostname.includes('{{') ? [hostname] : hostname.split('.')
  if (port !== null) postman.port = port[2] ?? ''
  postman.path = path
  postman.query = params.map(toPostmanRow)
  if (variables.length > 0) postman.variable = variables
  return postman
}

/** A segment with its `{name}` parameters as `{{name}}` variables, as `toPostmanUrl` writes it. */
function segmentAsWritten(template: string): string {
  return template.replace(IN_SEGMENT_PARAMETER, (_whole, name: string) => `{{${name}}}`)
}

function variableRow(key: string, row: KeyValue | undefined): PostmanKeyValue {
  const variable: PostmanKeyValue = { key, value: row?.value ?? '' }
  if (row?.description !== undefined) variable.description = row.description
  return variable
}

/** A neutral row as a Postman `{ key, value, disabled?, description? }` row. */
export function toPostmanRow(row: KeyValue): PostmanKeyValue {
  const postman: PostmanKeyValue = { key: row.key, value: row.value }
  if (!row.enabled) postman.disabled = true
  if (row.description !== undefined) postman.description = row.description
  return postman
}

/**
 * A Postman URL (a string, or an object with `raw` and/or its parts) as a neutral URL, query
 * parameters and path variables, read by the Postman format's one URL reader (`readRequestUrl`:
 * the structured parts win over `raw`, as in Postman itself), so the request and the diff's key
 * agree. Path variables become `{name}` again, their values and descriptions rows of
 * `pathVariables`; a segment listed in `segmentTemplates` gets its `{name}` parameters back while
 * it still reads as it was written (a segment the user edited stays theirs). The query string
 * moves to `params`.
 */
export function fromPostmanUrl(url: unknown, segmentTemplates: Readonly<Record<string, string>> = {}): { url: string; params: KeyValue[]; pathVariables: KeyValue[] } {
  const read = readRequestUrl(url, { asWritten: true })
  const params = read.query.map(neutralRow)
  const rows = new Map<string, KeyValue>()
  for (const variable of read.variables) {
    if (variable.key !== '' && !rows.has(variable.key)) rows.set(variable.key, { ...neutralRow(variable), enabled: true })
  }
  const parts = splitUrl((read.server ?? '') + read.path)
  const pathVariables: KeyValue[] = []
  const path = parts.path
    .split('/')
    .map((segment, position) => {
      const name = POSTMAN_SEGMENT.exec(segment)?.[1]
      if (name === undefined) {
        // `position - 1`: the path starts with '/', so its first segment is the second piece.
        const template = segmentTemplates[String(position - 1)]
        if (template === undefined || segmentAsWritten(template) !== segment) return segment
        for (const match of template.matchAll(IN_SEGMENT_PARAMETER)) {
          const row = rows.get(match[1] ?? '')
          if (row !== undefined && !pathVariables.includes(row)) pathVariables.push(row)
        }
        return template
      }
      const row = rows.get(name)
      if (row !== undefined && !pathVariables.includes(row)) pathVariables.push(row)
      return `{${name}}`
    })
    .join('/')
  return { url: parts.origin + path + (read.hash === undefined ? '' : `#${read.hash}`), params, pathVariables }
}

/** A row of the Postman format's reader as a neutral row. */
function neutralRow(row: KeyValueEntry): KeyValue {
  const result: KeyValue = { key: row.key, value: row.value ?? '', enabled: !row.disabled }
  if (row.description !== undefined) result.description = row.description
  return result
}

/** A Postman row (query, header, form field) as a neutral row; rows that are not objects are skipped. */
export function fromPostmanRow(row: unknown): KeyValue[] {
  if (!isRecord(row)) return []
  const result: KeyValue = { key: scalarText(row.key) ?? '', value: scalarText(row.value) ?? '', enabled: row.disabled !== true }
  const description = descriptionOf(row.description)
  if (description !== undefined) result.description = description
  return [result]
}

/** A Postman description: a string or `{ content, type }`. */
export function descriptionOf(value: unknown): string | undefined {
  return isRecord(value) ? stringOr(value.content) : stringOr(value)
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}
