import { InvalidSpecError, ParseError } from '../../errors/errors.js'
import { detectDocumentType } from '../detect-type.js'
import { detectSyntax, parseDocument } from '../parse-document.js'
import type { ParseContext } from '../types.js'
import { describeJsonType, isRecord, stringOr } from './json-values.js'

/** Collection format versions this reader understands, as `info.schema` names them. */
export type CollectionVersion = '2.0.0' | '2.1.0'

/** A parsed document known to be a Postman collection v2.0 or v2.1. */
export interface CollectionDocument {
  /** The collection object (unwrapped when the document was `{ "collection": {...} }`). */
  root: Record<string, unknown> & { info: Record<string, unknown>; item: unknown[] }
  version: CollectionVersion
}

const SUPPORTED_VERSIONS: ReadonlySet<string> = new Set<CollectionVersion>(['2.0.0', '2.1.0'])

/** `https://schema.getpostman.com/json/collection/v2.1.0/collection.json` (and the schema.postman.com host). */
const SCHEMA_VERSION = /\/collection\/v(\d+\.\d+\.\d+)\//

/**
 * Parses a document and checks that it is a Postman collection v2.0 or v2.1. JSON syntax errors
 * are `ParseError`s; a document of any other kind is an `InvalidSpecError` that says what it looks like.
 */
export function readCollection(text: string, context: ParseContext): CollectionDocument {
  const document = context.parsed !== undefined ? context.parsed : parseText(text, context)
  const invalid = (reason: string): InvalidSpecError =>
    new InvalidSpecError(`${sourceLabel(context.sourceId)} is not a Postman collection: ${reason}`, { sourceId: context.sourceId })
  if (!isRecord(document)) throw invalid(`expected a JSON object, got ${describeJsonType(document)}`)
  // The Postman API (GET /collections/{id}) wraps the collection in `{ "collection": ... }`.
  const root = !('info' in document) && isRecord(document.collection) ? document.collection : document
  const otherKind = recognizeOtherKind(root)
  if (otherKind) throw invalid(`it looks like ${otherKind}`)
  const info = root.info
  if (!isRecord(info)) throw invalid('it has no "info" object')
  const schema = stringOr(info.schema)
  if (schema === undefined) throw invalid('"info.schema" is missing, so the collection format version is unknown')
  const version = SCHEMA_VERSION.exec(schema)?.[1]
  if (version === undefined || !SUPPORTED_VERSIONS.has(version)) {
    throw invalid(`"info.schema" (${schema}) names a format other than collection v2.0.0 or v2.1.0`)
  }
  const item = root.item
  if (!Array.isArray(item)) throw invalid(`"item" must be an array, got ${describeJsonType(item)}`)
  return { root: { ...root, info, item }, version: version as CollectionVersion }
}

/** Collections are JSON; text that is neither JSON nor YAML (GraphQL SDL, HTML) is another kind of document, not a broken collection. */
function parseText(text: string, context: ParseContext): unknown {
  const options = { sourceId: context.sourceId, contentType: context.contentType }
  if (detectSyntax(text, context.contentType) === 'json') return parseDocument(text, options)
  try {
    return parseDocument(text, options)
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    throw new InvalidSpecError(
      `${sourceLabel(context.sourceId)} is not a Postman collection: Postman collections are JSON, and this text is neither JSON nor YAML`,
      { sourceId: context.sourceId, cause: error },
    )
  }
}

/** What a document that is no collection is, as the one type detector tells it (plus collection v1, which it does not know). */
function recognizeOtherKind(root: Record<string, unknown>): string | undefined {
  const kind = detectDocumentType(root)
  if (kind === 'openapi') return root.openapi !== undefined ? `an OpenAPI ${String(root.openapi)} document` : `a Swagger ${String(root.swagger)} document`
  if (kind === 'graphql') return 'a GraphQL introspection result'
  // Collection format v1: flat `requests` plus `order`, no `item` tree.
  if (Array.isArray(root.requests) && !('item' in root)) return 'a Postman collection v1, which is not supported (export it as v2.1)'
  return undefined
}

function sourceLabel(sourceId: string | undefined): string {
  return sourceId === undefined ? 'The document' : `The document of source "${sourceId}"`
}
