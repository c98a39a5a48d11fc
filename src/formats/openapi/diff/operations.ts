import type { SnapshotOperation } from '../../../model/snapshot.js'
import { sameShape } from '../../../shared/operation-identity.js'
import { makeChange, type OperationChanges } from './operation-changes.js'
import { sameJson } from './schema/node.js'

/**
 * Operation family: an operation that moved (same unique operationId, other path or method),
 * one whose path is now written under another base path (same URL: info), and deprecation.
 * Added and removed operations are recorded by the orchestrator.
 */
export function compareOperation(
  before: SnapshotOperation,
  after: SnapshotOperation,
  pairing: { moved: boolean; rebased: boolean },
  changes: OperationChanges,
): void {
  if (pairing.rebased) {
    const values = { before: before.key, after: after.key }
    changes.addChange(makeChange(changes.operation, 'operation-path-rebased', 'info', [], `was ${before.key}: its path is now written ${after.path} under another base path; the URL is unchanged`, values))
  }
  // A path that changed beyond parameter names (moved, or a trailing slash added or dropped,
  // which keeps the identity) is called at another URL.
  const pathChanged = !pairing.rebased && !sameShape(before.path, after.path)
  if (pairing.moved || pathChanged) {
    const values = { before: before.key, after: after.key }
    if (before.method !== after.method) {
      changes.addChange(makeChange(changes.operation, 'operation-method-changed', 'breaking', [], `was ${before.key}: its method changed from ${before.method} to ${after.method}`, values))
    }
    if (pathChanged) {
      changes.addChange(makeChange(changes.operation, 'operation-path-changed', 'breaking', [], `was ${before.key}: its path changed from ${before.path} to ${after.path}`, values))
    }
  }
  if (before.deprecated !== after.deprecated) {
    if (after.deprecated) changes.addChange(makeChange(changes.operation, 'operation-deprecated', 'info', [], 'was deprecated', { before: false, after: true }))
    else changes.addChange(makeChange(changes.operation, 'operation-reactivated', 'info', [], 'is no longer deprecated', { before: true, after: false }))
  }
  // Format-specific extras (callbacks, extensions, ...) have no dedicated rule; a change there
  // is still a change of the operation.
  for (const field of new Set([...Object.keys(before.extra ?? {}), ...Object.keys(after.extra ?? {})])) {
    const was = before.extra?.[field]
    const is = after.extra?.[field]
    if (!sameJson(was, is)) changes.addChange(makeChange(changes.operation, 'operation-extra-changed', 'info', ['extra', field], 'changed', { before: was, after: is }))
  }
}
