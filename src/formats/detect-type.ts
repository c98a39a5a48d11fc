import { parseDocument } from './parse-document.js'
import type { SourceType } from '../model/identity.js'
import { isRecord } from '../shared/json.js'

/**
 * A top-level GraphQL SDL definition: `type Query {`, `extend type X @key(...) {`, `schema {`,
 * `enum Color {`, `union Pet = ...`, `scalar Date`, `directive @auth`. Anchored at a line start so
 * prose or HTML that merely contains the word "type" is not mistaken for a schema.
 */
const SDL_DEFINITION =
  /^[ \t]*(?:extend[ \t]+)?(?:(?:type|interface|input|enum)[ \t]+[_A-Za-z]\w*[^{\n]*\{|schema[ \t]*(?:@[^{\n]*)?\{|union[ \t]+[_A-Za-z]\w*[^=\n]*=|scalar[ \t]+[_A-Za-z]\w*|directive[ \t]+@[_A-Za-z])/m

/**
 * Guesses which kind of API definition a text is, from its content (and its content type when the
 * server sent one): `openapi` (Swagger 2.0, OpenAPI 3.x; JSON or YAML), `graphql` (SDL or an
 * introspection result) or `postman` (collection v2.x). Returns `undefined` for anything else
 * (HTML pages, error bodies, unrelated JSON), never throws. Browser-safe.
 *
 * @example detectSourceType('{"openapi":"3.1.0","info":{},"paths":{}}') // 'openapi'
 */
export function detectSourceType(text: string, contentType?: string): SourceType | undefined {
  const type = contentType?.toLowerCase() ?? ''
  // An HTML page (a Swagger UI, a login page, an SPA fallback) is never the document itself.
  if (type.includes('text/html') || /^\s*</.test(text)) return undefined
  if (type.includes('application/graphql') && !type.includes('json')) return looksLikeSdl(text) ? 'graphql' : undefined
  const document = tryParse(text, contentType)
  const fromDocument = detectDocumentType(document)
  if (fromDocument !== undefined) return fromDocument
  // SDL is not JSON, and as YAML it fails or parses into nonsense: look at the text itself.
  return !/^\s*[[{]/.test(text) && looksLikeSdl(text) ? 'graphql' : undefined
}

/**
 * The kind of an already parsed document (`JSON.parse` or YAML output), or `undefined`.
 * Checks only the markers each format requires, so it is cheap on large documents.
 */
export function detectDocumentType(document: unknown): SourceType | undefined {
  if (!isRecord(document)) return undefined
  if (isOpenApi(document)) return 'openapi'
  if (isIntrospection(document)) return 'graphql'
  if (isPostmanCollection(document)) return 'postman'
  return undefined
}

function isOpenApi(document: Record<string, unknown>): boolean {
  // YAML reads an unquoted `openapi: 3.0` or `swagger: 2.0` as a number.
  const openapi = document.openapi
  if ((typeof openapi === 'string' || typeof openapi === 'number') && /^3(\.|$)/.test(String(openapi))) return true
  const swagger = document.swagger
  return (typeof swagger === 'string' || typeof swagger === 'number') && /^2(\.|$)/.test(String(swagger))
}

function isIntrospection(document: Record<string, unknown>): boolean {
  if (isRecord(document.__schema)) return true
  return isRecord(document.data) && isRecord(document.data.__schema)
}

function isPostmanCollection(document: Record<string, unknown>): boolean {
  const info = document.info
  if (!isRecord(info)) return false
  if (typeof info.schema === 'string' && /getpostman\.com|\/collection\/v\d/i.test(info.schema)) return true
  // Exports without a schema URL still carry Postman's own id next to the item tree.
  return typeof info._postman_id === 'string' && Array.isArray(document.item)
}

/** Whether a text has a top-level GraphQL SDL definition (`type Query {`, `schema {`, ...). */
export function looksLikeSdl(text: string): boolean {
  return SDL_DEFINITION.test(text)
}

function tryParse(text: string, contentType: string | undefined): unknown {
  try {
    return parseDocument(text, { contentType })
  } catch {
    return undefined
  }
}
