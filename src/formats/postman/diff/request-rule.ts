import type { AddChange } from '../../../diff/create-change.js'
import type { SnapshotOperation } from '../../../model/snapshot.js'

/** What a diff rule of a paired request receives. */
export interface RequestPair {
  before: SnapshotOperation
  after: SnapshotOperation
}

/** A rule: reports each change it finds between two versions of one request. */
export type RequestRule = (pair: RequestPair, addChange: AddChange) => void

/**
 * Names a request in messages: its key, plus its name because requests that share a method and
 * path (allowed in Postman) would otherwise read the same.
 */
export function describeRequest(operation: SnapshotOperation): string {
  return operation.summary === undefined ? operation.key : `${operation.key} ("${operation.summary}")`
}
