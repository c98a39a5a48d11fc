import type { Change } from '../../../model/change.js'
import { SharedCauses, type SharedCause } from '../../../diff/shared-causes.js'
import { typePointer } from '../nodes.js'
import type { LocalChange } from './local-change.js'
import type { Reach } from './reach.js'
import { toChange } from './to-change.js'
import { pathSegments, type GraphqlDiffStats, type ReachedType } from './type-walk.js'

/**
 * Changes inside shared types, each once, with the root fields that reach them. A type's changes
 * depend on how it is reached (an enum value added breaks readers, not writers): each
 * `(type, reach)` is judged once, and the same change judged alike by several reaches is one cause.
 */
export class SharedTypeChanges {
  readonly #causes = new SharedCauses()
  /** By way of reaching (a small number), then type name: no key string built per reached type. */
  readonly #byReach: Array<Map<string, SharedCause[]>> = []

  constructor(
    private readonly typeChanges: (name: string, reach: Reach) => LocalChange[],
    private readonly stats?: GraphqlDiffStats,
  ) {}

  /** Records that `operation` reaches `reached`; pushes onto `into` each cause it reaches for the first time. */
  reach(reached: ReachedType, operation: string, into: Change[]): void {
    const causes = this.#causesOf(reached.name, reached.reach)
    if (causes.length === 0) return
    // Spelled out only here: most reached types have no change of their own (they lead to one).
    const prefix = pathSegments(reached.path, this.stats)
    for (const cause of causes) {
      const local = cause.change.location
      const first = this.#causes.reach(cause, operation, [...prefix, ...local])
      if (first !== undefined) into.push(first)
    }
  }

  /** Every cause, with its operations in `operationOrder`. */
  changes(operationOrder: ReadonlyMap<string, number>): Change[] {
    return this.#causes.changes(operationOrder)
  }

  #causesOf(name: string, reach: Reach): SharedCause[] {
    let byName = this.#byReach[reach]
    if (byName === undefined) {
      byName = new Map()
      this.#byReach[reach] = byName
    }
    let causes = byName.get(name)
    if (causes === undefined) {
      causes = this.typeChanges(name, reach).map((change) =>
        this.#causes.cause(JSON.stringify([name, change.kind, change.severity, change.location, change.message]), () => toChange(change, { component: typePointer(name) })),
      )
      byName.set(name, causes)
    }
    return causes
  }
}
