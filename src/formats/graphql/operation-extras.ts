import type { SnapshotOperation } from '../../model/snapshot.js'

/** The GraphQL format's data in `SnapshotOperation.extra` (written by `buildGraphqlSnapshot`), typed. */
export interface GraphqlOperationExtras {
  /** The root field's return type as written in SDL (`[User!]!`). */
  returnType?: string
  /** The root type that declares the field, when it is not the conventional `Query` / `Mutation` / `Subscription`. */
  rootType?: string
  /** Why the root field is deprecated, when it says. */
  deprecationReason?: string
}

/**
 * A typed view of a GraphQL operation's `extra`, for readers outside the format (collections).
 * `type` is read as the return type too, and `rootType` kept, for snapshots built elsewhere
 * (hosts' own formats, older versions) that name them so.
 */
export function graphqlOperationExtras(operation: Pick<SnapshotOperation, 'extra'>): GraphqlOperationExtras {
  const extra = operation.extra ?? {}
  const view: GraphqlOperationExtras = {}
  const returnType = stringOf(extra.returnType) ?? stringOf(extra.type)
  if (returnType !== undefined) view.returnType = returnType
  const rootType = stringOf(extra.rootType)
  if (rootType !== undefined) view.rootType = rootType
  const deprecationReason = stringOf(extra.deprecationReason)
  if (deprecationReason !== undefined) view.deprecationReason = deprecationReason
  return view
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
