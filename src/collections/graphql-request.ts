import { graphqlOperationExtras } from '../formats/graphql/operation-extras.js'
import type { ApiSnapshot, SnapshotOperation } from '../model/snapshot.js'
import { isRecord, stringOr } from './values.js'

/**
 * GraphQL root fields become POST requests to the endpoint (`{{baseUrl}}`) with a JSON body
 * `{ query, variables }`, the shape every GraphQL server accepts over HTTP:
 *
 *   query Users($first: Int!, $after: String) { users(first: $first, after: $after) { id name } }
 *
 * Every argument is a variable; `variables` holds a placeholder for each non-null argument
 * without a default (optional ones can be added by the user). The selection lists the return
 * type's scalar and enum fields that need no arguments; when it has none (or the type is a union
 * or unknown) it selects `__typename`, which is valid on every object type.
 */
export function graphqlBody(operation: SnapshotOperation, snapshot: Pick<ApiSnapshot, 'schemas'>): string {
  const types = typesOf(snapshot.schemas)
  const field = types.rootField(operation)
  const args = field?.args ?? argumentsFromParameters(operation)
  const returnType = field?.type ?? graphqlOperationExtras(operation).returnType
  const rootKind = operation.method.toLowerCase()
  const keyword = rootKind === 'mutation' || rootKind === 'subscription' ? rootKind : 'query'
  const definitions = args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ')
  const callArgs = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')
  const selection = returnType === undefined ? ' { __typename }' : types.selection(namedTypeOf(returnType))
  const operationName = upperFirst(operation.path.replace(/[^A-Za-z0-9_]/g, '_'))
  const query =
    `${keyword} ${operationName}${definitions === '' ? '' : `(${definitions})`} ` +
    `{ ${operation.path}${callArgs === '' ? '' : `(${callArgs})`}${selection} }`
  const variables: Record<string, unknown> = {}
  for (const arg of args) {
    if (arg.type.endsWith('!') && arg.default === undefined) variables[arg.name] = types.placeholder(arg.type)
  }
  return JSON.stringify({ query, variables }, null, 2)
}

/** An argument as the GraphQL normalizer keeps it (`GraphqlInputValueNode`). */
interface GraphqlArgument {
  name: string
  /** Printed type reference (`[ID!]!`). */
  type: string
  default?: string
}

interface GraphqlField {
  name: string
  type: string
  args: GraphqlArgument[]
}

/** Root type names a schema has unless it declares others. */
const ROOT_TYPE_NAMES: Record<string, string> = { QUERY: 'Query', MUTATION: 'Mutation', SUBSCRIPTION: 'Subscription' }

const BUILT_IN_SCALARS: Record<string, unknown> = { String: '', ID: '', Int: 0, Float: 0, Boolean: false }

/**
 * One reader per snapshot's schemas, so generating a collection indexes each root type once
 * (a lookup per operation, not a scan of every root field: linear in the number of fields).
 */
const readers = new WeakMap<object, GraphqlTypes>()

function typesOf(schemas: Readonly<Record<string, unknown>>): GraphqlTypes {
  let reader = readers.get(schemas)
  if (reader === undefined) {
    reader = new GraphqlTypes(schemas)
    readers.set(schemas, reader)
  }
  return reader
}

/** Reads the named types the GraphQL normalizer stores under `#/types/Name`. */
class GraphqlTypes {
  /** Root type name to its fields by name, built on first use. */
  private readonly rootFields = new Map<string, Map<string, Record<string, unknown>>>()
  /** Selection set by type name. */
  private readonly selections = new Map<string, string>()

  constructor(private readonly schemas: Readonly<Record<string, unknown>>) {}

  type(name: string): Record<string, unknown> | undefined {
    const node = this.schemas[`#/types/${name}`]
    return isRecord(node) ? node : undefined
  }

  /** The root field definition: from the operation's declared root type or the conventional root type names. */
  rootField(operation: SnapshotOperation): GraphqlField | undefined {
    const declaredRoot = graphqlOperationExtras(operation).rootType
    const conventional = ROOT_TYPE_NAMES[operation.method.toUpperCase()]
    for (const rootName of [declaredRoot, conventional]) {
      if (rootName === undefined) continue
      const field = this.fieldsOf(rootName).get(operation.path)
      if (field !== undefined) return toField(field)
    }
    return undefined
  }

