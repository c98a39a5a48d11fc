import type { Change, Severity } from '../model/change.js'

/** Where a change is and what it says; `operation` absent makes a document-level change. */
export interface ChangeFields {
  location: string[]
  message: string
  operation?: string | undefined
  before?: unknown
  after?: unknown
  /** Pointer of the shared component (schema, type, directive) the change was found in. */
  component?: string | undefined
}

/**
 * The one constructor of a change record, used by every rule of every format (graphql-inspector's
 * `changes/change.ts` has one constructor per change; our rules share this one and name their
 * `kind`, which must be in `RULE_CATALOG`). Optional fields that are undefined are left out, so
 * records compare and serialize cleanly; the keys are always in this order, so a report's JSON is
 * the same whichever format wrote the change.
 */
export function createChange(kind: string, severity: Severity, fields: ChangeFields): Change {
  const change: Change = { kind, severity, location: fields.location, message: fields.message }
  if (fields.operation !== undefined) change.operation = fields.operation
  if (fields.before !== undefined) change.before = fields.before
  if (fields.after !== undefined) change.after = fields.after
  if (fields.component !== undefined) change.component = fields.component
  return change
}

/** The same change judged at another severity (a finding re-judged by where it is reached); `change` itself when it already is. */
export function withSeverity(change: Change, severity: Severity): Change {
  if (change.severity === severity) return change
  const judged = createChange(change.kind, severity, change)
  if (change.operations !== undefined) judged.operations = change.operations
  return judged
}

/** How a rule reports what it finds: it calls this with each change, built by `createChange`. */
export type AddChange = (change: Change) => void

/** The changes a rule reports, in the order it reports them (for callers that keep or memoize them). */
export function collectChanges(rule: (addChange: AddChange) => void): Change[] {
  const changes: Change[] = []
  rule((change) => {
    changes.push(change)
  })
  return changes
}
