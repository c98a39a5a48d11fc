import type { OperationRef, SourceType } from './identity.js'

/** A JSON Schema node after normalization; internal references stay as `{ $ref: '#/components/schemas/Name' }`. */
export type SchemaNode = { [keyword: string]: unknown }

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie' | 'argument'

export interface ParameterSpec {
  name: string
  in: ParameterLocation
  required: boolean
  deprecated?: boolean
  description?: string
  schema?: SchemaNode
  example?: unknown
  /** Postman: the row is listed but switched off (`"disabled": true`), as collections mark optional parameters. */
  disabled?: boolean
  /** Named examples (OpenAPI 3 `examples`), `$ref`s to `#/components/examples/...` resolved. */
  examples?: Record<string, unknown>
  /** OpenAPI `style` as written (`form`, `simple`, `matrix`, ...); Swagger 2.0 array `collectionFormat` mapped to it. */
  style?: string
  /** OpenAPI `explode` as written; Swagger 2.0 arrays: true for `collectionFormat: multi`, else false. */
  explode?: boolean
  /** OpenAPI / Swagger 2.0 `allowEmptyValue` as written. */
  allowEmptyValue?: boolean
  /** OpenAPI 3 `allowReserved` as written. */
  allowReserved?: boolean
}

export interface MediaTypeSpec {
  schema?: SchemaNode
  example?: unknown
  /** Named examples (OpenAPI 3 `examples`), `$ref`s to `#/components/examples/...` resolved. */
  examples?: Record<string, unknown>
  /** Form bodies (OpenAPI 3 `encoding`): how each property is serialized, as written. */
  encoding?: Record<string, EncodingSpec>
}

/** How one property of a form body is serialized (OpenAPI 3 Encoding Object). */
export interface EncodingSpec {
  contentType?: string
  style?: string
  explode?: boolean
  allowReserved?: boolean
}

export interface RequestBodySpec {
  required: boolean
  description?: string
  /** Keyed by media type, e.g. `application/json`. */
  content: Record<string, MediaTypeSpec>
}

export interface ResponseSpec {
  description?: string
  content: Record<string, MediaTypeSpec>
  headers?: Record<string, { required: boolean; schema?: SchemaNode; description?: string }>
}

/** One alternative of an operation's security: scheme name to required scopes. */
export type SecurityRequirement = Record<string, string[]>

export interface SecuritySchemeSpec {
  /** `http`, `apiKey`, `oauth2`, `openIdConnect`, `mutualTLS` (Swagger 2.0 `basic` maps to `http` + `scheme: basic`). */
  type: string
  scheme?: string
  bearerFormat?: string
  in?: string
  name?: string
  description?: string
  flows?: unknown
  /** OpenID Connect discovery URL (`type: openIdConnect`). */
  openIdConnectUrl?: string
}

/** One operation of an API, normalized from any format. */
export interface SnapshotOperation extends OperationRef {
  /**
   * Identity used to pair operations across versions: upper-case method plus the path with every
   * path parameter name replaced by `{}` (`GET /users/{}`). Unique within a snapshot; formats that
   * allow duplicates (Postman) append a discriminator.
   */
  identity: string
  /** Hash of everything that defines the operation, referenced schemas included. Equal hashes mean no change. */
  hash: string
  /**
   * Hash of the operation's own definition, the schemas it references left out (OpenAPI). Equal own
   * hashes with different `hash`es mean only referenced schemas changed: the diff then only
   * attributes the changed components the operation reaches.
   */
  ownHash?: string
  deprecated: boolean
  description?: string
  parameters: ParameterSpec[]
  requestBody?: RequestBodySpec
  /** Keyed by status code as written (`200`, `4XX`, `default`). */
  responses: Record<string, ResponseSpec>
  /** Effective security (operation-level, else document-level); `[]` means explicitly none; absent means none declared. */
  security?: SecurityRequirement[]
  /** Folder path for Postman requests; other formats leave it out. */
  folder?: string[]
  /** Format-specific extras (Postman auth, body mode, GraphQL return type, ...). */
  extra?: Record<string, unknown>
}

/** A normalized, immutable view of one version of an API definition. */
export interface ApiSnapshot {
  type: SourceType
  /** `2.0`, `3.0.3`, `3.1.0` for OpenAPI; `graphql`; `2.0.0` / `2.1.0` for Postman collections. */
  specVersion: string
  title: string
  version: string
  /** Sorted by `key`. */
  operations: SnapshotOperation[]
  /** Component schemas by pointer (`#/components/schemas/Pet`; Swagger 2.0 definitions are mapped there too). */
  schemas: Record<string, SchemaNode>
  /**
   * Content hash of each component schema including everything it references (Merkle-style, with
   * reference cycles condensed), so a diff can skip every component whose hash did not change.
   */
  schemaHashes?: Record<string, string>
  securitySchemes: Record<string, SecuritySchemeSpec>
  servers: string[]
  /** Things worth telling the user that are not errors (external `$ref`s left unresolved, ...). */
  warnings: string[]
  /** SHA-256 (hex) of the canonical form of this snapshot. */
  fingerprint: string
  /** The order the document lists operations and tags (OpenAPI), for display; not part of the fingerprint. */
  order?: DocumentOrder
}

/** Operation keys and tag names in the order a document lists them. */
export interface DocumentOrder {
  operations: string[]
  tags: string[]
}

/** What a format produces from a document, before the service fingerprints it. */
export interface NormalizedDocument {
  snapshot: Omit<ApiSnapshot, 'fingerprint'>
  /**
   * Canonical text the fingerprint is taken of: equal for documents that differ only in key order
   * or formatting, different whenever any operation or schema differs. It need not spell out the
   * whole snapshot: OpenAPI and Postman give a compact Merkle summary (`canonicalSummary`: type,
   * spec version, title, version, servers, security schemes, `[key, identity, hash]` of every
   * operation and the schema hashes), sound because each hash covers its full content.
   */
  canonical: string
}
