import { getOwn, isRecord, type JsonObject, stringOf } from './own.js'

/** Words a GraphQL SDL document starts with (after comments and descriptions). */
const SDL_START = /^(?:schema|type|interface|enum|input|union|scalar|directive|extend)\b/

/**
 * True when text looks like a GraphQL schema (SDL): its first definition, after `#` comments and
 * string descriptions, starts with a type-system keyword. Used to say what a non-OpenAPI document is.
 */
export function looksLikeGraphQlSdl(text: string): boolean {
  let rest = text.replace(/^\uFEFF/, '')
  for (let guard = 0; guard < 1000; guard++) {
    const trimmed = rest.trimStart()
    if (trimmed.startsWith('#')) {
      const newline = trimmed.indexOf('\n')
      rest = newline === -1 ? '' : trimmed.slice(newline + 1)
    } else if (trimmed.startsWith('"""')) {
      const end = trimmed.indexOf('"""', 3)
      rest = end === -1 ? '' : trimmed.slice(end + 3)
    } else if (trimmed.startsWith('"')) {
      const end = trimmed.indexOf('"', 1)
      rest = end === -1 ? '' : trimmed.slice(end + 1)
    } else {
      return SDL_START.test(trimmed)
    }
  }
  return false
}

/** Names the kind of a parsed document that is not OpenAPI: a Postman collection, a GraphQL introspection result, ... */
export function describeNonOpenApi(document: unknown, text: string): string {
  if (document === null || document === undefined) return 'an empty document'
  if (Array.isArray(document)) return 'an array'
  if (typeof document === 'string') return looksLikeGraphQlSdl(text) ? 'a GraphQL schema (SDL)' : 'a plain string'
  if (!isRecord(document)) return `a ${typeof document}`
  if (isPostmanCollection(document)) return 'a Postman collection'
  if (isRecord(getOwn(document, '__schema')) || (isRecord(getOwn(document, 'data')) && isRecord(getOwn(getOwn(document, 'data') as JsonObject, '__schema')))) {
    return 'a GraphQL introspection result'
  }
  const keys = Object.keys(document)
  const shown = keys.slice(0, 5).map((key) => `"${key.slice(0, 40)}"`).join(', ')
  return keys.length === 0 ? 'an empty object' : `an object with the keys ${shown}${keys.length > 5 ? ', ...' : ''}`
}

function isPostmanCollection(document: JsonObject): boolean {
  const info = getOwn(document, 'info')
  const schema = isRecord(info) ? stringOf(getOwn(info, 'schema')) : undefined
  return (schema !== undefined && schema.includes('getpostman.com')) || (Array.isArray(getOwn(document, 'item')) && isRecord(info))
}
