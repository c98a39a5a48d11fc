import type { DocumentNode } from 'graphql'
import type { GraphqlModule } from './graphql-module.js'

/**
 * Names defined twice in SDL: types, and fields or enum values within one type (extensions
 * included). graphql's full SDL validation rejects them, but it costs more than parsing, and live
 * schemas do ship them (GitHub's 2025-02 SDL defines two `EnterpriseOwnerInfo` fields twice); the
 * schema is built anyway (the last definition wins) and each duplicate becomes a warning.
 */
export function duplicateDefinitions(graphql: GraphqlModule, document: DocumentNode): string[] {
  const { Kind } = graphql
  const typeKinds = new Set<string>([
    Kind.OBJECT_TYPE_DEFINITION,
    Kind.INTERFACE_TYPE_DEFINITION,
    Kind.INPUT_OBJECT_TYPE_DEFINITION,
    Kind.ENUM_TYPE_DEFINITION,
    Kind.UNION_TYPE_DEFINITION,
    Kind.SCALAR_TYPE_DEFINITION,
  ])
  const duplicates: string[] = []
  const definedTypes = new Set<string>()
  const membersByType = new Map<string, Set<string>>()
  for (const definition of document.definitions) {
    if (!('name' in definition) || definition.name === undefined) continue
    const typeName = definition.name.value
    if (typeKinds.has(definition.kind)) {
      if (definedTypes.has(typeName)) duplicates.push(`Type ${typeName} is defined more than once; the last definition is used`)
      definedTypes.add(typeName)
    }
    const members = 'fields' in definition ? definition.fields : 'values' in definition ? definition.values : undefined
    if (members === undefined) continue
    let seen = membersByType.get(typeName)
    if (seen === undefined) membersByType.set(typeName, (seen = new Set()))
    for (const member of members) {
      const name = member.name.value
      if (seen.has(name)) duplicates.push(`${typeName}.${name} is defined more than once; the last definition is used`)
      seen.add(name)
    }
  }
  return duplicates
}
