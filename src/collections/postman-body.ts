import { isBinaryMediaType, isFormMediaType, isJsonMediaType, isXmlMediaType, mediaTypeEssence } from './body-text.js'
import type { KeyValue, RequestBody } from '../model/collection.js'
import type { PostmanBody, PostmanKeyValue } from './postman-types.js'
import { isRecord, stringOr } from './values.js'

/** Media types Postman's raw-body language picker stands for. */
const LANGUAGE_MEDIA_TYPES: Record<string, string> = {
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  javascript: 'application/javascript',
  text: 'text/plain',
}

/**
 * A neutral body as a Postman body: forms as `urlencoded` / `formdata` rows when the text is a
 * plain `key=value&...` list, an empty binary body (`application/octet-stream`, images, ...) as
 * `file` mode for the user to pick a file, a GraphQL document (`{ query, variables }` JSON) in
 * `graphql` mode, everything else `raw` with the language Postman's editor shows.
 */
export function toPostmanBody(body: RequestBody): PostmanBody {
  const essence = mediaTypeEssence(body.mediaType)
  if (body.text === '' && isBinaryMediaType(essence)) return { mode: 'file', file: {} }
  const graphql = isJsonMediaType(essence) ? graphqlBody(body.text) : undefined
  if (graphql !== undefined) return graphql
  if (isFormMediaType(essence)) {
    const rows = formRows(body.text)
    if (rows !== undefined && formText(rows) === body.text) {
      return essence === 'multipart/form-data'
        ? { mode: 'formdata', formdata: rows.map((row) => ({ ...row, type: 'text' })) }
        : { mode: 'urlencoded', urlencoded: rows }
    }
  }
  return { mode: 'raw', raw: body.text, options: { raw: { language: rawLanguage(essence) } } }
}

/** A `{ query, variables? }` JSON text whose query is a GraphQL operation, in Postman's GraphQL mode; else `undefined`. */
function graphqlBody(text: string): PostmanBody | undefined {
  if (!/^\s*\{\s*"query"/.test(text)) return undefined
  const document = parseJson(text)
  if (!isRecord(document) || typeof document.query !== 'string' || !/^\s*(query|mutation|subscription|fragment|\{)/.test(document.query)) return undefined
  if (Object.keys(document).some((key) => key !== 'query' && key !== 'variables')) return undefined
  const postman: PostmanBody = { mode: 'graphql', graphql: { query: document.query, variables: document.variables === undefined ? '' : JSON.stringify(document.variables, null, 2) } }
  // Only when reading it back gives this text again: the model keeps the text as it is.
  return fromPostmanBody(postman, [])?.text === text ? postman : undefined
}

function rawLanguage(essence: string): string {
  if (isJsonMediaType(essence)) return 'json'
  if (isXmlMediaType(essence)) return 'xml'
  if (essence === 'text/html') return 'html'
  if (essence === 'application/javascript' || essence === 'text/javascript') return 'javascript'
  return 'text'
}

/**
 * What a Postman body looks like to the reader: its mode and raw language (`raw:json`,
 * `urlencoded`). The exporter records it next to a media type the body alone cannot tell, so
 * the reader trusts that media type only while the user has not switched the body to another kind.
 */
export function postmanBodyKind(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined
  const mode = stringOr(body.mode)
  if (mode !== 'raw') return mode
  const language = isRecord(body.options) && isRecord(body.options.raw) ? stringOr(body.options.raw.language) : undefined
  return `raw:${language ?? 'text'}`
}

/**
 * A Postman body as a neutral body, or `undefined` for none (no mode, disabled, or an empty raw
 * body, which Postman writes for most GET requests). The media type comes from `mediaType` (the
 * exporter's record, when given), else the request's enabled Content-Type header, else the mode.
 * Form rows become `key=value&...` text (disabled rows left out); GraphQL bodies become their
 * JSON `{ query, variables }` document.
 */
export function fromPostmanBody(body: unknown, headers: readonly KeyValue[], mediaType?: string): RequestBody | undefined {
  if (!isRecord(body) || body.disabled === true) return undefined
  const declared = mediaType ?? headers.find((header) => header.enabled && header.key.toLowerCase() === 'content-type')?.value
  switch (stringOr(body.mode)) {
    case 'raw': {
      const text = typeof body.raw === 'string' ? body.raw : ''
      if (text === '' && mediaType === undefined) return undefined
      const language = postmanBodyKind(body)?.slice('raw:'.length) ?? 'text'
      return { mediaType: declared ?? LANGUAGE_MEDIA_TYPES[language] ?? 'text/plain', text }
    }
    case 'urlencoded':
      return { mediaType: mediaType ?? 'application/x-www-form-urlencoded', text: formText(enabledRows(body.urlencoded)) }
    case 'formdata':
      return { mediaType: mediaType ?? 'multipart/form-data', text: formText(enabledRows(body.formdata, true)) }
    case 'graphql': {
      const graphql = isRecord(body.graphql) ? body.graphql : {}
      const variables = parseJson(stringOr(graphql.variables) ?? '')
      const document = variables === undefined ? { query: stringOr(graphql.query) ?? '' } : { query: stringOr(graphql.query) ?? '', variables }
      return { mediaType: declared ?? 'application/json', text: JSON.stringify(document, null, 2) }
    }
    case 'file':
      return { mediaType: declared ?? 'application/octet-stream', text: '' }
    default:
      return undefined
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Enabled text rows of a form body (file rows in form data have no text to keep). */
function enabledRows(rows: unknown, formData = false): PostmanKeyValue[] {
  if (!Array.isArray(rows)) return []
  return rows.flatMap((row): PostmanKeyValue[] => {
    if (!isRecord(row) || row.disabled === true || (formData && row.type === 'file')) return []
    const key = stringOr(row.key) ?? ''
    return [{ key, value: typeof row.value === 'string' ? row.value : row.value === undefined || row.value === null ? '' : String(row.value) }]
  })
}

/** `a=1&b=x%20y` as rows with decoded text; `undefined` when the text is not such a list. */
function formRows(text: string): PostmanKeyValue[] | undefined {
  if (text === '') return []
  try {
    return text.split('&').map((pair) => {
      const equals = pair.indexOf('=')
      const key = equals === -1 ? pair : pair.slice(0, equals)
      const value = equals === -1 ? '' : pair.slice(equals + 1)
      return { key: decodeURIComponent(key), value: decodeURIComponent(value) }
    })
  } catch {
    return undefined
  }
}

/** Rows as `key=value&...`, percent-encoded like a form but with `{{variables}}` left readable. */
function formText(rows: readonly PostmanKeyValue[]): string {
  return rows.map((row) => `${encodePart(row.key)}=${encodePart(row.value)}`).join('&')
}

function encodePart(text: string): string {
  return text
    .split(/(\{\{[^{}]*\}\})/)
    .map((part, index) => (index % 2 === 1 ? part : encodeURIComponent(part)))
    .join('')
}
