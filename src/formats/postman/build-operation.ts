import type { SnapshotOperation } from '../../model/snapshot.js'
import type { RequestEntry } from './flatten-items.js'
import { descriptionText, isRecord, stringOr } from './json-values.js'
import { baseIdentity, toPathTemplate } from './path-template.js'
import { summarizeAuth } from './request-auth.js'
import { readRequestBody } from './request-body.js'
import { headerValue, readHeaders } from './request-headers.js'
import { buildParameters } from './request-parameters.js'
import { readRequestUrl } from './request-url.js'
import { readSavedResponses } from './saved-responses.js'

/** An operation before it gets its unique identity and its hash. */
export type OperationDraft = Omit<SnapshotOperation, 'identity' | 'hash'> & {
  /** Method plus identity path (`GET /v1/customers/{}`); equal for requests that duplicate each other. */
  baseIdentity: string
}

/** Turns one collection request into an operation (everything but identity and hash). */
export function buildOperation(entry: RequestEntry, warn: (message: string) => void): OperationDraft {
  const { request } = entry
  const method = (stringOr(request.method) ?? '').trim().toUpperCase() || 'GET'
  if (typeof request.url !== 'string' && !isRecord(request.url)) {
    warn(`${entry.location} ("${entry.name}") has no URL; it is listed as ${method} /`)
  }
  const url = readRequestUrl(request.url)
  const template = toPathTemplate(url.segments)
  const headers = readHeaders(request.header)
  const body = readRequestBody(request.body, headerValue(headers, 'content-type'))
  const auth = summarizeAuth(entry.auth)
  const description = descriptionText(request.description)
  // Keys are inserted in sorted order here and in every part, so that canonicalJson can hand the
  // whole operation to the native JSON.stringify when hashing it.
  const extra: Record<string, unknown> = {}
  if (auth !== undefined) extra.auth = auth
  // Where an inherited auth is set (`''` for the collection, else the folder path): a change there is one cause for every request inheriting it.
  if (auth !== undefined && entry.authOwner !== undefined) extra.authFrom = entry.authOwner.join('/')
  if (body !== undefined) extra.bodyMode = body.mode
  // Each operation gets its own folder arrays: siblings share one in the walk, and snapshots are handed out.
  extra.folder = [...entry.folder]
  if (url.server !== undefined) extra.server = url.server
  return {
    baseIdentity: baseIdentity(method, template.path),
    deprecated: false,
    ...(description === undefined ? {} : { description }),
    extra,
    folder: [...entry.folder],
    key: `${method} ${template.path}`,
    method,
    parameters: buildParameters(template, { variables: url.variables, query: url.query, headers }),
    path: template.path,
    ...(body === undefined ? {} : { requestBody: body.spec }),
    responses: readSavedResponses(entry.responses),
    ...(entry.name === '' ? {} : { summary: entry.name }),
  }
}
