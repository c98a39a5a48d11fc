import type { Change, OperationReach } from '../types.js'
import { describeSchemaPath } from './describe-location.js'
import { componentName } from './schema/node.js'
import type { Direction, SchemaFinding } from './schema/types.js'

/** One change found in a shared component, and the operation that reached it last (to list each operation once). */
interface Cause {
  change: Change & { operations: OperationReach[] }
  /** The reach of the operation being diffed, while it is. */
  current: OperationReach | undefined
  currentOperation: string | undefined
}

/**
 * The changes found inside shared components, each once (issue 9), with every operation that
 * reaches it. A finding of a component pair becomes a cause the first time an operation reaches
 * it; later operations only add themselves to its `operations`. Findings that read the same
 * (component, place, rule, severity, words) from several pairs or directions are one cause; the
 * same finding reached as breaking by some operations and as a warning by others is one cause
 * per severity.
 */
export class ComponentCauses {
  readonly #byIdentity = new Map<string, Cause>()
  /** Memo of the cause of each finding of a component pair, per direction: no identity string per operation. */
  readonly #byFinding: Record<Direction, Map<number, Array<Cause | undefined>>> = { request: new Map(), response: new Map() }
  readonly #causes: Cause[] = []

  /**
   * The cause of `finding` (the `index`th of component pair `pair`) reached by `operation` at
   * `location` (its full location inside the operation). Returns the cause's change when the
   * operation reaches it for the first time (the caller lists it in the operation's changes),
   * undefined when it already did (the shorter location is kept).
   */
  reach(pair: number, direction: Direction, index: number, finding: SchemaFinding, operation: string, location: () => string[], locationLength: number): Change | undefined {
    const cause = this.#causeOf(pair, direction, index, finding)
    if (cause.currentOperation === operation) {
      const current = cause.current!
      if (locationLength < current.location.length) current.location = location()
      return undefined
    }
    const reach: OperationReach = { operation, location: location() }
    cause.currentOperation = operation
    cause.current = reach
    cause.change.operations.push(reach)
    return cause.change
  }

  /** Every cause, in the order first reached, each with its operations in `operationOrder` (the new document's). */
  changes(operationOrder: ReadonlyMap<string, number>): Change[] {
    const rank = (reach: OperationReach): number => operationOrder.get(reach.operation) ?? Number.MAX_SAFE_INTEGER
    return this.#causes.map(({ change }) => {
      change.operations.sort((a, b) => rank(a) - rank(b))
      return change
    })
  }

  #causeOf(pair: number, direction: Direction, index: number, finding: SchemaFinding): Cause {
    let byIndex = this.#byFinding[direction].get(pair)
    if (byIndex === undefined) {
      byIndex = []
      this.#byFinding[direction].set(pair, byIndex)
    }
    let cause = byIndex[index]
    if (cause === undefined) {
      const identity = JSON.stringify([finding.component, finding.path, finding.facet, finding.severity, finding.detail])
      cause = this.#byIdentity.get(identity)
      if (cause === undefined) {
        cause = { change: componentChange(finding), current: undefined, currentOperation: undefined }
        this.#byIdentity.set(identity, cause)
        this.#causes.push(cause)
      }
      byIndex[index] = cause
    }
    return cause
  }
}

/**
 * The rule id of a change inside a component: the finding's facet after `schema-`, with
 * `property-` when it sits below the component's root (`schema-property-enum-value-added`), as the
 * per-operation records of a schema reached through a body always were.
 */
export function componentKind(finding: SchemaFinding): string {
  if (finding.facet.startsWith('property-') || finding.path.length === 0) return `schema-${finding.facet}`
  return `schema-property-${finding.facet}`
}

function componentChange(finding: SchemaFinding): Change & { operations: OperationReach[] } {
  const component = finding.component ?? ''
  const where = describeSchemaPath(finding.path).trimStart()
  const change: Change = {
    kind: componentKind(finding),
    severity: finding.severity,
    location: finding.path,
    message: `${where === '' ? '' : `${where} `}${finding.detail} (in component ${componentName(component)})`,
  }
  if (finding.before !== undefined) change.before = finding.before
  if (finding.after !== undefined) change.after = finding.after
  change.component = component
  const operations: OperationReach[] = []
  change.operations = operations
  return change as Change & { operations: OperationReach[] }
}
