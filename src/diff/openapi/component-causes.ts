import type { Change } from '../types.js'
import { SharedCauses, type SharedCause } from '../shared-causes.js'
import { describeSchemaPath } from './describe-location.js'
import { componentName } from './schema/node.js'
import type { Direction, SchemaFinding } from './schema/types.js'

/**
 * The changes found inside shared component schemas, each once. Findings that read the same
 * (component, place, rule, severity, words) from several component pairs or directions are one
 * cause; the same finding reached as breaking by some operations (responses) and as a warning
 * or info by others (requests) is one cause per severity.
 */
export class ComponentCauses {
  readonly #causes = new SharedCauses()
  /** The cause of each finding of a component pair, per direction: no identity string per operation. */
  readonly #byFinding: Record<Direction, Map<number, Array<SharedCause | undefined>>> = { request: new Map(), response: new Map() }

  /**
   * Records that `operation` reaches `finding` (the `index`th of component pair `pair`) at
   * `location` inside it; returns the cause when the operation reaches it for the first time.
   */
  reach(pair: number, direction: Direction, index: number, finding: SchemaFinding, operation: string, location: string[]): Change | undefined {
    return this.#causes.reach(this.#causeOf(pair, direction, index, finding), operation, location)
  }

  /** Every cause, with its operations in `operationOrder`. */
  changes(operationOrder: ReadonlyMap<string, number>): Change[] {
    return this.#causes.changes(operationOrder)
  }

  #causeOf(pair: number, direction: Direction, index: number, finding: SchemaFinding): SharedCause {
    let byIndex = this.#byFinding[direction].get(pair)
    if (byIndex === undefined) {
      byIndex = []
      this.#byFinding[direction].set(pair, byIndex)
    }
    let cause = byIndex[index]
    if (cause === undefined) {
      const identity = JSON.stringify([finding.component, finding.path, finding.facet, finding.severity, finding.detail])
      cause = this.#causes.cause(identity, () => componentChange(finding))
      byIndex[index] = cause
    }
    return cause
  }
}

/**
 * The rule id of a change inside a component: the finding's facet after `schema-`, with
 * `property-` when it sits below the component's root (`schema-property-enum-value-added`), as
 * per-operation records of a schema reached through a body always read.
 */
export function componentKind(finding: SchemaFinding): string {
  if (finding.facet.startsWith('property-') || finding.path.length === 0) return `schema-${finding.facet}`
  return `schema-property-${finding.facet}`
}

/** The change of a component finding, located inside the component: "property 'name' became required (in component Pet)". */
function componentChange(finding: SchemaFinding): Change {
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
  return change
}
