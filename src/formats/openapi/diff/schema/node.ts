import type { SchemaNode } from '../../../../model/snapshot.js'

const COMPONENT_PREFIX = '#/components/schemas/'

/** A schema as an object: `true` or a missing schema accepts anything (`{}`), `false` nothing. */
export function asNode(value: unknown): SchemaNode {
  if (value === false) return { not: {} }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {}
  return value as SchemaNode
}

/** The component pointer of an internal `$ref`, or undefined (external refs are left as keywords). */
export function componentRef(node: SchemaNode): string | undefined {
  const ref = node['$ref']
  return typeof ref === 'string' && ref.startsWith(COMPONENT_PREFIX) ? ref : undefined
}

/** The keywords written next to a `$ref` (OpenAPI 3.1 allows siblings such as `description`). */
export function refSiblings(node: SchemaNode): SchemaNode {
  const { $ref: _ref, ...siblings } = node
  return siblings
}

/** The short name of a component pointer (`#/components/schemas/Pet` -> `Pet`). */
export function componentName(pointer: string): string {
  return pointer.startsWith(COMPONENT_PREFIX) ? pointer.slice(COMPONENT_PREFIX.length) : pointer
}

/** Structural JSON equality, shared with the other formats and the collection tools. */
export { sameJson } from '../../../../shared/json.js'

/** A value for a message: strings quoted, the rest as compact JSON, long values shortened. */
export function formatValue(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value))
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/** Own keys of an object-valued keyword (`properties`, `patternProperties`), or none. */
export function objectKeyword(node: SchemaNode, keyword: string): Record<string, unknown> {
  const value = node[keyword]
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/** An array-valued keyword (`required`, `oneOf`, `enum`), or undefined when absent or malformed. */
export function arrayKeyword(node: SchemaNode, keyword: string): unknown[] | undefined {
  const value = node[keyword]
  return Array.isArray(value) ? value : undefined
}

/** Names listed in `required`. */
export function requiredNames(node: SchemaNode): Set<string> {
  return new Set((arrayKeyword(node, 'required') ?? []).filter((name): name is string => typeof name === 'string'))
}
