import { compareText } from '../../shared/compare-text.js'
import type { GraphqlDirectiveNode, GraphqlTypeNode } from './nodes.js'
import { namedTypeOf } from './type-ref.js'

/** Names of the types a type's own definition mentions: field, argument and input field types, interfaces, union members. */
export function referencedTypeNames(node: GraphqlTypeNode | GraphqlDirectiveNode): string[] {
  const names = new Set<string>()
  switch (node.kind) {
    case 'OBJECT':
    case 'INTERFACE':
      for (const name of node.interfaces) names.add(name)
      for (const field of node.fields) {
        names.add(namedTypeOf(field.type))
        for (const arg of field.args) names.add(namedTypeOf(arg.type))
      }
      break
    case 'UNION':
      for (const name of node.members) names.add(name)
      break
    case 'INPUT_OBJECT':
    case 'DIRECTIVE':
      for (const item of node.kind === 'INPUT_OBJECT' ? node.fields : node.args) names.add(namedTypeOf(item.type))
      break
    default:
      break
  }
  return [...names]
}

/**
 * Interface name to the object and interface types that implement it, sorted. A field typed with
 * an interface can return any implementation, so implementations are part of what it reaches.
 */
export function implementationsIndex(types: ReadonlyMap<string, GraphqlTypeNode>): Map<string, string[]> {
  const index = new Map<string, string[]>()
  for (const [name, node] of types) {
    if (node.kind !== 'OBJECT' && node.kind !== 'INTERFACE') continue
    for (const iface of node.interfaces) {
      const list = index.get(iface)
      if (list) list.push(name)
      else index.set(iface, [name])
    }
  }
  for (const list of index.values()) list.sort(compareText)
  return index
}

/** Everything a type reaches in one step: what it mentions plus, for interfaces, its implementations. */
export function typeSuccessors(name: string, node: GraphqlTypeNode, implementations: ReadonlyMap<string, string[]>): string[] {
  const referenced = referencedTypeNames(node)
  const implementing = node.kind === 'INTERFACE' ? implementations.get(name) : undefined
  return implementing ? [...referenced, ...implementing] : referenced
}
