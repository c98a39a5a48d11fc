import type { NormalizeContext, ParsedRef } from './context.js'
import { formatFragmentPointer, parseFragmentPointer, resolvePointer } from './pointer.js'
import { getOwn, isRecord, type JsonObject } from './own.js'

/** Longest `$ref` chain (a ref whose target is another ref ...) followed before giving up. */
const MAX_REF_HOPS = 64

/** A `#` reference taken apart: where it points in the parsed document and its canonical spelling. */
/**
 * Parses a `$ref` string once per document (the same refs recur thousands of times in large
 * specs); undefined for refs that leave the document.
 */
export function parseRef(ref: string, context: NormalizeContext): ParsedRef | undefined {
  const cached = context.refCache.get(ref)
  if (cached !== undefined || context.refCache.has(ref)) return cached
  const segments = parseFragmentPointer(ref)
  let parsed: ParsedRef | undefined
  if (segments !== undefined) {
    const pointer = formatFragmentPointer(segments)
    const definition = context.family === '2.0' && segments.length > 0 && segments[0] === 'definitions'
    const schemaPointer = definition ? formatFragmentPointer(['components', 'schemas', ...segments.slice(1)]) : pointer
    parsed = { segments, pointer, schemaPointer }
  }
  context.refCache.set(ref, parsed)
  return parsed
}

/** Where a schema `$ref` points. */
export type SchemaRefTarget =
  /** Another document, a URL or a plain-name fragment: never fetched nor read. */
  | { kind: 'external'; ref: string }
  /** `#`, the whole document: not a schema. */
  | { kind: 'root'; ref: string }
  /** A place in this document: `pointer` is its snapshot spelling, `segments` locate it in the parsed document. */
  | { kind: 'internal'; pointer: string; segments: string[] }

/**
 * Classifies a schema `$ref`. Swagger 2.0 `#/definitions/X` becomes `#/components/schemas/X`, so
 * every generation names component schemas alike; pointers are re-spelled canonically.
 */
export function classifySchemaRef(ref: string, context: NormalizeContext): SchemaRefTarget {
  const parsed = parseRef(ref, context)
  if (parsed === undefined) return { kind: 'external', ref }
  if (parsed.segments.length === 0) return { kind: 'root', ref }
  return { kind: 'internal', pointer: parsed.schemaPointer, segments: parsed.segments }
}

/** Warning for a `$ref` that is left unresolved because it leaves the document. */
export function externalRefWarning(ref: string): string {
  return `$ref "${ref}" points outside the document and is not followed`
}

/** Warning for a `#` pointer with nothing at its end. */
export function unresolvedRefWarning(ref: string): string {
  return `$ref "${ref}" does not resolve inside the document`
}

/** An object after following its `$ref` chain; `pointer` is the last target's pointer when there was a ref. */
export interface ResolvedObject {
  value: JsonObject
  pointer: string | undefined
}

/**
 * Follows `$ref`s of a non-schema object (parameter, response, request body, header, example,
 * security scheme, path item) to the object itself. External refs, dangling refs and ref cycles
 * give a warning and undefined; so does a target that is not an object. `what` names the object
 * for that warning (a function, so that the common case builds no message).
 */
export function resolveReference(raw: unknown, context: NormalizeContext, what: () => string): ResolvedObject | undefined {
  let current = raw
  let pointer: string | undefined
  let seen: Set<string> | undefined
  for (let hop = 0; ; hop++) {
    if (!isRecord(current)) {
      context.warnings.add(`${what()} is not an object${pointer === undefined ? '' : ` (at ${pointer})`}`)
      return undefined
    }
    const ref = getOwn(current, '$ref')
    if (typeof ref !== 'string') return { value: current, pointer }
    const parsed = parseRef(ref, context)
    if (parsed === undefined) {
      context.warnings.add(externalRefWarning(ref))
      return undefined
    }
    seen ??= new Set()
    if (seen.has(parsed.pointer) || hop >= MAX_REF_HOPS) {
      context.warnings.add(`$ref "${ref}" is part of a reference cycle`)
      return undefined
    }
    seen.add(parsed.pointer)
    const target = parsed.segments.length === 0 ? undefined : resolvePointer(context.root, parsed.segments)
    if (target === undefined) {
      context.warnings.add(unresolvedRefWarning(ref))
      return undefined
    }
    current = target
    pointer = parsed.pointer
  }
}
