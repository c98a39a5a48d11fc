import { fastHash } from '../hash.js'
import { compareNames } from './compare-names.js'

/**
 * Merkle-style hashes over a directed graph that may contain cycles: a node's hash covers its own
 * content and everything it reaches. Strongly connected components (types that reference each
 * other) are condensed with an iterative Tarjan walk (no recursion: GitHub's schema has one
 * component of hundreds of types), so every node is hashed once. Successors missing from
 * `localHashes` are ignored: they are leaves whose names the local content already holds.
 */
export function closureHashes(localHashes: ReadonlyMap<string, string>, successors: (node: string) => readonly string[]): Map<string, string> {
  const result = new Map<string, string>()
  const componentOf = new Map<string, string>()
  const index = new Map<string, number>()
  const lowLink = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  let counter = 0

  const edgesOf = (node: string) => successors(node).filter((next) => localHashes.has(next))

  for (const root of localHashes.keys()) {
    if (index.has(root)) continue
    const work: Array<{ node: string; edges: string[]; next: number }> = []
    const enter = (node: string) => {
      index.set(node, counter)
      lowLink.set(node, counter)
      counter++
      stack.push(node)
      onStack.add(node)
      work.push({ node, edges: edgesOf(node), next: 0 })
    }
    enter(root)
    while (work.length > 0) {
      const frame = work[work.length - 1]!
      if (frame.next < frame.edges.length) {
        const next = frame.edges[frame.next++]!
        if (!index.has(next)) enter(next)
        else if (onStack.has(next)) lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(next)!))
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!))
      if (lowLink.get(frame.node) !== index.get(frame.node)) continue
      // frame.node roots a component: every component it reaches has been hashed already.
      const members: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        members.push(member)
      } while (member !== frame.node)
      hashComponent(members, localHashes, edgesOf, componentOf, result)
    }
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
  members.sort(compareNames)
  const memberSet = new Set(members)
  const outside = new Set<string>()
  for (const member of members) {
    for (const next of edgesOf(member)) if (!memberSet.has(next)) outside.add(componentOf.get(next)!)
  }
  const content = members.map((member) => `${member}=${localHashes.get(member)!}`).join(',')
  const componentHash = fastHash(`${content}|${[...outside].sort(compareNames).join(',')}`)
  for (const member of members) {
    componentOf.set(member, componentHash)
    result.set(member, members.length === 1 ? componentHash : fastHash(`${member}|${componentHash}`))
  }
}
