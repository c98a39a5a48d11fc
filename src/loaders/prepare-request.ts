import type { LiveSourceConfig } from '../config/config.js'
import { graphqlIntrospectionRequest } from '../formats/graphql/introspection-request.js'
import type { PreparedRequest } from './http-loader.js'

/** URL paths that name a schema file rather than a GraphQL endpoint. */
const SCHEMA_FILE = /\.(graphqls?|gql|sdl|json)$/i

/**
 * The request the default HTTP loader sends for a source: a GraphQL endpoint is asked with the
 * standard introspection query (POST); everything else, schema files included, is a plain GET.
 */
export async function prepareSourceRequest(source: LiveSourceConfig): Promise<PreparedRequest | undefined> {
  if (source.type !== 'graphql' || source.url === undefined) return undefined
  if (SCHEMA_FILE.test(new URL(source.url).pathname)) return undefined
  return graphqlIntrospectionRequest()
}
