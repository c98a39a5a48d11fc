import { InvalidSpecError } from '../../errors/errors.js'

/** The `graphql` package's API, loaded on demand (type-only import: erased from the bundle). */
export type GraphqlModule = typeof import('graphql')

/**
 * Loads the `graphql` package (resolves its module namespace, as `() => import('graphql')` does);
 * injectable so tests can simulate it missing. Typed loosely on purpose: the published type
 * declarations must not import `graphql`, an optional peer a TypeScript user may not have.
 */
export type GraphqlImporter = () => Promise<unknown>

/**
 * Dynamic import keeps `graphql` (an optional peer dependency) out of bundles that only sync
 * OpenAPI or Postman sources.
 */
export const importGraphqlPackage: GraphqlImporter = () => import('graphql')

/**
 * Returns a loader that imports `graphql` once and turns a failed import into an
 * `InvalidSpecError` telling the user to install the package.
 */
export function createGraphqlLoader(importer: GraphqlImporter = importGraphqlPackage): (sourceId?: string) => Promise<GraphqlModule> {
  let loaded: Promise<GraphqlModule> | undefined
  return async (sourceId) => {
    loaded ??= importer() as Promise<GraphqlModule>
    try {
      return await loaded
    } catch (error) {
      // Forget the failure so installing the package later and retrying works without a restart.
      loaded = undefined
      const subject = sourceId === undefined ? 'a GraphQL source' : `GraphQL source "${sourceId}"`
      throw new InvalidSpecError(
        `Cannot read ${subject}: the optional peer dependency "graphql" could not be loaded; install the \`graphql\` package (npm install graphql@16) to sync GraphQL sources`,
        { sourceId, cause: error },
      )
    }
  }
}
