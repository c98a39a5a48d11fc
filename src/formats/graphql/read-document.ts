import type { IntrospectionQuery } from 'graphql'
import { InvalidSpecError } from '../../errors/errors.js'
import { detectDocumentType } from '../detect-type.js'
import { parseJson } from '../parse-document.js'
import { isIntrospectionResult } from './recognise.js'
import { capitalised, documentSubject } from './text.js'
import { isRecord } from '../../shared/json.js'

/** A GraphQL schema document before it is built: SDL text, or an introspection result. */
export type GraphqlDocument = { kind: 'sdl'; text: string } | { kind: 'introspection'; result: IntrospectionQuery }

/** Most server error messages shown when an introspection answer carries only errors. */
const MAX_REPORTED_ERRORS = 3

/**
 * Tells SDL from introspection JSON (`{"data":{"__schema":...}}` or `{"__schema":...}`) and
 * rejects documents of another kind (OpenAPI, Postman, other JSON) with an `InvalidSpecError`
 * naming the source. Broken JSON gives a `ParseError`.
 */
export function readGraphqlDocument(text: string, context: { sourceId?: string | undefined; contentType?: string | undefined; parsed?: unknown }): GraphqlDocument {
  const { sourceId, contentType } = context
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  // The first few KB after leading whitespace decide the kind; no need to copy a megabyte.
  const first = body.search(/\S/)
  const start = first === -1 ? '' : body.slice(first, first + 4096)
  const declaredJson = contentType?.toLowerCase().includes('json') === true
  if (declaredJson || start.startsWith('{') || start.startsWith('[')) {
    // JSON the caller parsed already (to detect its type) is not parsed again.
    if (context.parsed !== undefined) return { kind: 'introspection', result: introspectionFrom(context.parsed, sourceId) }
    let value: unknown
    try {
      value = JSON.parse(body)
    } catch {
      // `{ user { id } }` is a GraphQL query, not broken JSON: let the SDL path reject it.
      if (declaredJson || /^(?:\{\s*"|\[)/.test(start)) parseJson(body, sourceId)
      return { kind: 'sdl', text: body }
    }
    return { kind: 'introspection', result: introspectionFrom(value, sourceId) }
  }
  if (/^\s*["']?(?:openapi|swagger)["']?\s*:/m.test(start)) {
    throw notGraphql('an OpenAPI document (YAML)', sourceId)
  }
  return { kind: 'sdl', text: body }
}

function introspectionFrom(value: unknown, sourceId: string | undefined): IntrospectionQuery {
  if (isRecord(value)) {
    if (isIntrospectionResult(value)) return (isRecord(value.__schema) ? value : value.data) as unknown as IntrospectionQuery
    if (Array.isArray(value.errors)) throw serverErrors(value.errors, sourceId)
  }
  throw notGraphql(describeJson(value), sourceId)
}

function serverErrors(errors: unknown[], sourceId: string | undefined): InvalidSpecError {
  const messages = errors
    .slice(0, MAX_REPORTED_ERRORS)
    .map((error) => (isRecord(error) && typeof error.message === 'string' ? error.message : JSON.stringify(error)))
  const more = errors.length > MAX_REPORTED_ERRORS ? ` (and ${errors.length - MAX_REPORTED_ERRORS} more)` : ''
  return new InvalidSpecError(
    `${capitalised(documentSubject(sourceId))} holds GraphQL errors instead of an introspection result (is introspection disabled?): ${messages.join('; ')}${more}`,
    { sourceId },
  )
}

/** What a JSON document that is no introspection result is, as the one type detector tells it. */
function describeJson(value: unknown): string {
  if (!isRecord(value)) return 'JSON but not an object'
  const kind = detectDocumentType(value)
  if (kind === 'openapi') return 'an OpenAPI document'
  if (kind === 'postman') return 'a Postman collection'
  return 'a JSON document without "__schema"'
}

function notGraphql(kind: string, sourceId: string | undefined): InvalidSpecError {
  return new InvalidSpecError(
    `${capitalised(documentSubject(sourceId))} is ${kind}, not a GraphQL schema (SDL, or an introspection result with "__schema")`,
    { sourceId },
  )
}
