/**
 * What a Postman file must carry for a request beyond Postman's own fields: our id, the operation
 * key, `deprecated`, and a body media type Postman's body alone cannot tell.
 *
 * Why the description: Postman regenerates or strips item ids on import and export
 * (postmanlabs/postman-app-support #2906, #8440) and drops unknown properties, but keeps a
 * request's description text verbatim. So the metadata rides at the end of the request
 * description as an HTML comment, which Postman's Markdown view does not show:
 *
 *     Returns one user.
 *
 *     <!-- api-live-sync {"id":"req-1a2b","operationKey":"GET /users/{id}"} -->
 */
export interface RequestMeta {
  id?: string
  operationKey?: string
  deprecated?: boolean
  /** Body media type to use while the Postman body is still of `bodyKind`. */
  bodyMediaType?: string
  bodyKind?: string
  /**
   * Path segments holding a parameter inside them (`thumbnail.{extension}`), by their index in the
   * path, as the request had them before `{extension}` was written as a `{{extension}}` variable.
   * Kept per segment, not per name, so a user's own `{{extension}}` elsewhere in the URL stays theirs.
   */
  segmentTemplates?: Record<string, string>
}

const MARKER_START = '<!-- api-live-sync '
const MARKER_END = ' -->'
const SEPARATOR = '\n\n'

/** The description text to write: the user's description, then the marker. */
export function writeMeta(description: string | undefined, meta: RequestMeta): string | undefined {
  if (Object.keys(meta).length === 0) return description
  // `>` escaped so no value can close the comment early.
  const marker = MARKER_START + JSON.stringify(meta).replace(/>/g, '\\u003e') + MARKER_END
  return description === undefined ? marker : description + SEPARATOR + marker
}

/** Splits a description into the user's text and the marker's metadata (empty when there is none). */
export function readMeta(text: string | undefined): { description: string | undefined; meta: RequestMeta } {
  if (text === undefined) return { description: undefined, meta: {} }
  const start = text.lastIndexOf(MARKER_START)
  const end = start === -1 ? -1 : text.indexOf(MARKER_END, start + MARKER_START.length)
  if (end === -1) return { description: text, meta: {} }
  const meta = parseMeta(text.slice(start + MARKER_START.length, end))
  if (meta === undefined) return { description: text, meta: {} }
  let before = text.slice(0, start)
  const after = text.slice(end + MARKER_END.length)
  if (before.endsWith(SEPARATOR)) before = before.slice(0, -SEPARATOR.length)
  else if (before === '' && after.trim() === '') return { description: undefined, meta }
  // Text a user typed after the marker in Postman stays part of the description.
  return { description: after.trim() === '' ? before : before + after, meta }
}

function parseMeta(json: string): RequestMeta | undefined {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const record = value as Record<string, unknown>
  const meta: RequestMeta = {}
  if (typeof record.id === 'string') meta.id = record.id
  if (typeof record.operationKey === 'string') meta.operationKey = record.operationKey
  if (typeof record.deprecated === 'boolean') meta.deprecated = record.deprecated
  if (typeof record.bodyMediaType === 'string') meta.bodyMediaType = record.bodyMediaType
  if (typeof record.bodyKind === 'string') meta.bodyKind = record.bodyKind
  const templates = record.segmentTemplates
  if (typeof templates === 'object' && templates !== null && !Array.isArray(templates)) {
    const entries = Object.entries(templates).filter((entry): entry is [string, string] => /^\d+$/.test(entry[0]) && typeof entry[1] === 'string')
    if (entries.length > 0) meta.segmentTemplates = Object.fromEntries(entries)
  }
  return meta
}
