import type { Severity, Change } from '../types.js'
import { describeLocation } from './describe-location.js'
import { componentName } from './schema/node.js'
import type { SchemaWalk } from './schema/schema-walk.js'
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
  const inComponent = values.component === undefined ? '' : ` (in component ${componentName(values.component)})`
  const change: Change = { kind, severity, location, message: `${describeSubject(operation, location)}${detail}${inComponent}` }
  if (operation !== undefined) change.operation = operation
  if (values.before !== undefined) change.before = values.before
  if (values.after !== undefined) change.after = values.after
  if (values.component !== undefined) change.component = values.component
  return change
}

/** "GET /pets: query parameter 'limit' " for operation changes; document-level details are whole sentences. */
function describeSubject(operation: string | undefined, location: string[]): string {
  if (operation === undefined) return ''
  const where = describeLocation(location)
  return where === '' ? `${operation} ` : `${operation}: ${where} `
}

/** Collects the changes of one operation pair; every rule family writes into it. */
export class OperationChanges {
  readonly changes: Change[] = []

  constructor(
    /** The new document's key of the operation. */
    readonly operation: string,
    /** Schema comparisons of this operation (component changes reported once per operation). */
    readonly schemas: SchemaWalk,
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
    for (const finding of this.schemas.compare(before, after, direction)) {
      this.add(kindOf(kindPrefix, finding), finding.severity, [...location, ...finding.path], finding.detail, finding)
    }
  }
}

function kindOf(prefix: string, finding: SchemaFinding): string {
  if (finding.facet.startsWith('property-') || finding.path.length === 0) return prefix + finding.facet
  return `${prefix}property-${finding.facet}`
}
