import type { SecuritySchemeSpec } from '../types.js'

/** The pieces of a snapshot that make up its canonical text, each already in canonical form. */
export interface CanonicalParts {
  /** Canonical JSON of each operation without its `hash`, in snapshot order (sorted by key). */
  operationTexts: readonly string[]
  /** `[pointer, canonical JSON]` of each schema, sorted by pointer. */
  schemaTexts: ReadonlyArray<readonly [string, string]>
  securitySchemes: Record<string, SecuritySchemeSpec>
  servers: readonly string[]
  specVersion: string
  title: string
  version: string
}

/**
 * Canonical text of a snapshot: `{ operations, schemas, securitySchemes, servers, specVersion,
 * title, version }` (operations without `hash`) with sorted keys, assembled from texts already
 * computed for hashing so that no part of the snapshot is serialized twice. Every part is built
 * with keys inserted in sorted order, so native `JSON.stringify` of it is canonical; it equals
 * `canonicalJson` of the same object except that keys which are array indexes (`"5"`, `"10"`)
 * come first in numeric order, as JavaScript enumerates them whatever the insertion order.
 */
export function canonicalSnapshotText(parts: CanonicalParts): string {
  const schemas = parts.schemaTexts.map(([pointer, text]) => `${JSON.stringify(pointer)}:${text}`)
  return (
    `{"operations":[${parts.operationTexts.join(',')}]` +
    `,"schemas":{${schemas.join(',')}}` +
    `,"securitySchemes":${JSON.stringify(parts.securitySchemes)}` +
    `,"servers":${JSON.stringify(parts.servers)}` +
    `,"specVersion":${JSON.stringify(parts.specVersion)}` +
    `,"title":${JSON.stringify(parts.title)}` +
    `,"version":${JSON.stringify(parts.version)}}`
  )
}

