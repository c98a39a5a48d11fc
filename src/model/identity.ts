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
