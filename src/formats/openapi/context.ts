import type { JsonObject } from './own.js'
import type { SchemaRegistry } from './schema-registry.js'
import type { Warnings } from './warnings.js'

/** The three OpenAPI generations, which differ in how schemas, parameters and bodies are written. */
export type OpenApiFamily = '2.0' | '3.0' | '3.1'

/** What every normalization step needs: the document, its generation, and where results go. */
export interface NormalizeContext {
  readonly family: OpenApiFamily
  /** The parsed document, read only. */
  readonly root: JsonObject
  readonly warnings: Warnings
  /** Component schemas and schema `$ref` targets found so far. */
  readonly schemas: SchemaRegistry
  /** Normalized parameters, responses, ... by kind and source object: each shared part is normalized once. */
  readonly memo: Map<string, Map<object, unknown>>
  /** `$ref` strings already taken apart (undefined for refs that leave the document). */
  readonly refCache: Map<string, ParsedRef | undefined>
  /** Hash of each normalized operation part (parameter, request body, response), by the part object. */
  readonly partHashes: Map<object, string>
}

/** A `$ref` taken apart once (`parseRef`). */
export interface ParsedRef {
  segments: string[]
  /** Canonical pointer (`~` escapes only, no percent-encoding). */
  pointer: string
  /** The pointer used when the ref names a schema: Swagger 2.0 `#/definitions/X` becomes `#/components/schemas/X`. */
  schemaPointer: string
}

/** A normalized part of an operation plus the schema pointers it references. */
export interface WithRefs<T> {
  value: T
  refs: ReadonlySet<string>
}
