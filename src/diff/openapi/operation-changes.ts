import type { Severity, Change } from '../types.js'
import { describeLocation } from './describe-location.js'
import { componentName } from './schema/node.js'
import type { FindingGroup, SchemaWalk } from './schema/schema-walk.js'
import type { Direction, SchemaFinding } from './schema/types.js'

/** Optional parts of a change record. */
export interface ChangeValues {
  before?: unknown
  after?: unknown
  component?: string | undefined
}

/** Builds a change record; `operation` undefined makes a document-level change. */
export function makeChange(
  operation: string | undefined,
  kind: string,
  severity: Severity,
  location: string[],
  detail: string,
  values: ChangeValues = {},
): Change {
  const message = operation === undefined ? detail + componentNote(values.component) : operation + messageTail(location, detail, values.component)
  return changeRecord(operation, kind, severity, location, message, values)
}

function changeRecord(operation: string | undefined, kind: string, severity: Severity, location: string[], message: string, values: ChangeValues): Change {
  const change: Change = { kind, severity, location, message }
  if (operation !== undefined) change.operation = operation
  if (values.before !== undefined) change.before = values.before
  if (values.after !== undefined) change.after = values.after
  if (values.component !== undefined) change.component = values.component
  return change
}

/** What follows the operation key in the message of an operation change: ": query parameter 'limit' became required". */
function messageTail(location: readonly string[], detail: string, component: string | undefined): string {
  const where = describeLocation(location)
  return `${where === '' ? ' ' : `: ${where} `}${detail}${componentNote(component)}`
}

function componentNote(component: string | undefined): string {
  return component === undefined ? '' : ` (in component ${componentName(component)})`
}

/** Kind, location and message tail of one component finding at one place: the same in every operation that reaches it there. */
interface RecordTemplate {
  kind: string
  location: string[]
  tail: string
}

/**
 * Change records of component findings, prepared once per place and reused by every operation
 * that reaches the same component pair at the same location (a shared error response, a schema
 * used by hundreds of operations): each further record costs one object and one string
 * concatenation, not a description of its location. Records made from one template share its
 * `location` array, as every record already shares its `before` / `after` values with the
 * snapshots: change records are read-only data.
 */
export class RecordTemplates {
  /** By location (direction, kind prefix and location as JSON), then by the path to the `$ref` walked through, then by walk step. */
  readonly #byLocation = new Map<string, Map<string, Map<object, RecordTemplate[]>>>()

  /** The templates of the groups found under `location`, one list per group (undefined for groups without a walk step). */
  of(groups: readonly FindingGroup[], location: readonly string[], kindPrefix: string, direction: Direction): Array<RecordTemplate[] | undefined> {
    const locationKey = JSON.stringify([direction, kindPrefix, location])
    let byPrefix = this.#byLocation.get(locationKey)
    if (byPrefix === undefined) {
      byPrefix = new Map()
      this.#byLocation.set(locationKey, byPrefix)
    }
    return groups.map((group) => {
      if (group.step === undefined) return undefined
      // The `$ref` an operation's schema reaches components through is mostly the schema itself: `[]`.
      const prefixKey = group.prefix.length === 0 ? '' : JSON.stringify(group.prefix)
      let byStep = byPrefix.get(prefixKey)
      if (byStep === undefined) {
        byStep = new Map()
        byPrefix.set(prefixKey, byStep)
      }
      let templates = byStep.get(group.step)
      if (templates === undefined) {
        templates = group.findings.map((finding) => {
          const findingLocation = joinPaths(location, group, finding.path)
          return {
            kind: kindOf(kindPrefix, finding, findingLocation.length - location.length),
            location: findingLocation,
            tail: messageTail(findingLocation, finding.detail, finding.component),
          }
        })
        byStep.set(group.step, templates)
      }
      return templates
    })
  }
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

/** Collects the changes of one operation pair; every rule family writes into it. */
export class OperationChanges {
  readonly changes: Change[] = []

  constructor(
    /** The new document's key of the operation. */
    readonly operation: string,
    /** Schema comparisons of this operation (component changes reported once per operation). */
    readonly schemas: SchemaWalk,
    /** Records of component findings already described for other operations of the same diff. */
    readonly templates: RecordTemplates = new RecordTemplates(),
  ) {}

  add(kind: string, severity: Severity, location: string[], detail: string, values: ChangeValues = {}): void {
    this.changes.push(makeChange(this.operation, kind, severity, location, detail, values))
  }

  /**
   * Compares two schemas of the operation and records what differs. `kindPrefix` names where
   * the schema sits (`schema-`, `request-parameter-`, `response-header-`); findings below the
   * root get `property-` after it unless their facet already names a property.
   */
  compareSchemas(before: unknown, after: unknown, direction: Direction, location: string[], kindPrefix: string): void {
    const groups = this.schemas.compare(before, after, direction)
    if (groups.length === 0) return
    const templatesByGroup = this.templates.of(groups, location, kindPrefix, direction)
    for (let groupIndex = 0; groupIndex < groups.length; groupIndex++) {
      const group = groups[groupIndex]!
      const templates = templatesByGroup[groupIndex]
      if (templates === undefined) {
        for (const finding of group.findings) {
          const findingLocation = joinPaths(location, group, finding.path)
          this.add(kindOf(kindPrefix, finding, findingLocation.length - location.length), finding.severity, findingLocation, finding.detail, finding)
        }
        continue
      }
      for (let index = 0; index < templates.length; index++) {
        const template = templates[index]!
        const finding = group.findings[index]!
        this.changes.push(changeRecord(this.operation, template.kind, finding.severity, template.location, this.operation + template.tail, finding))
      }
    }
  }
}

/** `pathLength` is the length of the finding's path from the compared schema. */
function kindOf(prefix: string, finding: SchemaFinding, pathLength: number): string {
  if (finding.facet.startsWith('property-') || pathLength === 0) return prefix + finding.facet
  return `${prefix}property-${finding.facet}`
}
