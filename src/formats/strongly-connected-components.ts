/**
 * Strongly connected components of a directed graph (Tarjan's algorithm, with an explicit stack
 * so that a 10,000-long reference chain cannot overflow the call stack). Components come out in
 * reverse topological order: each one after every component it can reach.
 */
export function stronglyConnectedComponents(
  nodes: Iterable<string>,
  successors: (node: string) => readonly string[],
): string[][] {
  const index = new Map<string, number>()
  const lowLink = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  let counter = 0

  for (const start of nodes) {
    if (index.has(start)) continue
    const frames: Array<{ node: string; targets: readonly string[]; next: number }> = []
    const enter = (node: string): void => {
      index.set(node, counter)
      lowLink.set(node, counter)
      counter++
      stack.push(node)
      onStack.add(node)
      frames.push({ node, targets: successors(node), next: 0 })
    }
    enter(start)
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!
      if (frame.next < frame.targets.length) {
        const target = frame.targets[frame.next++]!
        if (!index.has(target)) enter(target)
        else if (onStack.has(target)) lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!))
        continue
      }
      frames.pop()
      if (lowLink.get(frame.node) === index.get(frame.node)) {
        const component: string[] = []
        let member: string
        do {
          member = stack.pop()!
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.node)
        components.push(component)
      }
      const parent = frames[frames.length - 1]
      if (parent !== undefined) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!))
    }
  }
  return components
}
