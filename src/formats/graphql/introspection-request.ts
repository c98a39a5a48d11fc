import { createGraphqlLoader } from './graphql-module.js'

/** The HTTP request that asks a GraphQL endpoint for its schema. */
export interface GraphqlIntrospectionRequest {
  method: 'POST'
  /** JSON: `{"query": <graphql's standard introspection query>, "operationName": "IntrospectionQuery"}`. */
  body: string
  headers: Record<string, string>
}

const loadGraphql = createGraphqlLoader()

/**
 * Builds the standard introspection request (graphql's `getIntrospectionQuery()` with its default
 * options, which every spec-compliant server answers). Rejects with an `InvalidSpecError` when the
 * optional `graphql` package is not installed.
 */
export async function graphqlIntrospectionRequest(): Promise<GraphqlIntrospectionRequest> {
  const graphql = await loadGraphql()
  return {
    method: 'POST',
    body: JSON.stringify({ query: graphql.getIntrospectionQuery(), operationName: 'IntrospectionQuery' }),
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
  }
}
