import { createChange, type AddChange } from '../../../diff/create-change.js'
import { describeRequest, type RequestPair } from './request-rule.js'
import { sameJson } from '../../../shared/json.js'

/** Rename, description, folder move, auth and server changes of one request. */
export function diffRequestMetadata({ before, after }: RequestPair, addChange: AddChange): void {
  const name = describeRequest(after)
  if (before.summary !== after.summary) {
    addChange(
      createChange('summary-changed', 'info', {
        operation: after.key,
        location: ['summary'],
        message: `${after.key} was renamed from "${before.summary ?? ''}" to "${after.summary ?? ''}"`,
        before: before.summary,
        after: after.summary,
      }),
    )
  }
  if (before.description !== after.description) {
    addChange(
      createChange('description-changed', 'info', {
        operation: after.key,
        location: ['description'],
        message: `The description of ${name} changed`,
        before: before.description,
        after: after.description,
      }),
    )
  }
  const folderBefore = before.folder ?? []
  const folderAfter = after.folder ?? []
  if (!sameJson(folderBefore, folderAfter)) {
    addChange(
      createChange('operation-folder-changed', 'info', {
        operation: after.key,
        location: ['folder'],
        message: `${name} moved from folder "${folderBefore.join('/')}" to "${folderAfter.join('/')}"`,
        before: folderBefore,
        after: folderAfter,
      }),
    )
  }
  const authBefore = before.extra?.auth
  const authAfter = after.extra?.auth
  if (!sameJson(authBefore, authAfter)) {
    addChange(
      createChange('auth-changed', 'warning', {
        operation: after.key,
        location: ['auth'],
        message: `The auth of ${name} changed from ${authLabel(authBefore)} to ${authLabel(authAfter)}`,
        before: authBefore,
        after: authAfter,
      }),
    )
  }
  const serverBefore = before.extra?.server
  const serverAfter = after.extra?.server
  if (serverBefore !== serverAfter) {
    addChange(
      createChange('operation-server-changed', 'warning', {
        operation: after.key,
        location: ['server'],
        message: `${name} now goes to ${String(serverAfter ?? 'no host')} instead of ${String(serverBefore ?? 'no host')}`,
        before: serverBefore,
        after: serverAfter,
      }),
    )
  }
}

function authLabel(auth: unknown): string {
  if (typeof auth !== 'object' || auth === null) return 'none declared'
  const { type, keys } = auth as { type?: unknown; keys?: unknown }
  const settings = Array.isArray(keys) && keys.length > 0 ? ` (${keys.join(', ')})` : ''
  return `${String(type)}${settings}`
}
