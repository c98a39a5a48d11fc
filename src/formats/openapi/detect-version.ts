import { InvalidSpecError } from '../../errors/errors.js'
import type { OpenApiFamily } from './context.js'
import { detectDocumentType, looksLikeSdl } from '../detect-type.js'
import { getOwn, isRecord, type JsonObject } from './own.js'

/** What the document declares itself to be. */
export interface DetectedVersion {
  root: JsonObject
  family: OpenApiFamily
  /** The version as declared: `2.0`, `3.0.3`, `3.1.0`. */
  specVersion: string
}

const SUPPORTED = 'Swagger 2.0, OpenAPI 3.0.x and 3.1.x are supported'

/**
 * Recognises Swagger 2.0 (`swagger: "2.0"`) and OpenAPI 3.0.x / 3.1.x (`openapi: "3.x.y"`).
 * Anything else (another version, a GraphQL schema, a Postman collection, an array, a scalar, an
 * unrelated object) is an InvalidSpecError naming the source and what was found.
 */
export function detectOpenApiVersion(document: unknown, sourceId: string, text: string): DetectedVersion {
  const label = `The document of source "${sourceId}"`
  if (!isRecord(document)) {
    throw new InvalidSpecError(`${label} is not an OpenAPI or Swagger document: found ${describeNonOpenApi(document, text)}`, { sourceId })
  }
  const swagger = getOwn(document, 'swagger')
  const openapi = getOwn(document, 'openapi')
  if (swagger !== undefined) {
    // Unquoted YAML `swagger: 2.0` parses as the number 2.
    if (swagger === '2.0' || swagger === 2) return { root: document, family: '2.0', specVersion: '2.0' }
    throw new InvalidSpecError(`${label} declares swagger ${JSON.stringify(swagger)}; ${SUPPORTED}`, { sourceId })
  }
  if (openapi !== undefined) {
    const specVersion = typeof openapi === 'number' ? numberVersion(openapi) : openapi
    if (typeof specVersion === 'string') {
      if (/^3\.0(?:\.\d+)?(?:-[\w.]+)?$/.test(specVersion)) return { root: document, family: '3.0', specVersion }
      if (/^3\.1(?:\.\d+)?(?:-[\w.]+)?$/.test(specVersion)) return { root: document, family: '3.1', specVersion }
    }
    throw new InvalidSpecError(`${label} declares openapi ${JSON.stringify(openapi)}; ${SUPPORTED}`, { sourceId })
  }
  throw new InvalidSpecError(
    `${label} is not an OpenAPI or Swagger document (no "openapi" or "swagger" field): found ${describeNonOpenApi(document, text)}`,
    { sourceId },
  )
}

/** Unquoted YAML `openapi: 3.0` / `3.1` parses as a number. */
function numberVersion(version: number): string {
  return Number.isInteger(version) ? `${version}.0` : String(version)
}

/** Names the kind of a parsed document that is not OpenAPI, as the one type detector tells it: a Postman collection, a GraphQL introspection result, ... */
function describeNonOpenApi(document: unknown, text: string): string {
  if (document === null || document === undefined) return 'an empty document'
  if (Array.isArray(document)) return 'an array'
  if (typeof document === 'string') return looksLikeSdl(text) ? 'a GraphQL schema (SDL)' : 'a plain string'
  if (!isRecord(document)) return `a ${typeof document}`
  const kind = detectDocumentType(document)
  if (kind === 'postman') return 'a Postman collection'
  if (kind === 'graphql') return 'a GraphQL introspection result'
  const keys = Object.keys(document)
  const shown = keys.slice(0, 5).map((key) => `"${key.slice(0, 40)}"`).join(', ')
  return keys.length === 0 ? 'an empty object' : `an object with the keys ${shown}${keys.length > 5 ? ', ...' : ''}`
}
