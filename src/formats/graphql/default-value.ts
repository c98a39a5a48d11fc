import type { GraphQLInputType, ValueNode } from 'graphql'
import { canonicalJson } from '../hash.js'
import { compareText } from '../../shared/compare-text.js'
import type { GraphqlModule } from './graphql-module.js'

/**
 * Prints a default value as a GraphQL literal with input-object fields sorted by name, so SDL
 * (fields in declaration order) and introspection (whatever order the server printed) agree:
 * 27 types of GitHub's 2021-10 schema differ only in that key order. `undefined` means no default.
 */
export function printDefaultValue(graphql: GraphqlModule, value: unknown, type: GraphQLInputType): string | undefined {
  if (value === undefined) return undefined
  try {
    const literal = graphql.astFromValue(value, type)
    if (literal) return graphql.print(sortObjectFields(graphql, literal))
  } catch {
    // A custom scalar whose serializer rejects its own default: fall back to JSON below.
  }
  return canonicalJson(value)
}

function sortObjectFields(graphql: GraphqlModule, node: ValueNode): ValueNode {
  if (node.kind === graphql.Kind.OBJECT) {
    const fields = node.fields
      .map((field) => ({ ...field, value: sortObjectFields(graphql, field.value) }))
      .sort((a, b) => compareText(a.name.value, b.name.value))
    return { ...node, fields }
  }
  if (node.kind === graphql.Kind.LIST) return { ...node, values: node.values.map((item) => sortObjectFields(graphql, item)) }
  return node
}
