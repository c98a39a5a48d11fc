import type { Severity, Change } from '../../../model/change.js'
import { createChange, type AddChange } from '../../../diff/create-change.js'
import { describeLocation } from './describe-location.js'
import { componentName } from './schema/node.js'
import type { ComponentCauses } from './component-causes.js'
import type { FindingGroup, SchemaWalk } from './schema/schema-walk.js'
import type { Direction, SchemaFinding } from './schema/types.js'

/** Optional parts of a change record. */
export interface ChangeValues {
  before?: unknown
  after?: unknown
  component?: string | undefined
}

/** A change with its message written the OpenAPI way (operation, where, what); `operation` undefined makes a document-level change. */
export function makeChange(
  operation: string | undefined,
  kind: string,
  severity: Severity,
  location: string[],
  detail: string,
  values: ChangeValues = {},
): Change {
  const message = operation === undefined ? detail + componentNote(values.component) : operation + messageTail(location, detail, values.component)
  return createChange(kind, severity, { location, message, operation, before: values.before, after: values.after, component: values.component })
}

/** What follows the operation key in the message of an operation change: ": query parameter 'limit' became required". */
function messageTail(location: readonly string[], detail: string, component: string | undefined): string {
  const where = describeLocation(location)
  return `${where === '' ? ' ' : `: ${where} `}${detail}${componentNote(component)}`
}

function componentNote(component: string | undefined): string {
  return component === undefined ? '' : ` (in component ${componentName(component)})`
}

/** `location + group.prefix + group.path + path` in one array. */
function joinPaths(location: readonly string[], group: FindingGroup, path: readonly string[]): string[] {
  const joined = new Array<string>(location.length + group.prefix.length + group.path.length + path.length)
  let index = 0
  for (const segment of location) joined[index++] = segment
  for (const segment of group.prefix) joined[index++] = segment
  for (const segment of group.path) joined[index++] = segment
  for (const segment of path) joined[index++] = segment
  return joined
}

/**
 * Locations (inside operations) of the findings of component pairs, built once per place and
 * shared by every operation that reaches the same pair through the same place: all of Stripe's
 * operations reach its shared error schema through `responses/default/...`, so one array per
 * finding serves hundreds of `OperationReach` entries. Change data is read-only, so sharing is safe.
 */
export class ReachLocations {
  /**
   * By location, then `$ref` path walked through (both as text, kept as given so their hashes are
   * computed once), then the path to the pair and the pair's findings (by identity, memoized upstream).
   */
  readonly #byPlace = new Map<string, Map<string, WeakMap<readonly string[], WeakMap<readonly SchemaFinding[], string[][]>>>>()
  /** Text of each `$ref` path met: operations compared apart have equal paths in distinct arrays. */
  readonly #prefixKeys = new WeakMap<readonly string[], string>()

  /** One location per finding of `group`, as `location + prefix + path + finding.path`. */
  of(location: readonly string[], locationKey: string, group: FindingGroup): string[][] {
    let prefixKey = this.#prefixKeys.get(group.prefix)
    if (prefixKey === undefined) {
      prefixKey = group.prefix.join('\u0000')
      this.#prefixKeys.set(group.prefix, prefixKey)
    }
    let byPrefix = this.#byPlace.get(locationKey)
    if (byPrefix === undefined) {
      byPrefix = new Map()
      this.#byPlace.set(locationKey, byPrefix)
    }
    let byPath = byPrefix.get(prefixKey)
    if (byPath === undefined) {
      byPath = new WeakMap()
      byPrefix.set(prefixKey, byPath)
    }
    let byFindings = byPath.get(group.path)
    if (byFindings === undefined) {
      byFindings = new WeakMap()
      byPath.set(group.path, byFindings)
    }
    let locations = byFindings.get(group.findings)
    if (locations === undefined) {
      locations = group.findings.map((finding) => joinPaths(location, group, finding.path))
      byFindings.set(group.findings, locations)
    }
    return locations
  }
}

/** Collects the changes of one operation pair; every rule family writes into it. */
export class OperationChanges {
  /** The operation's own changes and the component causes it reaches (shared objects). */
  readonly changes: Change[] = []
  /** The operation's own changes only: the causes that are not found in a shared component. */
  readonly direct: Change[] = []

  constructor(
    /** The new document's key of the operation. */
    readonly operation: string,
    /** Schema comparisons of this operation. */
    readonly schemas: SchemaWalk,
    /** Changes found in shared components, each once for the whole diff. */
    readonly causes: ComponentCauses,
    /** Locations of component findings, shared across the operations of the diff. */
    readonly locations: ReachLocations = new ReachLocations(),
  ) {}

  /** Where every rule of the operation reports: the change is the operation's own (not a component cause). */
  readonly addChange: AddChange = (change) => {
    this.changes.push(change)
    this.direct.push(change)
  }

  /**
   * Compares two schemas of the operation and records what differs. `kindPrefix` names where
   * the schema sits (`schema-`, `request-parameter-`, `response-header-`); findings below the
   * root get `property-` after it unless their facet already names a property. Findings made in
   * a shared component are not the operation's own: they go to their cause, which lists this
   * operation with the location it is reached at.
   */
  compareSchemas(before: unknown, after: unknown, direction: Direction, location: string[], kindPrefix: string): void {
    const groups = this.schemas.compare(before, after, direction)
    let locationKey: string | undefined
    for (const group of groups) {
      if (group.pair === undefined) {
        for (const finding of group.findings) {
          const findingLocation = joinPaths(location, group, finding.path)
          this.addChange(makeChange(this.operation, kindOf(kindPrefix, finding, findingLocation.length - location.length), finding.severity, findingLocation, finding.detail, finding))
        }
        continue
      }
      locationKey ??= location.join('\u0000')
      this.causes.reachAll(group.pair, direction, group.findings, this.operation, this.locations.of(location, locationKey, group), this.changes)
    }
  }
}

/** `pathLength` is the length of the finding's path from the compared schema. */
function kindOf(prefix: string, finding: SchemaFinding, pathLength: number): string {
  if (finding.facet.startsWith('property-') || pathLength === 0) return prefix + finding.facet
  return `${prefix}property-${finding.facet}`
}
