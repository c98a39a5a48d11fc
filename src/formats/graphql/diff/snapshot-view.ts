import type { ApiSnapshot, SnapshotOperation } from '../../../model/snapshot.js'
import {
  DIRECTIVE_POINTER_PREFIX,
  SCHEMA_POINTER,
  TYPE_POINTER_PREFIX,
  type GraphqlDirectiveNode,
  type GraphqlFieldNode,
  type GraphqlInputValueNode,
  type GraphqlSchemaNode,
  type GraphqlTypeNode,
} from '../nodes.js'
import { implementationsIndex } from '../type-graph.js'

/** The parts of a GraphQL snapshot a diff reads, indexed by name. */
export interface GraphqlSnapshotView {
  roots: GraphqlSchemaNode
  types: Map<string, GraphqlTypeNode>
  directives: Map<string, GraphqlDirectiveNode>
  /** Closure hash of each named type. */
  typeHashes: Map<string, string>
  implementations: Map<string, string[]>
}

/** Indexes a snapshot made by the GraphQL format (its `schemas` hold `#/schema`, `#/types/*`, `#/directives/*`). */
export function snapshotView(snapshot: ApiSnapshot): GraphqlSnapshotView {
  const types = new Map<string, GraphqlTypeNode>()
  const directives = new Map<string, GraphqlDirectiveNode>()
  const typeHashes = new Map<string, string>()
  for (const [pointer, node] of Object.entries(snapshot.schemas)) {
    if (pointer.startsWith(TYPE_POINTER_PREFIX)) {
      const name = pointer.slice(TYPE_POINTER_PREFIX.length)
      types.set(name, node as GraphqlTypeNode)
      typeHashes.set(name, snapshot.schemaHashes?.[pointer] ?? '')
    } else if (pointer.startsWith(DIRECTIVE_POINTER_PREFIX)) {
      directives.set(pointer.slice(DIRECTIVE_POINTER_PREFIX.length), node as GraphqlDirectiveNode)
    }
  }
  const roots = (snapshot.schemas[SCHEMA_POINTER] as GraphqlSchemaNode | undefined) ?? { kind: 'SCHEMA' }
  return { roots, types, directives, typeHashes, implementations: implementationsIndex(types) }
}

/** Names of the root types (query, mutation, subscription) of a view. */
export function rootTypeNames(view: GraphqlSnapshotView): string[] {
  return [view.roots.query, view.roots.mutation, view.roots.subscription].filter((name): name is string => name !== undefined)
}

/** Rebuilds the root field an operation was made from (see `build-snapshot.ts`). */
export function fieldOfOperation(operation: SnapshotOperation): GraphqlFieldNode {
  const extra = operation.extra ?? {}
  const field: GraphqlFieldNode = {
    name: operation.path,
    type: String(extra.returnType ?? ''),
    args: operation.parameters.map((parameter) => {
      const schema = parameter.schema ?? {}
      const arg: GraphqlInputValueNode = { name: parameter.name, type: String(schema.type ?? '') }
      if (typeof schema.default === 'string') arg.default = schema.default
      if (parameter.description !== undefined) arg.description = parameter.description
      if (parameter.deprecated === true) arg.deprecated = true
      if (typeof schema.deprecationReason === 'string') arg.deprecationReason = schema.deprecationReason
      return arg
    }),
  }
  if (operation.description !== undefined) field.description = operation.description
  if (operation.deprecated) field.deprecated = true
  if (typeof extra.deprecationReason === 'string') field.deprecationReason = extra.deprecationReason
  return field
}
