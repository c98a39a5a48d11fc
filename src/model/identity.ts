/** What names a source's kind and its operations: the identity every other module keys by. */

/** The three kinds of API definition a source can serve. */
export type SourceType = 'openapi' | 'graphql' | 'postman'

/** How an operation is named in change sets and collections. */
export interface OperationRef {
  /** `"METHOD /path"` with the method upper-case and the path as the document writes it, e.g. `"GET /pets/{petId}"`. */
  key: string
  /** Upper-case HTTP method; `QUERY`, `MUTATION` or `SUBSCRIPTION` for GraphQL. */
  method: string
  /** URL path as written (`/pets/{petId}`); the field name for GraphQL. */
  path: string
  operationId?: string
  summary?: string
  tags?: string[]
}

/**
 * One operation the diff paired under another key: it moved (same unique operationId at another
 * path or method), its path moved into or out of the base path (same URL), or its path gained or
 * lost a trailing slash. The collection merge updates the request of `from` in place to `to`.
 */
export interface OperationMove {
  from: OperationRef
  to: OperationRef
}
