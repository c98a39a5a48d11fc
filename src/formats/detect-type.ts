import { ParseError } from '../errors/errors.js'
import type { SourceType } from '../model/identity.js'
import { isRecord } from '../shared/json.js'
import { isIntrospectionResult, looksLikeSdl } from './graphql/recognise.js'
import { isOpenApiDocument } from './openapi/recognise.js'
import { parseDocument } from './parse-document.js'
import { isPostmanCollection } from './postman/recognise.js'

export { looksLikeSdl }

/**
 * The one type detector: each format contributes its recogniser of parsed documents, asked in this
 * order (an OpenAPI document is never taken for anything else). GraphQL SDL, which is not JSON or
 * YAML, is recognised from the text (`looksLikeSdl`).
 */
const DOCUMENT_RECOGNISERS: ReadonlyArray<readonly [SourceType, (document: Readonly<Record<string, unknown>>) => boolean]> = [
  ['openapi', isOpenApiDocument],
  ['graphql', isIntrospectionResult],
  ['postman', isPostmanCollection],
]

/** A text's kind, and its JSON or YAML value when it has one (hand it to the format as `ParseContext.parsed`). */
export interface InspectedDocument {
  type?: SourceType
  /** The parsed value, when the text is JSON or YAML (`undefined` for SDL, which formats read as text). */
  parsed?: unknown
  /** Why the text is neither JSON nor YAML, when it is not SDL either. */
  parseError?: ParseError
}

/**
 * Guesses which kind of API definition a text is, from its content (and its content type when the
 * server sent one): `openapi` (Swagger 2.0, OpenAPI 3.x; JSON or YAML), `graphql` (SDL or an
 * introspection result) or `postman` (collection v2.x). Returns `undefined` for anything else
 * (HTML pages, error bodies, unrelated JSON), never throws. Browser-safe.
 *
 * @example detectSourceType('{"openapi":"3.1.0","info":{},"paths":{}}') // 'openapi'
 */
export function detectSourceType(text: string, contentType?: string): SourceType | undefined {
  return inspectSourceText(text, contentType).type
}

/**
 * {@link detectSourceType}, keeping the parsed value so that the text is parsed once: pass it on as
 * `ParseContext.parsed`. An HTML page and an `application/graphql` body are not parsed.
 */
export function inspectSourceText(text: string, contentType?: string): InspectedDocument {
  const type = contentType?.toLowerCase() ?? ''
  // An HTML page (a Swagger UI, a login page, an SPA fallback) is never the document itself.
  if (type.includes('text/html') || /^\s*</.test(text)) return {}
  if (type.includes('application/graphql') && !type.includes('json')) return looksLikeSdl(text) ? { type: 'graphql' } : {}
  return inspectDocument(text, { contentType })
}

/**
 * Parses a text (JSON or YAML) and tells its kind. A syntax error is not thrown but returned as
 * `parseError` (the text may still be GraphQL SDL, which is neither).
 */
export function inspectDocument(text: string, options: { contentType?: string | undefined; sourceId?: string | undefined } = {}): InspectedDocument {
  let parsed: unknown
  try {
    parsed = parseDocument(text, options)
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    return isSdlText(text) ? { type: 'graphql' } : { parseError: error }
  }
  const type = detectDocumentType(parsed)
  if (type !== undefined) return { type, parsed }
  if (isSdlText(text)) return { type: 'graphql' }
  return { parsed }
}

/**
 * The kind of an already parsed document (`JSON.parse` or YAML output), or `undefined`.
 * Checks only the markers each format requires, so it is cheap on large documents.
 */
export function detectDocumentType(document: unknown): SourceType | undefined {
  if (!isRecord(document)) return undefined
  return DOCUMENT_RECOGNISERS.find(([, recognises]) => recognises(document))?.[0]
}

/** SDL is not JSON, and as YAML it fails or parses into nonsense: look at the text itself. */
function isSdlText(text: string): boolean {
  return !/^\s*[[{]/.test(text) && looksLikeSdl(text)
}