  private fieldsOf(typeName: string): Map<string, Record<string, unknown>> {
    let index = this.rootFields.get(typeName)
    if (index === undefined) {
      index = new Map()
      const fields = this.type(typeName)?.fields
      for (const field of Array.isArray(fields) ? fields : []) {
        if (isRecord(field) && typeof field.name === 'string' && !index.has(field.name)) index.set(field.name, field)
      }
      this.rootFields.set(typeName, index)
    }
    return index
  }

  selection(typeName: string): string {
    let selection = this.selections.get(typeName)
    if (selection === undefined) {
      selection = this.buildSelection(typeName)
      this.selections.set(typeName, selection)
    }
    return selection
  }

  private buildSelection(typeName: string): string {
    if (BUILT_IN_SCALARS[typeName] !== undefined) return ''
    const node = this.type(typeName)
    if (node === undefined) return ' { __typename }'
    if (node.kind === 'SCALAR' || node.kind === 'ENUM') return ''
    if (node.kind !== 'OBJECT' && node.kind !== 'INTERFACE') return ' { __typename }'
    const fields = Array.isArray(node.fields) ? node.fields.filter(isRecord).map(toField) : []
    const leaves = fields.filter((field) => !field.args.some((arg) => arg.type.endsWith('!')) && this.isLeaf(namedTypeOf(field.type)))
    return leaves.length === 0 ? ' { __typename }' : ` { ${leaves.map((field) => field.name).join(' ')} }`
  }

  /** A JSON value a variable of this type accepts. */
  placeholder(typeRef: string): unknown {
    const inner = typeRef.endsWith('!') ? typeRef.slice(0, -1) : typeRef
    if (inner.startsWith('[')) return []
    const builtIn = BUILT_IN_SCALARS[inner]
    if (builtIn !== undefined) return builtIn
    const node = this.type(inner)
    if (node?.kind === 'ENUM' && Array.isArray(node.values) && isRecord(node.values[0])) return node.values[0].name
    if (node?.kind === 'INPUT_OBJECT') return {}
    return ''
  }

  private isLeaf(typeName: string): boolean {
    if (BUILT_IN_SCALARS[typeName] !== undefined) return true
    const kind = this.type(typeName)?.kind
    return kind === 'SCALAR' || kind === 'ENUM'
  }
}

function toField(node: Record<string, unknown>): GraphqlField {
  const args = Array.isArray(node.args) ? node.args.filter(isRecord).flatMap(toArgument) : []
  return { name: stringOr(node.name) ?? '', type: stringOr(node.type) ?? 'String', args }
}

function toArgument(node: Record<string, unknown>): GraphqlArgument[] {
  const name = stringOr(node.name)
  const type = stringOr(node.type)
  if (name === undefined || type === undefined) return []
  const argument: GraphqlArgument = { name, type }
  const fallback = stringOr(node.default)
  if (fallback !== undefined) argument.default = fallback
  return [argument]
}

/** Without the type definitions, arguments come from the operation's `argument` parameters. */
function argumentsFromParameters(operation: SnapshotOperation): GraphqlArgument[] {
  return operation.parameters
    .filter((parameter) => parameter.in === 'argument')
    .map((parameter) => {
      const schema = parameter.schema ?? {}
      const declared = stringOr(schema['x-graphql-type']) ?? stringOr(schema.graphqlType) ?? (typeof schema.type === 'string' && /^[[A-Z]/.test(schema.type) ? schema.type : undefined)
      const type = declared ?? `${jsonTypeToGraphql(schema)}${parameter.required ? '!' : ''}`
      return { name: parameter.name, type }
    })
}

function jsonTypeToGraphql(schema: Record<string, unknown>): string {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  if (types.includes('integer')) return 'Int'
  if (types.includes('number')) return 'Float'
  if (types.includes('boolean')) return 'Boolean'
  if (types.includes('array')) return `[${jsonTypeToGraphql(isRecord(schema.items) ? schema.items : {})}]`
  const ref = stringOr(schema.$ref)
  if (ref !== undefined) return ref.slice(ref.lastIndexOf('/') + 1)
  return 'String'
}

/** `[User!]!` -> `User`. */
function namedTypeOf(typeRef: string): string {
  return typeRef.replace(/[[\]!]/g, '')
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
