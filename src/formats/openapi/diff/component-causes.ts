import type { Change } from '../../../model/change.js'
import { createChange } from '../../../diff/create-change.js'
import { SharedCauses, type SharedCause } from '../../../diff/shared-causes.js'
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
  readonly #byPair: Record<Direction, Map<number, SharedCause[]>> = { request: new Map(), response: new Map() }

  /**
   * Records that `operation` reaches the findings of component pair `pair` (in `direction`), the
   * `index`th at `locations[index]` inside it; appends to `into` each cause it reaches for the first time.
   */
  reachAll(pair: number, direction: Direction, findings: readonly SchemaFinding[], operation: string, locations: readonly string[][], into: Change[]): void {
    const causes = this.#causesOf(pair, direction, findings)
    for (let index = 0; index < causes.length; index++) {
      const change = this.#causes.reach(causes[index]!, operation, locations[index]!)
      if (change !== undefined) into.push(change)
    }
  }

  /** Every cause, with its operations in `operationOrder`. */
  changes(operationOrder: ReadonlyMap<string, number>): Change[] {
    return this.#causes.changes(operationOrder)
  }

  /** The cause of each finding of a component pair (memoized per direction: no identity string per operation). */
  #causesOf(pair: number, direction: Direction, findings: readonly SchemaFinding[]): SharedCause[] {
    let causes = this.#byPair[direction].get(pair)
    if (causes === undefined) {
      causes = findings.map((finding) =>
        this.#causes.cause(JSON.stringify([finding.component, finding.path, finding.facet, finding.severity, finding.detail]), () => componentChange(finding)),
      )
      this.#byPair[direction].set(pair, causes)
    }
    return causes
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
  return createChange(componentKind(finding), finding.severity, {
    location: finding.path,
    message: `${where === '' ? '' : `${where} `}${finding.detail} (in component ${componentName(component)})`,
    before: finding.before,
    after: finding.after,
    component,
  })
}
