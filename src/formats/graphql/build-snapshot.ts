import type { NormalizedDocument, ParameterSpec, SchemaNode, SnapshotOperation } from '../../model/snapshot.js'
import type { TimeSlice } from '../../runtime/yield.js'
import { fastHash } from '../hash.js'
import { closureHashes } from './closure-hashes.js'
import { compareText } from '../../shared/compare-text.js'
import { SCHEMA_POINTER, directivePointer, isRequiredInput, typePointer, type GraphqlFieldNode, type GraphqlInputValueNode } from './nodes.js'
import { ROOT_OPERATIONS, type GraphqlSchemaModel } from './schema-model.js'
import { implementationsIndex, referencedTypeNames, typeSuccessors } from './type-graph.js'
import { namedTypeOf } from './type-ref.js'

/** Snapshot title: GraphQL schemas carry no name or version of their own. */
const GRAPHQL_TITLE = 'GraphQL API'

/**
 * Turns a canonical schema model into a snapshot: one operation per root field (`QUERY user`),
 * every named type and custom directive under `#/types/Name` / `#/directives/name`, and
 * closure hashes so a diff can skip everything whose hash did not change. Yields through `slice`
 * in its loops over types.
 */
export async function buildGraphqlSnapshot(model: GraphqlSchemaModel, warnings: string[], slice: TimeSlice): Promise<NormalizedDocument> {
  const typeHashes = await closureTypeHashes(model, slice)
  const schemas: Record<string, SchemaNode> = { [SCHEMA_POINTER]: model.roots }
  const schemaHashes: Record<string, string> = { [SCHEMA_POINTER]: fastHash(JSON.stringify(model.roots)) }
  for (const [name, node] of model.types) {
    if (slice.due()) await slice.yield()
    schemas[typePointer(name)] = node
    schemaHashes[typePointer(name)] = typeHashes.get(name)!
  }
  for (const [name, node] of model.directives) {
    schemas[directivePointer(name)] = node
    schemaHashes[directivePointer(name)] = fastHash(JSON.stringify(node) + reachedHashes(referencedTypeNames(node), typeHashes))
  }

  const operations: SnapshotOperation[] = []
  for (const { method, key } of ROOT_OPERATIONS) {
    const rootName = model.roots[key]
    const root = rootName === undefined ? undefined : model.types.get(rootName)
    if (root === undefined || (root.kind !== 'OBJECT' && root.kind !== 'INTERFACE')) continue
    for (const field of root.fields) {
      if (slice.due()) await slice.yield()
      operations.push(operationOf(method, field, typeHashes))
    }
  }
  operations.sort((a, b) => compareText(a.key, b.key))
  await slice.yieldIfDue()

  const snapshot: NormalizedDocument['snapshot'] = {
    type: 'graphql',
    specVersion: 'graphql',
    title: GRAPHQL_TITLE,
    version: '',
    operations,
    schemas,
    schemaHashes,
    securitySchemes: {},
    servers: [],
    warnings,
  }
  // Every object above is built by this format with a fixed key order and sorted lists, so plain
  // JSON is already canonical: equal schemas give equal text whatever the source's order or format
  // (SDL vs introspection included), at a fifth of canonicalJson's cost on GitHub's schema.
  return { snapshot, canonical: JSON.stringify(snapshot) }
}

async function closureTypeHashes(model: GraphqlSchemaModel, slice: TimeSlice): Promise<Map<string, string>> {
  const localHashes = new Map<string, string>()
  // Nodes are built with a fixed key order (schema-model.ts), so plain JSON is already canonical here.
  for (const [name, node] of model.types) {
    if (slice.due()) await slice.yield()
    localHashes.set(name, fastHash(JSON.stringify(node)))
  }
  const implementations = implementationsIndex(model.types)
  await slice.yieldIfDue()
  return closureHashes(localHashes, (name) => typeSuccessors(name, model.types.get(name)!, implementations), slice)
}

/** The closure hashes of the named types an element mentions, in a stable order. */
function reachedHashes(names: readonly string[], typeHashes: ReadonlyMap<string, string>): string {
  return [...new Set(names)]
    .sort(compareText)
    .map((name) => `|${name}=${typeHashes.get(name) ?? ''}`)
    .join('')
}

function operationOf(method: string, field: GraphqlFieldNode, typeHashes: ReadonlyMap<string, string>): SnapshotOperation {
  const key = `${method} ${field.name}`
  const reached = [namedTypeOf(field.type), ...field.args.map((arg) => namedTypeOf(arg.type))]
  const extra: Record<string, unknown> = { returnType: field.type }
  if (field.deprecationReason !== undefined) extra.deprecationReason = field.deprecationReason
  const operation: SnapshotOperation = {
    key,
    method,
    path: field.name,
    identity: key,
    hash: fastHash(`${method}|${JSON.stringify(field)}${reachedHashes(reached, typeHashes)}`),
    deprecated: field.deprecated === true,
    parameters: field.args.map(parameterOf),
    responses: {},
    extra,
  }
  if (field.description !== undefined) operation.description = field.description
  return operation
}

function parameterOf(arg: GraphqlInputValueNode): ParameterSpec {
  const schema: SchemaNode = { type: arg.type }
  if (arg.default !== undefined) schema.default = arg.default
  if (arg.deprecationReason !== undefined) schema.deprecationReason = arg.deprecationReason
  const parameter: ParameterSpec = { name: arg.name, in: 'argument', required: isRequiredInput(arg), schema }
  if (arg.description !== undefined) parameter.description = arg.description
  if (arg.deprecated === true) parameter.deprecated = true
  return parameter
}
