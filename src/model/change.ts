import type { OperationMove, OperationRef } from './identity.js'

export type Severity = 'breaking' | 'warning' | 'info'

/**
 * One operation that a change found in a shared component reaches (issue 9: changes are
 * reported by cause, each once, with every operation it reaches listed here).
 */
export interface OperationReach {
  /** Key of the operation reached (`"GET /pets/{petId}"`). */
  operation: string
  /** Where the change shows inside that operation, through its shortest path (`['responses', '200', 'content', 'application/json', 'schema', 'owner', 'name']`). */
  location: string[]
  /** This operation's severity, only when it differs from the change's own. */
  severity?: Severity
}

/**
 * One typed difference between two versions of an API: one cause. A change found inside a shared
 * component appears once, with `component` set, `location` inside that component and
 * `operations` listing every operation it reaches; the per-operation view
 * (`ChangeSet.modified[i].changes`) refers to these same objects. Change records are read-only.
 */
export interface Change {
  /** Stable rule id in kebab-case, e.g. `operation-removed`, `request-parameter-became-required`. */
  kind: string
  severity: Severity
  /** Key of the operation the change affects (`"GET /pets/{petId}"`), absent for document-level changes. */
  operation?: string
  /** Path of segments to what changed inside the operation or document, e.g. `['parameters', 'query', 'limit']`. */
  location: string[]
  /** A sentence a person can read. */
  message: string
  before?: unknown
  after?: unknown
  /** Pointer of the shared component the change was found in, when it came through a `$ref` (`#/components/schemas/Pet`). */
  component?: string
  /** Set with `component`: every operation the change reaches, each once, in the new document's order. */
  operations?: OperationReach[]
}

export interface ModifiedOperation {
  operation: OperationRef
  changes: Change[]
}

/** Counts of a change set: operations by what happened to them, causes by severity. */
export interface ChangeSummary {
  /** Operations added. */
  added: number
  /** Operations removed. */
  removed: number
  /** Operations modified (directly or through a shared component they reach). */
  modified: number
  /** Breaking causes (entries of `changes`), not per-operation repeats. */
  breaking: number
  /** Warning causes. */
  warning: number
  /** Info causes. */
  info: number
  /** Distinct operations affected: added + removed + modified. */
  operations: number
}

export interface ChangeSet {
  added: OperationRef[]
  removed: OperationRef[]
  modified: ModifiedOperation[]
  /** Every cause once, breaking first, then warning, then info. */
  changes: Change[]
  /**
   * Operations paired under another key (each also in `modified`, with the change that says
   * how it moved): what the collection merge follows to update a request in place. Set by the
   * diffs, absent when nothing moved (and on change sets assembled by hand).
   */
  renamed?: OperationMove[]
  breaking: boolean
  summary: ChangeSummary
}

/** Options of one diff. */
export interface DiffOptions {
  /**
   * A severity for some rule kinds, replacing the rule's own (`{ 'schema-property-enum-value-added': 'info' }`):
   * `breaking`, the summary and the order follow. Unknown kinds are INVALID_CONFIG.
   */
  severityOverrides?: Readonly<Record<string, Severity>>
}
