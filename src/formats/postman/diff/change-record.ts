import type { Change, Severity } from '../../../model/change.js'
import type { SnapshotOperation } from '../../../model/snapshot.js'

/** What a diff rule of a paired request receives. */
export interface RequestPair {
  before: SnapshotOperation
  after: SnapshotOperation
}

/** A rule: the changes it finds between two versions of one request. */
export type RequestRule = (pair: RequestPair) => Change[]

/**
 * Builds one change record of a paired request. `before`/`after` are left out when undefined so
 * records compare and serialize cleanly (`exactOptionalPropertyTypes`).
 */
export function requestChange(
  operation: SnapshotOperation,
  record: { kind: string; severity: Severity; location: string[]; message: string; before?: unknown; after?: unknown },
): Change {
  const change: Change = {
    kind: record.kind,
    severity: record.severity,
    operation: operation.key,
    location: record.location,
    message: record.message,
  }
  if (record.before !== undefined) change.before = record.before
  if (record.after !== undefined) change.after = record.after
  return change
}

/**
 * Names a request in messages: its key, plus its name because requests that share a method and
 * path (allowed in Postman) would otherwise read the same.
 */
export function describeRequest(operation: SnapshotOperation): string {
  return operation.summary === undefined ? operation.key : `${operation.key} ("${operation.summary}")`
}
