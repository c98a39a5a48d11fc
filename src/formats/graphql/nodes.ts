/**
 * Canonical, format-independent shapes of a GraphQL schema's named types and directives, as kept in
 * `ApiSnapshot.schemas` under `#/types/Name` and `#/directives/name`. Lists are sorted by name and
 * descriptions normalised, so SDL and introspection JSON of one schema give equal nodes.
 * (Type aliases rather than interfaces so they stay assignable to `SchemaNode`.)
 */

/** An argument, an input field or a directive argument. */
export type GraphqlInputValueNode = {
  name: string
  /** Printed type reference, e.g. `[ID!]!`. */
  type: string
  /** Default value printed as a GraphQL literal with object fields sorted (`{first: 10, orderBy: ASC}`). */
  default?: string
  description?: string
  deprecated?: true
  deprecationReason?: string
}

/** A client must send an input value when it is non-null and has no default. */
export function isRequiredInput(value: Pick<GraphqlInputValueNode, 'type' | 'default'>): boolean {
  return value.type.endsWith('!') && value.default === undefined
}

/** A field of an object or interface type (root fields included). */
export type GraphqlFieldNode = {
  name: string
  type: string
  args: GraphqlInputValueNode[]
  description?: string
  deprecated?: true
  deprecationReason?: string
}

export type GraphqlEnumValueNode = {
  name: string
  description?: string
  deprecated?: true
  deprecationReason?: string
}

export type GraphqlObjectLikeNode = {
  kind: 'OBJECT' | 'INTERFACE'
  description?: string
  interfaces: string[]
  fields: GraphqlFieldNode[]
}

export type GraphqlUnionNode = { kind: 'UNION'; description?: string; members: string[] }

export type GraphqlEnumNode = { kind: 'ENUM'; description?: string; values: GraphqlEnumValueNode[] }

export type GraphqlInputObjectNode = {
  kind: 'INPUT_OBJECT'
  description?: string
  fields: GraphqlInputValueNode[]
  /** Set for `@oneOf` input objects: exactly one field must be given. */
  oneOf?: true
}

export type GraphqlScalarNode = { kind: 'SCALAR'; description?: string }

/** One named type of the schema. */
export type GraphqlTypeNode = GraphqlObjectLikeNode | GraphqlUnionNode | GraphqlEnumNode | GraphqlInputObjectNode | GraphqlScalarNode

/** A custom directive definition (the directives the GraphQL specification defines are left out). */
export type GraphqlDirectiveNode = {
  kind: 'DIRECTIVE'
  description?: string
  locations: string[]
  repeatable: boolean
  args: GraphqlInputValueNode[]
}

/** Root type names of the schema (`schema { query: ... }`), kept in snapshots under `#/schema`. */
export type GraphqlSchemaNode = { kind: 'SCHEMA'; query?: string; mutation?: string; subscription?: string }

/** Pointer of the root type names in `ApiSnapshot.schemas`. */
export const SCHEMA_POINTER = '#/schema'
/** Pointer prefix of named types in `ApiSnapshot.schemas`. */
export const TYPE_POINTER_PREFIX = '#/types/'
/** Pointer prefix of directive definitions in `ApiSnapshot.schemas`. */
export const DIRECTIVE_POINTER_PREFIX = '#/directives/'

export const typePointer = (name: string): string => TYPE_POINTER_PREFIX + name
export const directivePointer = (name: string): string => DIRECTIVE_POINTER_PREFIX + name
