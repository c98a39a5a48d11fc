import type { SnapshotOperation } from '../../model/snapshot.js'
import { isRecord, stringOr } from './json-values.js'
import type { AuthSummary } from './request-auth.js'

/** The Postman format's data in `SnapshotOperation.extra` (written by `buildOperation`), typed. */
export interface PostmanOperationExtras {
  /** The request's effective auth, without values. */
  auth?: AuthSummary
  /** Where an inherited auth is set: `''` for the collection, else the folder path joined with `/`. */
  authFrom?: string
  /** The body mode (`raw`, `urlencoded`, `formdata`, ...). */
  bodyMode?: string
  /** The folder path of the request. */
  folder?: readonly string[]
  /** Protocol, host and port as written (`{{baseUrl}}`, `https://api.example.com`). */
  server?: string
}

/**
 * A typed view of a Postman operation's `extra`, for readers outside the format (collections):
 * fields of an unexpected shape (a snapshot saved by another version) read as absent.
 */
export function postmanOperationExtras(operation: Pick<SnapshotOperation, 'extra'>): PostmanOperationExtras {
  const extra = operation.extra ?? {}
  const view: PostmanOperationExtras = {}
  if (isRecord(extra.auth)) {
    const keys = Array.isArray(extra.auth.keys) ? extra.auth.keys.filter((key): key is string => typeof key === 'string') : []
    view.auth = { type: stringOr(extra.auth.type) ?? '', keys }
  }
  const authFrom = stringOr(extra.authFrom)
  if (authFrom !== undefined) view.authFrom = authFrom
  const bodyMode = stringOr(extra.bodyMode)
  if (bodyMode !== undefined) view.bodyMode = bodyMode
  if (Array.isArray(extra.folder)) view.folder = extra.folder.filter((name): name is string => typeof name === 'string')
  const server = stringOr(extra.server)
  if (server !== undefined) view.server = server
  return view
}
