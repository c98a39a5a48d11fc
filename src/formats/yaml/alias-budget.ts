/**
 * Bounds what YAML aliases can make of a document. An alias is a reference, so a small text can stand
 * for an enormous tree (a "billion laughs"): harmless while it stays shared, ruinous for every later
 * stage that writes it out (canonical text, saved state, generated collections) and already while
 * parsing when js-yaml joins an aliased list into a mapping key. Counting aliases per anchor does not
 * help: a thousand anchors used a thousand times each is as bad as one used a million times.
 *
 * So the budget is for the whole document: every alias use costs the size of what it stands for,
 * written out in full, and the total may not exceed EXPANSION_FACTOR times the document's length
 * (MIN_BUDGET for small documents). A document without aliases costs nothing. The size of a node is
 * computed once, by identity, and never by expanding it; the parse stops at the alias that overdraws.
 * A node that contains itself (`a: &a [*a]`) expands without end and is refused too: JSON has no such
 * thing, and every later stage would have to cut the cycle.
 */

/** How many times its own length a document's aliases may repeat: real documents use far less. */
export const EXPANSION_FACTOR = 10
/** The budget of a small document (characters): a few anchors reused widely in a short file are fine. */
export const MIN_BUDGET = 1_000_000

/** Why a document was refused, and where: the offset in the text of the alias that overdrew. */
export class AliasBudgetExceeded extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason)
  }
}

/** What the js-yaml listener sees of a node when it closes (its `kind` is null for an alias). */
export interface ClosedNode {
  kind: string | null
  /** The node's own anchor name (js-yaml restores it after reading the children), else null. */
  anchor?: string | null
  result: unknown
  /** The text being parsed, and the parser's offset in it. */
  input: string
  position: number
}

export class AliasBudget {
  readonly limit: number
  private spent = 0
  /** Anchored collections whose node has closed: an alias to one that is still open is a cycle. */
  private readonly closed = new Set<object>()
  /** Written-out size of each collection measured so far (the budget lives for one parse). */
  private readonly sizes = new Map<object, number>()
  /** Offsets where the open nodes begin (whitespace and comments before them included). */
  private readonly starts: number[] = []

  constructor(documentLength: number) {
    this.limit = Math.max(MIN_BUDGET, EXPANSION_FACTOR * documentLength)
  }

  /** Called for every node as the parser opens it. */
  onOpen(node: ClosedNode): void {
    this.starts.push(node.position)
  }

  /** Called for every node as the parser closes it. */
  onClose(node: ClosedNode): void {
    const start = this.starts.pop() ?? 0
    const { kind, result } = node
    if (kind === 'mapping' || kind === 'sequence') {
      // Only anchored nodes can be aliased: the set stays small.
      if (node.anchor !== null && node.anchor !== undefined && typeof result === 'object' && result !== null) this.closed.add(result)
      return
    }
    // Only an alias closes without a kind (a tagged empty node does too, and costs 1: harmless).
    if (kind !== null && kind !== undefined) return
    if (typeof result === 'object' && result !== null) {
      if (!this.closed.has(result)) throw refusal(node, start, 'an alias refers to a node that contains it (a recursive alias)')
      this.spend(this.sizeOf(result, this.limit - this.spent), node, start)
    } else {
      this.spend(scalarSize(result), node, start)
    }
  }

  private spend(size: number, node: ClosedNode, start: number): void {
    this.spent += size
    if (this.spent > this.limit) {
      const limit = this.limit.toLocaleString('en-US')
      throw refusal(node, start, `its alias expansion exceeds ${limit} characters (${EXPANSION_FACTOR} times the document's length, at least ${MIN_BUDGET.toLocaleString('en-US')})`)
    }
  }

  /**
   * Written-out size of a closed collection, memoized by identity so that shared parts are measured
   * once. Iterative (documents nest deeply), and it gives up as soon as the size passes `bound`.
   */
  private sizeOf(root: object, bound: number): number {
    const known = this.sizes.get(root)
    if (known !== undefined) return known
    interface Frame {
      node: object
      keys: string[] | undefined
      values: unknown[]
      next: number
      size: number
    }
    const frame = (node: object): Frame => {
      if (Array.isArray(node)) return { node, keys: undefined, values: node as unknown[], next: 0, size: 1 }
      const keys = Object.keys(node)
      return { node, keys, values: keys.map((key) => (node as Record<string, unknown>)[key]), next: 0, size: 1 }
    }
    const stack: Frame[] = [frame(root)]
    for (;;) {
      const top = stack[stack.length - 1]!
      if (top.next < top.values.length) {
        const index = top.next++
        top.size += top.keys === undefined ? 0 : top.keys[index]!.length + 1
        const value = top.values[index]
        if (typeof value === 'object' && value !== null) {
          const size = this.sizes.get(value)
          if (size === undefined) {
            stack.push(frame(value))
            continue
          }
          top.size += size
        } else {
          top.size += scalarSize(value)
        }
        if (top.size > bound) return top.size
        continue
      }
      stack.pop()
      this.sizes.set(top.node, top.size)
      const parent = stack[stack.length - 1]
      if (parent === undefined) return top.size
      parent.size += top.size
      if (parent.size > bound) return parent.size
    }
  }
}

function refusal(node: ClosedNode, start: number, reason: string): AliasBudgetExceeded {
  return new AliasBudgetExceeded(reason, aliasOffset(node.input, start))
}

/** Where the alias itself begins: past the whitespace and comments between the node's start and its `*`. */
function aliasOffset(text: string, start: number): number {
  let offset = start
  while (offset < text.length) {
    const char = text[offset]
    if (char === '*') return offset
    if (char === '#') {
      const newline = text.indexOf('\n', offset)
      offset = newline === -1 ? text.length : newline + 1
    } else {
      offset++
    }
  }
  return start
}

function scalarSize(value: unknown): number {
  return typeof value === 'string' ? value.length + 1 : 1
}
