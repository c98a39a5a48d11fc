import { InvalidSpecError } from '../../errors/errors.js'
import type { OpenApiFamily } from './context.js'
import { getOwn, isRecord, type JsonObject } from './own.js'
import { describeNonOpenApi } from './sniff-other-formats.js'

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
