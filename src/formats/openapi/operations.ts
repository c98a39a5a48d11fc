import type { ParameterSpec, SnapshotOperation } from '../../model/snapshot.js'
import { disambiguatedIdentity, operationIdentity } from '../../shared/operation-identity.js'
import type { NormalizeContext, WithRefs } from './context.js'
import { invalidSpec, kindOf } from './invalid-spec.js'
import { atLocation } from './nesting.js'
import { operationExtras } from './operation-extras.js'
import { getOwn, isRecord, type JsonObject, sortedShallow, stringOf, stringsOf } from './own.js'
import { compareParameters, mergeParameters, normalizeParameter, type RawParameter } from './parameters.js'
import { resolveReference } from './refs.js'
import { normalizeRequestBody } from './request-body.js'
import { normalizeResponses } from './responses.js'
import { effectiveSecurity } from './security.js'
import type { TimeSlice } from '../../runtime/yield.js'
import { swagger2MediaDefaults, type Swagger2MediaDefaults, swagger2MediaTypes, swagger2RequestBody } from './swagger2-bodies.js'

/** An operation before hashing: everything but `hash`, plus the schema pointers it references. */
export type OperationDraft = WithRefs<Omit<SnapshotOperation, 'hash'>>

/** The HTTP methods a Path Item Object can hold, in the order the specification lists them. */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/**
 * Every operation under `paths`, sorted by key. `paths` may be missing (a 3.1 document with only
 * webhooks or components has no operations). Webhooks are not operations: they only get a warning.
 */
export async function collectOperations(context: NormalizeContext, sourceId: string, slice: TimeSlice): Promise<OperationDraft[]> {
  warnAboutWebhooks(context)
  const paths = getOwn(context.root, 'paths')
  if (paths === undefined) return []
  if (!isRecord(paths)) throw invalidSpec(sourceId, `"paths" must be an object, found ${kindOf(paths)}`)
  const drafts: OperationDraft[] = []
  const mediaDefaults = context.family === '2.0' ? swagger2MediaDefaults(context.root) : undefined
  for (const path of Object.keys(paths)) {
    if (slice.due()) await slice.yield() // 100,000 paths are seconds of work (issue 11, item 9)
    if (path.startsWith('x-')) continue
    const rawItem = paths[path]
    if (!isRecord(rawItem)) throw invalidSpec(sourceId, `path item "${path}" must be an object, found ${kindOf(rawItem)}`)
    const pathItem = resolveReference(rawItem, context, () => `Path item "${path}"`)?.value
    if (pathItem === undefined) continue
    for (const method of METHODS) {
      const operation = getOwn(pathItem, method)
      if (operation === undefined) continue
      const key = `${method.toUpperCase()} ${path}`
      if (!isRecord(operation)) throw invalidSpec(sourceId, `operation "${key}" must be an object, found ${kindOf(operation)}`)
      drafts.push(atLocation(key, () => buildOperation(path, method, operation, pathItem, context, mediaDefaults)))
    }
  }
  drafts.sort((a, b) => (a.value.key < b.value.key ? -1 : a.value.key > b.value.key ? 1 : 0))
  return disambiguateIdentities(drafts, context)
}

