import type { GraphQLArgument, GraphQLDirective, GraphQLField, GraphQLInputField, GraphQLNamedType, GraphQLSchema } from 'graphql'
import { sortByName } from './compare-names.js'
import { compareText } from '../../shared/compare-text.js'
import { printDefaultValue } from './default-value.js'
import type { GraphqlModule } from './graphql-module.js'
import type { TimeSlice } from '../../runtime/yield.js'
import type {
  GraphqlDirectiveNode,
  GraphqlEnumValueNode,
  GraphqlFieldNode,
  GraphqlInputValueNode,
  GraphqlSchemaNode,
  GraphqlTypeNode,
} from './nodes.js'
import { normalizeDescription } from './normalize-description.js'

/** The operation kinds of a schema and the method name each gets in operation keys. */
export const ROOT_OPERATIONS = [
  { method: 'QUERY', key: 'query' },
  { method: 'MUTATION', key: 'mutation' },
  { method: 'SUBSCRIPTION', key: 'subscription' },
] as const

/** A schema in canonical form: what a snapshot is made of. */
export interface GraphqlSchemaModel {
  roots: GraphqlSchemaNode
  /** Named types other than the built-in scalars and the `__*` introspection types, by name, sorted. */
  types: Map<string, GraphqlTypeNode>
  /** Custom directive definitions by name, sorted. */
  directives: Map<string, GraphqlDirectiveNode>
}

/** Canonicalises a built schema: lists sorted by name, descriptions and default values normalised. Yields through `slice` between types. */
export async function schemaModel(graphql: GraphqlModule, schema: GraphQLSchema, slice: TimeSlice): Promise<GraphqlSchemaModel> {
  const toNodes = nodeBuilders(graphql)
  const roots: GraphqlSchemaNode = { kind: 'SCHEMA' }
  const query = schema.getQueryType()?.name
  const mutation = schema.getMutationType()?.name
  const subscription = schema.getSubscriptionType()?.name
  if (query !== undefined) roots.query = query
  if (mutation !== undefined) roots.mutation = mutation
  if (subscription !== undefined) roots.subscription = subscription

  const types = new Map<string, GraphqlTypeNode>()
  const namedTypes = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !graphql.isSpecifiedScalarType(type))
    .sort((a, b) => compareText(a.name, b.name))
  for (const type of namedTypes) {
    if (slice.due()) await slice.yield()
    types.set(type.name, toNodes.type(type))
  }

  const directives = new Map<string, GraphqlDirectiveNode>()
  const customDirectives = schema
    .getDirectives()
    .filter((directive) => !graphql.isSpecifiedDirective(directive))
    .sort((a, b) => compareText(a.name, b.name))
  for (const directive of customDirectives) directives.set(directive.name, toNodes.directive(directive))
  return { roots, types, directives }
}

function nodeBuilders(graphql: GraphqlModule) {
  function inputValue(value: GraphQLArgument | GraphQLInputField): GraphqlInputValueNode {
    const node: GraphqlInputValueNode = { name: value.name, type: String(value.type) }
    const defaultValue = printDefaultValue(graphql, value.defaultValue, value.type)
    if (defaultValue !== undefined) node.default = defaultValue
    return withDocs(node, value.description, value.deprecationReason)
  }

  function field(value: GraphQLField<unknown, unknown>): GraphqlFieldNode {
    const node: GraphqlFieldNode = { name: value.name, type: String(value.type), args: sortByName(value.args.map(inputValue)) }
    return withDocs(node, value.description, value.deprecationReason)
  }

  function type(value: GraphQLNamedType): GraphqlTypeNode {
    const description = normalizeDescription(value.description)
    const node = typeBody(value)
    if (description !== undefined) node.description = description
    return node
  }

  function typeBody(value: GraphQLNamedType): GraphqlTypeNode {
    if (graphql.isObjectType(value) || graphql.isInterfaceType(value)) {
      return {
        kind: graphql.isObjectType(value) ? 'OBJECT' : 'INTERFACE',
        interfaces: value.getInterfaces().map((item) => item.name).sort(compareText),
        fields: sortByName(Object.values(value.getFields()).map(field)),
      }
    }
    if (graphql.isUnionType(value)) return { kind: 'UNION', members: value.getTypes().map((item) => item.name).sort(compareText) }
    if (graphql.isEnumType(value)) {
      const values = value.getValues().map((item) => withDocs<GraphqlEnumValueNode>({ name: item.name }, item.description, item.deprecationReason))
      return { kind: 'ENUM', values: sortByName(values) }
    }
    if (graphql.isInputObjectType(value)) {
      const node: GraphqlTypeNode = { kind: 'INPUT_OBJECT', fields: sortByName(Object.values(value.getFields()).map(inputValue)) }
      if (value.isOneOf) node.oneOf = true
      return node
    }
    return { kind: 'SCALAR' }
  }

  function directive(value: GraphQLDirective): GraphqlDirectiveNode {
    const node: GraphqlDirectiveNode = {
      kind: 'DIRECTIVE',
      locations: [...value.locations].map(String).sort(compareText),
      repeatable: value.isRepeatable,
      args: sortByName(value.args.map(inputValue)),
    }
    const description = normalizeDescription(value.description)
    if (description !== undefined) node.description = description
    return node
  }

  return { type, directive }
}

function withDocs<T extends { description?: string; deprecated?: true; deprecationReason?: string }>(
  node: T,
  description: string | null | undefined,
  deprecationReason: string | null | undefined,
): T {
  const text = normalizeDescription(description)
  if (text !== undefined) node.description = text
  if (deprecationReason !== null && deprecationReason !== undefined) {
    node.deprecated = true
    const reason = normalizeDescription(deprecationReason)
    if (reason !== undefined) node.deprecationReason = reason
  }
  return node
}
