import type { ApiSnapshot, SnapshotOperation } from '../../../model/snapshot.js'
import type { AddChange } from '../../../diff/create-change.js'
import { makeChange, type OperationChanges } from './operation-changes.js'

/** Metadata family: summary, description, operationId and tags of an operation (all info). */
export function compareOperationMetadata(before: SnapshotOperation, after: SnapshotOperation, changes: OperationChanges): void {
  compareText(before.summary, after.summary, 'operation-summary', 'summary', changes)
  compareText(before.description, after.description, 'operation-description', 'description', changes)
  if (before.operationId !== after.operationId) {
    changes.addChange(makeChange(changes.operation, 'operation-id-changed', 'info', [], describeEdit('operationId', before.operationId, after.operationId), {
      before: before.operationId,
      after: after.operationId,
    }))
  }
  const wasTags = new Set(before.tags ?? [])
  const isTags = new Set(after.tags ?? [])
  for (const tag of wasTags) {
    if (!isTags.has(tag)) changes.addChange(makeChange(changes.operation, 'operation-tag-removed', 'info', [], `lost the tag '${tag}'`, { before: tag }))
  }
  for (const tag of isTags) {
    if (!wasTags.has(tag)) changes.addChange(makeChange(changes.operation, 'operation-tag-added', 'info', [], `gained the tag '${tag}'`, { after: tag }))
  }
}

function compareText(was: string | undefined, is: string | undefined, stem: string, label: string, changes: OperationChanges): void {
  if (was === is) return
  const verb = was === undefined ? 'added' : is === undefined ? 'removed' : 'changed'
  changes.addChange(makeChange(changes.operation, `${stem}-${verb}`, 'info', [], `${label} was ${verb}`, { before: was, after: is }))
}

function describeEdit(label: string, was: string | undefined, is: string | undefined): string {
  if (was === undefined) return `${label} '${is}' was added`
  if (is === undefined) return `${label} '${was}' was removed`
  return `${label} changed from '${was}' to '${is}'`
}

/** Document title and version: info, document level. */
export function compareDocumentMetadata(before: ApiSnapshot, after: ApiSnapshot, addChange: AddChange): void {
  if (before.title !== after.title) {
    addChange(makeChange(undefined, 'api-title-changed', 'info', ['info', 'title'], `API title changed from '${before.title}' to '${after.title}'`, { before: before.title, after: after.title }))
  }
  if (before.version !== after.version) {
    addChange(makeChange(undefined, 'api-version-changed', 'info', ['info', 'version'], `API version changed from '${before.version}' to '${after.version}'`, { before: before.version, after: after.version }))
  }
  // The OpenAPI version (3.0 to 3.1) changes how the document is written, not the API: not reported.
}
