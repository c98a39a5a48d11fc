import type { SchemaNode } from '../../../../model/snapshot.js'
import { componentRef } from './node.js'
import type { SchemaEdge } from './types.js'

/** Every internal `$ref` of an unchanged schema becomes an edge to itself, at its path. */
export function collectRefEdges(node: unknown, path: string[], edges: SchemaEdge[]): void {
  if (node === null || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) {
      path.push(String(index))
      collectRefEdges(node[index], path, edges)
      path.pop()
    }
    return
  }
  const pointer = componentRef(node as SchemaNode)
  if (pointer !== undefined) edges.push({ path: [...path], before: pointer, after: pointer })
  for (const key in node) {
    const value = (node as Record<string, unknown>)[key]
    if (value === null || typeof value !== 'object' || isLiteralKeyword(key)) continue
    path.push(key)
    collectRefEdges(value, path, edges)
    path.pop()
  }
}

/** Keywords whose values are data, not schemas: a `$ref`-shaped example is not a reference. */
function isLiteralKeyword(keyword: string): boolean {
  return keyword === 'enum' || keyword === 'const' || keyword === 'default' || keyword === 'example' || keyword === 'examples'
}
