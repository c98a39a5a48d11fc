import type { ResponseSpec } from '../../model/snapshot.js'
import { isRecord, scalarText, stringOr } from './json-values.js'
import { headerValue, readHeaders } from './request-headers.js'
import { redactSecretsInText } from './secret-names.js'

/** What Postman's preview picker (`_postman_previewlanguage`) shows a saved body as. */
const PREVIEW_MEDIA_TYPES: Record<string, string> = {
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  javascript: 'application/javascript',
  text: 'text/plain',
}

/**
 * Turns an item's saved examples (`item.response[]`) into responses keyed by status code. The
 * body becomes the example of its media type; when several examples share a code and media type
 * the first one in the collection is kept, so the result does not depend on anything but order.
 */
export function readSavedResponses(examples: readonly unknown[]): Record<string, ResponseSpec> {
  const responses: Record<string, ResponseSpec> = {}
  for (const example of examples) {
    if (!isRecord(example)) continue
    const status = scalarText(example.code) ?? 'default'
    const response = (responses[status] ??= { content: {} })
    const name = stringOr(example.name) ?? stringOr(example.status)
    if (response.description === undefined && name !== undefined && name !== '') response.description = name
    const body = scalarText(example.body)
    const mediaType = responseMediaType(example)
    if (mediaType === undefined && (body === undefined || body === '')) continue
    const key = mediaType ?? 'text/plain'
    if (response.content[key] === undefined) response.content[key] = body === undefined || body === '' ? {} : { example: redactSecretsInText(body) }
  }
  return responses
}

function responseMediaType(example: Record<string, unknown>): string | undefined {
  const header = headerValue(readHeaders(example.header), 'content-type')
  const fromHeader = header === undefined ? undefined : (header.split(';', 1)[0] ?? '').trim().toLowerCase()
  if (fromHeader) return fromHeader
  const preview = stringOr(example._postman_previewlanguage)
  return preview === undefined ? undefined : PREVIEW_MEDIA_TYPES[preview]
}
