import type { ResponseSpec } from '../../model/snapshot.js'
import type { NormalizeContext, WithRefs } from './context.js'
import { normalizeHeaders } from './headers.js'
import { normalizeContent } from './media-types.js'
import { remembered } from './memo.js'
import { getOwn, isRecord, type JsonObject, setOwn, sortedKeys, sortedShallow, stringOf } from './own.js'
import { resolveReference } from './refs.js'
import { swagger2ResponseContent } from './swagger2-bodies.js'

/**
 * Normalizes an operation's `responses`, keyed by status as written (`200`, `4XX`, `default`),
 * `$ref`s to `#/components/responses/...` (2.0: `#/responses/...`) resolved in place. Swagger 2.0
 * responses take their media types from `produces`. A response that cannot be resolved keeps its
 * status with no content, so the status itself is still compared.
 */
export function normalizeResponses(
  raw: unknown,
  context: NormalizeContext,
  where: string,
  produces: readonly string[],
): WithRefs<Record<string, ResponseSpec>> {
  const responses: Record<string, ResponseSpec> = {}
  const refs = new Set<string>()
  if (!isRecord(raw)) {
    if (raw !== undefined) context.warnings.add(`responses of ${where} is not an object and is ignored`)
    return { value: responses, refs }
  }
  // A 2.0 response's content depends on `produces`: one cached normalization per list.
  const kind = context.family === '2.0' ? `response(${produces.join(',')})` : 'response'
  for (const status of sortedKeys(raw)) {
    if (status.startsWith('x-')) continue
    const resolved = resolveReference(raw[status], context, () => `Response ${status} of ${where}`)
    if (resolved === undefined) {
      setOwn(responses, status, { content: {} })
      continue
    }
    const response = remembered(context, kind, resolved.value, () => normalizeResponse(resolved.value, context, `response ${status} of ${where}`, produces))
    for (const ref of response.refs) refs.add(ref)
    setOwn(responses, status, response.value)
  }
  return { value: responses, refs }
}

function normalizeResponse(
  response: JsonObject,
  context: NormalizeContext,
  where: string,
  produces: readonly string[],
): WithRefs<ResponseSpec> {
  const refs = new Set<string>()
  const content =
    context.family === '2.0'
      ? swagger2ResponseContent(response, produces, context, refs)
      : normalizeContent(getOwn(response, 'content'), context, refs, where)
  const spec: ResponseSpec = { content }
  const description = stringOf(getOwn(response, 'description'))
  if (description !== undefined) spec.description = description
  const headers = normalizeHeaders(getOwn(response, 'headers'), context, refs, where)
  if (headers !== undefined) spec.headers = headers
  return { value: sortedShallow(spec), refs }
}
