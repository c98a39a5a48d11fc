/** The HTTP request that asks a GraphQL endpoint for its schema. */
export interface GraphqlIntrospectionRequest {
  method: 'POST'
  /** JSON: `{"query": <graphql's standard introspection query>, "operationName": "IntrospectionQuery"}`. */
  body: string
  headers: Record<string, string>
}

/** The type reference selection, nested as deep as graphql's `getIntrospectionQuery()` nests it. */
const TYPE_REF = Array.from({ length: 8 }).reduce<string>((inner) => `ofType { name kind ${inner} }`, 'ofType { name kind }')

/**
 * graphql 16's `getIntrospectionQuery()` with its default options, spelled out so that asking an
 * endpoint needs no `graphql` package: a user without it gets "install graphql" from reading the
 * answer, not a request that never went out (test/graphql-introspection-request.test.ts checks the
 * two queries are the same).
 */
export const STANDARD_INTROSPECTION_QUERY = `query IntrospectionQuery {
  __schema {
    queryType { name kind }
    mutationType { name kind }
    subscriptionType { name kind }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ${TYPE_REF} }`

/** The smallest query every GraphQL server with introspection answers: tells an endpoint from anything else. */
export const GRAPHQL_PROBE_QUERY = '{ __schema { queryType { name } } }'

/** URL paths that name a schema file rather than a GraphQL endpoint. */
const SCHEMA_FILE = /\.(graphqls?|gql|sdl|json)$/i

/**
 * Builds the standard introspection request (graphql's `getIntrospectionQuery()` with its default
 * options, which every spec-compliant server answers). Needs no `graphql` package: reading the
 * answer does.
 */
export async function graphqlIntrospectionRequest(): Promise<GraphqlIntrospectionRequest> {
  return introspectionRequest()
}

/** {@link graphqlIntrospectionRequest}, synchronously. */
export function introspectionRequest(): GraphqlIntrospectionRequest {
  return graphqlPost({ query: STANDARD_INTROSPECTION_QUERY, operationName: 'IntrospectionQuery' })
}

/** The POST of {@link GRAPHQL_PROBE_QUERY}, which discovery and the CLI send to find out whether a URL is a GraphQL endpoint. */
export function graphqlProbeRequest(): GraphqlIntrospectionRequest {
  return graphqlPost({ query: GRAPHQL_PROBE_QUERY })
}

/**
 * The request of a GraphQL source (the format's `request` hook): an endpoint is asked with the
 * introspection POST; a URL naming a schema file (`.graphql`, `.graphqls`, `.gql`, `.sdl`, `.json`) is a plain `GET`.
 */
export function graphqlSourceRequest(source: { url?: string | undefined }): GraphqlIntrospectionRequest | undefined {
  if (source.url === undefined || SCHEMA_FILE.test(new URL(source.url).pathname)) return undefined
  return introspectionRequest()
}

function graphqlPost(payload: { query: string; operationName?: string }): GraphqlIntrospectionRequest {
  return {
    method: 'POST',
    body: JSON.stringify(payload),
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
  }
}
