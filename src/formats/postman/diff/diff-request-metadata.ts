import type { Change } from '../../../model/change.js'
import { describeRequest, requestChange, type RequestPair } from './change-record.js'
import { sameJson } from '../../../shared/json.js'

/** Rename, description, folder move, auth and server changes of one request. */
export function diffRequestMetadata({ before, after }: RequestPair): Change[] {
  const changes: Change[] = []
  const name = describeRequest(after)
  if (before.summary !== after.summary) {
    changes.push(
      requestChange(after, {
        kind: 'summary-changed',
        severity: 'info',
        location: ['summary'],
        message: `${after.key} was renamed from "${before.summary ?? ''}" to "${after.summary ?? ''}"`,
        before: before.summary,
        after: after.summary,
      }),
    )
  }
  if (before.description !== after.description) {
    changes.push(
      requestChange(after, {
        kind: 'description-changed',
        severity: 'info',
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
    changes.push(
      requestChange(after, {
        kind: 'operation-folder-changed',
        severity: 'info',
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
    changes.push(
      requestChange(after, {
        kind: 'auth-changed',
        severity: 'warning',
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
    changes.push(
      requestChange(after, {
        kind: 'operation-server-changed',
        severity: 'warning',
        location: ['server'],
        message: `${name} now goes to ${String(serverAfter ?? 'no host')} instead of ${String(serverBefore ?? 'no host')}`,
        before: serverBefore,
        after: serverAfter,
      }),
    )
  }
  return changes
}

function authLabel(auth: unknown): string {
  if (typeof auth !== 'object' || auth === null) return 'none declared'
  const { type, keys } = auth as { type?: unknown; keys?: unknown }
  const settings = Array.isArray(keys) && keys.length > 0 ? ` (${keys.join(', ')})` : ''
  return `${String(type)}${settings}`
}
