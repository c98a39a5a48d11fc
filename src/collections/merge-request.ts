import type { Auth, KeyValue, Request, RequestBody } from '../model/collection.js'
import { mergeBody } from './merge-body.js'
import { mergeKeyValues } from './merge-key-values.js'
import { mergeUrl } from './merge-url.js'
import type { FieldMerger } from './three-way.js'
import { pathParameterNames, splitUrl } from './url-parts.js'
import { sameJson } from './values.js'

/** Fields with a merge of their own; every other field (name, method, scripts, ...) merges as one value. */
const SPECIAL_FIELDS = new Set(['type', 'id', 'operationKey', 'url', 'params', 'headers', 'pathVariables', 'body', 'auth'])

/**
 * Merges one request three ways: `base` (generated from the last synced spec), `user` (the
 * user's request, whose id, place and own additions stay) and `spec` (generated from the new
 * spec, whose operation key it takes). See `FieldMerger.merge` for the rule every field follows.
 */
export function mergeRequest(merger: FieldMerger, base: Request, user: Request, spec: Request): Request {
  // The spec did not change this request: every field keeps the user's value (the common case).
  if (user.operationKey === spec.operationKey && sameJson(base, spec)) return user
  const merged: Record<string, unknown> = {}
  const keys = new Set([...Object.keys(user), ...Object.keys(spec), ...Object.keys(base)])
  for (const key of keys) {
    if (SPECIAL_FIELDS.has(key)) continue
    const value = merger.merge(key, field(base, key), field(user, key), field(spec, key))
    if (value !== undefined) merged[key] = value
  }
  const request: Request = {
    ...(merged as Partial<Request>),
    type: 'request',
    id: user.id,
    name: typeof merged.name === 'string' ? merged.name : user.name,
    method: typeof merged.method === 'string' ? merged.method : user.method,
    url: mergeUrl(merger, base.url, user.url, spec.url),
    params: mergeKeyValues(merger, 'params', base.params, user.params, spec.params),
    headers: mergeKeyValues(merger, 'headers', base.headers, user.headers, spec.headers),
  }
  if (spec.operationKey !== undefined) {
    if (spec.operationKey !== user.operationKey) merger.markChanged('operationKey')
    request.operationKey = spec.operationKey
  }
  const pathVariables = mergePathVariables(merger, base, user, spec)
  if (pathVariables !== undefined) request.pathVariables = pathVariables
  const body: RequestBody | undefined = mergeBody(merger, base.body, user.body, spec.body)
  if (body !== undefined) request.body = body
  const auth = merger.merge<Auth>('auth', base.auth, user.auth, spec.auth, sameAuth)
  if (auth !== undefined) request.auth = auth
  return request
}

/**
 * Path variable rows merge like query rows, after the base's and the user's rows follow a
 * parameter the spec renamed (by name, else by position, as `mergeUrl` carries typed values),
 * so a value the user set for `{id}` stays with `{userId}`.
 */
function mergePathVariables(merger: FieldMerger, base: Request, user: Request, spec: Request): KeyValue[] | undefined {
  if (base.pathVariables === undefined && user.pathVariables === undefined && spec.pathVariables === undefined) return undefined
  const baseNames = pathParameterNames(splitUrl(base.url).path)
  const specNames = pathParameterNames(splitUrl(spec.url).path)
  const renamed = new Map<string, string>()
  baseNames.forEach((name, index) => {
    const next = specNames[index]
    if (!specNames.includes(name) && next !== undefined && !baseNames.includes(next)) renamed.set(name, next)
  })
  const follow = (rows: readonly KeyValue[] | undefined): KeyValue[] => (rows ?? []).map((row) => (renamed.has(row.key) ? { ...row, key: renamed.get(row.key)! } : row))
  const merged = mergeKeyValues(merger, 'pathVariables', follow(base.pathVariables), follow(user.pathVariables), spec.pathVariables ?? [])
  return merged.length === 0 && user.pathVariables === undefined ? undefined : merged
}

function field(request: Request, key: string): unknown {
  return (request as unknown as Record<string, unknown>)[key]
}

/** No auth setting and `{ type: 'inherit' }` mean the same: use the folder's or collection's auth. */
function sameAuth(a: unknown, b: unknown): boolean {
  return sameJson(a ?? { type: 'inherit' }, b ?? { type: 'inherit' })
}

/** Whether the user changed a request since the base (anything but where it sits). */
export function userEdited(base: Request, user: Request): boolean {
  const { id: _baseId, ...baseRest } = base
  const { id: _userId, ...userRest } = user
  return !sameJson(normalizeAuth(baseRest), normalizeAuth(userRest))
}

function normalizeAuth<T extends { auth?: Auth }>(request: T): T {
  return { ...request, auth: request.auth ?? { type: 'inherit' } }
}
