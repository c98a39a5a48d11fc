import { fastHash } from '../hash.js'
import { stronglyConnectedComponents } from '../strongly-connected-components.js'

/** A schema as the hasher sees it: its canonical text and the pointers it references directly. */
export interface HashableSchema {
  text: string
  refs: ReadonlySet<string>
}

/**
 * Content hash of every schema including everything it references, each schema hashed once:
 * the reference graph is condensed into strongly connected components (reference cycles), which
 * are hashed dependencies first from their members' texts plus the hashes of the components they
 * reference. A change anywhere changes the hash of every schema that reaches it, and only those.
 * References to pointers missing from `schemas` count as leaves named by their pointer.
 */
export function computeSchemaHashes(schemas: ReadonlyMap<string, HashableSchema>): Map<string, string> {
  const hashes = new Map<string, string>()
  const sortedRefs = new Map<string, string[]>()
  const successors = (pointer: string): string[] => {
    let refs = sortedRefs.get(pointer)
    if (refs === undefined) {
      refs = [...(schemas.get(pointer)?.refs ?? [])].sort()
      sortedRefs.set(pointer, refs)
    }
    return refs
  }
  const pointers = [...schemas.keys()].sort()
  for (const component of stronglyConnectedComponents(pointers, successors)) {
    const members = component.sort()
    const memberSet = new Set(members)
    let text = ''
    const outside = new Set<string>()
    for (const pointer of members) {
      const schema = schemas.get(pointer)
      // Pointers as JSON strings: fastHash reads UTF-8, where lone surrogates would blur.
      text += `${JSON.stringify(pointer)}\n${schema === undefined ? '(missing)' : schema.text}\n`
      for (const ref of successors(pointer)) {
        if (!memberSet.has(ref)) outside.add(`${JSON.stringify(ref)}=${hashes.get(ref)!}`)
      }
    }
    text += [...outside].sort().join('\n')
    const componentHash = fastHash(text)
    // Members of one cycle share the component's content but keep hashes of their own.
    for (const pointer of members) hashes.set(pointer, members.length === 1 ? componentHash : fastHash(`${componentHash}\n${JSON.stringify(pointer)}`))
  }
  return hashes
}
