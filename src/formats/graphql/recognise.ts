import { isRecord } from '../../shared/json.js'

/**
 * A top-level GraphQL SDL definition: `type Query {`, `extend type X @key(...) {`, `schema {`,
 * `enum Color {`, `union Pet = ...`, `scalar Date`, `directive @auth`. Anchored at a line start so
 * prose or HTML that merely contains the word "type" is not mistaken for a schema.
 */
const SDL_DEFINITION =
  /^[ \t]*(?:extend[ \t]+)?(?:(?:type|interface|input|enum)[ \t]+[_A-Za-z]\w*[^{\n]*\{|schema[ \t]*(?:@[^{\n]*)?\{|union[ \t]+[_A-Za-z]\w*[^=\n]*=|scalar[ \t]+[_A-Za-z]\w*|directive[ \t]+@[_A-Za-z])/m

/** The GraphQL format's recogniser of parsed documents: an introspection result, wrapped in `data` or not. */
export function isIntrospectionResult(document: Readonly<Record<string, unknown>>): boolean {
  if (isRecord(document.__schema)) return true
  return isRecord(document.data) && isRecord(document.data.__schema)
}

/** The GraphQL format's recogniser of text: whether it has a top-level SDL definition (`type Query {`, `schema {`, ...). */
export function looksLikeSdl(text: string): boolean {
  return SDL_DEFINITION.test(text)
}
