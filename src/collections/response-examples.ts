import type { SnapshotOperation } from '../model/snapshot.js'
import { bodyText, preferredMediaType } from './body-text.js'
import { firstNamedExample } from './parameter-values.js'

/** Reason phrases for the status codes specs use most. */
const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  410: 'Gone', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
}

/**
 * Saved example responses (Postman `response[]` items) from the spec: one per response that
 * declares an example (the media type's `example`, else its first named example), in status
 * order. Responses with only a schema get no example: an invented body would read as real data.
 */
export function responseExamples(operation: SnapshotOperation, requestName: string): Array<Record<string, unknown>> {
  const examples: Array<Record<string, unknown>> = []
  for (const status of Object.keys(operation.responses).sort()) {
    const response = operation.responses[status]!
    const mediaType = preferredMediaType(Object.keys(response.content))
    if (mediaType === undefined) continue
    const media = response.content[mediaType] ?? {}
    const example = media.example !== undefined ? media.example : firstNamedExample(media.examples)
    if (example === undefined) continue
    const code = /^\d{3}$/.test(status) ? Number(status) : status.startsWith('2') || status === 'default' ? 200 : Number(`${status.charAt(0)}00`) || 200
    const description = response.description?.trim()
    examples.push({
      name: description !== undefined && description !== '' ? description : `${requestName} ${status}`,
      status: STATUS_TEXT[code] ?? '',
      code,
      header: [{ key: 'Content-Type', value: mediaType }],
      body: bodyText(mediaType, example),
      _postman_previewlanguage: previewLanguage(mediaType),
    })
  }
  return examples
}

function previewLanguage(mediaType: string): string {
  if (/json/i.test(mediaType)) return 'json'
  if (/xml/i.test(mediaType)) return 'xml'
  if (/html/i.test(mediaType)) return 'html'
  return 'text'
}
