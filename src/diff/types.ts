import type { OperationRef } from '../formats/types.js'

export type Severity = 'breaking' | 'warning' | 'info'

/** One typed difference between two versions of an API. */
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
}

export interface ModifiedOperation {
  operation: OperationRef
  changes: Change[]
}

export interface ChangeSummary {
  added: number
  removed: number
  modified: number
  breaking: number
}

export interface ChangeSet {
  added: OperationRef[]
  removed: OperationRef[]
  modified: ModifiedOperation[]
  /** Every change, breaking first, then warning, then info. */
  changes: Change[]
  breaking: boolean
  summary: ChangeSummary
}
