import type { SpecFormat } from '../types.js'
import { withDiffOptions } from '../../diff/severity-overrides.js'
import { diffGraphqlSteps, type GraphqlDiffOptions, type SharedTypeChangeReporting } from './diff/diff-graphql.js'
import type { Steps } from '../../runtime/steps.js'
import { stepwiseDiff } from '../stepwise-diff.js'
import type { ChangeSet, DiffOptions } from '../../model/change.js'
import type { ApiSnapshot } from '../../model/snapshot.js'
import { createGraphqlLoader, type GraphqlImporter } from './graphql-module.js'
import { graphqlSourceRequest } from './introspection-request.js'
import { normalizeGraphql } from './normalize.js'

export { graphqlIntrospectionRequest, type GraphqlIntrospectionRequest } from './introspection-request.js'
export type { GraphqlImporter, GraphqlModule } from './graphql-module.js'
export type { GraphqlDiffOptions, SharedTypeChangeReporting } from './diff/diff-graphql.js'

/** Options of `createGraphqlFormat`. */
export interface GraphqlFormatOptions {
  /** Loads the `graphql` package. @default () => import('graphql') */
  importGraphql?: GraphqlImporter
  /**
   * How a change inside a type that several operations reach is reported: once (by cause), with
   * `operations` listing every root field it reaches and each modified operation's `changes`
   * referring to it, or once per operation (located through the path, the former model). Real
   * schemas are densely connected: on GitHub's, 'per-operation' turns 1,230 distinct changes into
   * 121,640 records, hence the default.
   * @default 'once'
   */
  sharedTypeChanges?: SharedTypeChangeReporting
}

/**
 * Creates the GraphQL format: SDL or introspection JSON in, one operation per root field out.
 * `graphql` (an optional peer dependency) is imported on first use only.
 */
export function createGraphqlFormat(options: GraphqlFormatOptions = {}): SpecFormat {
  const loadGraphql = createGraphqlLoader(options.importGraphql)
  const graphqlDiffOptions: GraphqlDiffOptions = options.sharedTypeChanges === undefined ? {} : { sharedTypeChanges: options.sharedTypeChanges }
  function* diffSteps(before: ApiSnapshot, after: ApiSnapshot, diffOptions?: DiffOptions): Steps<ChangeSet> {
    const { changeSet } = yield* diffGraphqlSteps(before, after, graphqlDiffOptions)
    return withDiffOptions(changeSet, diffOptions)
  }
  return {
    type: 'graphql',
    normalize: (text, context) => normalizeGraphql(text, context, loadGraphql),
    request: graphqlSourceRequest,
    diff: /* @__PURE__ */ stepwiseDiff(diffSteps),
  }
}

/** The GraphQL format (SDL or introspection JSON), loading `graphql` on first use. */
export const graphqlFormat: SpecFormat = /* @__PURE__ */ createGraphqlFormat()
