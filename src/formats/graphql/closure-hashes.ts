import type { TimeSlice } from '../../runtime/yield.js'
import { fastHash } from '../hash.js'
import { stronglyConnectedComponents } from '../strongly-connected-components.js'
import { compareText } from '../../shared/compare-text.js'

/**
 * Merkle-style hashes over a directed graph that may contain cycles: a node's hash covers its own
 * content and everything it reaches. Strongly connected components (types that reference each
 * other) are condensed with the shared iterative Tarjan walk (no recursion: GitHub's schema has one
 * component of hundreds of types), so every node is hashed once. Successors missing from
 * `localHashes` are ignored: they are leaves whose names the local content already holds. Yields
 * through `slice` between components.
 */
export async function closureHashes(
  localHashes: ReadonlyMap<string, string>,
  successors: (node: string) => readonly string[],
  slice: TimeSlice,
): Promise<Map<string, string>> {
  const result = new Map<string, string>()
  const componentOf = new Map<string, string>()
  const edgesOf = (node: string) => successors(node).filter((next) => localHashes.has(next))
  // Components come out after every component they reach, so those are hashed already.
  const components = stronglyConnectedComponents(localHashes.keys(), edgesOf)
  await slice.yieldIfDue()
  for (const members of components) {
    if (slice.due()) await slice.yield()
    hashComponent(members, localHashes, edgesOf, componentOf, result)
  }
  return result
}

function hashComponent(
  members: string[],
  localHashes: ReadonlyMap<string, string>,
  edgesOf: (node: string) => string[],
  componentOf: Map<string, string>,
  result: Map<string, string>,
): void {
  members.sort(compareText)
  const memberSet = new Set(members)
  const outside = new Set<string>()
  for (const member of members) {
    for (const next of edgesOf(member)) if (!memberSet.has(next)) outside.add(componentOf.get(next)!)
  }
  const content = members.map((member) => `${member}=${localHashes.get(member)!}`).join(',')
  const componentHash = fastHash(`${content}|${[...outside].sort(compareText).join(',')}`)
  for (const member of members) {
    componentOf.set(member, componentHash)
    result.set(member, members.length === 1 ? componentHash : fastHash(`${member}|${componentHash}`))
  }
}