function buildOperation(
  path: string,
  method: string,
  raw: JsonObject,
  pathItem: JsonObject,
  context: NormalizeContext,
  mediaDefaults: Swagger2MediaDefaults | undefined,
): OperationDraft {
  const methodName = method.toUpperCase()
  const key = `${methodName} ${path}`
  const refs = new Set<string>()
  const merged = mergeParameters(getOwn(pathItem, 'parameters'), getOwn(raw, 'parameters'), context, key)
  const parameters = normalizeParameters(merged, context, refs, key)
  const operation: Omit<SnapshotOperation, 'hash'> = {
    key,
    method: methodName,
    path,
    identity: operationIdentity(methodName, path),
    deprecated: getOwn(raw, 'deprecated') === true,
    parameters,
    responses: {},
  }
  const requestBody = mediaDefaults !== undefined
    ? swagger2RequestBody(merged, swagger2MediaTypes(raw, mediaDefaults, 'consumes'), context, key)
    : getOwn(raw, 'requestBody') === undefined
      ? undefined
      : normalizeRequestBody(getOwn(raw, 'requestBody'), context, key)
  if (requestBody !== undefined) {
    operation.requestBody = requestBody.value
    addAll(refs, requestBody.refs)
  }
  const produces = mediaDefaults !== undefined ? swagger2MediaTypes(raw, mediaDefaults, 'produces') : []
  const responses = normalizeResponses(getOwn(raw, 'responses'), context, key, produces)
  operation.responses = responses.value
  addAll(refs, responses.refs)
  copyDescriptiveFields(raw, operation)
  const security = effectiveSecurity(raw, context.root)
  if (security !== undefined) operation.security = security
  const extra = operationExtras(raw, pathItem, context.family)
  if (extra !== undefined) operation.extra = extra
  return { value: sortedShallow(operation), refs }
}

function normalizeParameters(merged: readonly RawParameter[], context: NormalizeContext, refs: Set<string>, key: string): ParameterSpec[] {
  const parameters: ParameterSpec[] = []
  for (const parameter of merged) {
    // Swagger 2.0 body and formData parameters become the request body.
    if (parameter.location === 'body' || parameter.location === 'formData') {
      if (context.family !== '2.0') context.warnings.add(`Parameter "${parameter.name}" of ${key} has the Swagger 2.0 location "${parameter.location}" and is ignored`)
      continue
    }
    const normalized = normalizeParameter(parameter, context, key)
    if (normalized.value === undefined) continue
    parameters.push(normalized.value)
    addAll(refs, normalized.refs)
  }
  return parameters.sort(compareParameters)
}

function copyDescriptiveFields(raw: JsonObject, operation: Omit<SnapshotOperation, 'hash'>): void {
  const operationId = stringOf(getOwn(raw, 'operationId'))
  if (operationId !== undefined) operation.operationId = operationId
  const summary = stringOf(getOwn(raw, 'summary'))
  if (summary !== undefined) operation.summary = summary
  const description = stringOf(getOwn(raw, 'description'))
  if (description !== undefined) operation.description = description
  const tags = stringsOf(getOwn(raw, 'tags'))
  if (tags !== undefined && tags.length > 0) operation.tags = tags
}

/**
 * Paths with one canonical identity (`/a/{x}` and `/a/{y}`, `/pets` and `/pets/`) are ambiguous;
 * the specification forbids the first, both occur. Each such operation then gets the identity of
 * `disambiguatedIdentity` (canonical identity + its path as written), which stays unique and does
 * not depend on document order.
 */
function disambiguateIdentities(drafts: OperationDraft[], context: NormalizeContext): OperationDraft[] {
  const counts = new Map<string, number>()
  for (const { value } of drafts) counts.set(value.identity, (counts.get(value.identity) ?? 0) + 1)
  return drafts.map((draft) => {
    if (counts.get(draft.value.identity) === 1) return draft
    context.warnings.add(
      `Several operations match "${draft.value.identity}" (paths differing only in parameter names or a trailing slash); each is identified by its own path`,
    )
    return { value: { ...draft.value, identity: disambiguatedIdentity(draft.value.method, draft.value.path) }, refs: draft.refs }
  })
}

function warnAboutWebhooks(context: NormalizeContext): void {
  const webhooks = getOwn(context.root, 'webhooks')
  if (!isRecord(webhooks)) return
  const names = Object.keys(webhooks).filter((name) => !name.startsWith('x-')).sort()
  if (names.length === 0) return
  context.warnings.add(`Webhooks are not tracked as operations: ${names.map((name) => `"${name}"`).join(', ')}`)
}

function addAll(target: Set<string>, source: ReadonlySet<string>): void {
  for (const item of source) target.add(item)
}
