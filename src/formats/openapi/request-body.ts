import type { RequestBodySpec } from '../../model/snapshot.js'
import type { NormalizeContext, WithRefs } from './context.js'
import { normalizeContent } from './media-types.js'
import { NO_REFS, remembered } from './memo.js'
import { getOwn, sortedShallow, stringOf } from './own.js'
import { resolveReference } from './refs.js'

/**
 * Normalizes an OpenAPI 3 `requestBody`, `$ref`s to `#/components/requestBodies/...` resolved in
 * place. A body that cannot be resolved (external or dangling `$ref`, already warned about) is
 * kept as an optional body with no content, so the operation still shows it takes one.
 */
export function normalizeRequestBody(raw: unknown, context: NormalizeContext, where: string): WithRefs<RequestBodySpec> {
  const resolved = resolveReference(raw, context, () => `Request body of ${where}`)
  if (resolved === undefined) return { value: { content: {}, required: false }, refs: NO_REFS }
  return remembered(context, 'requestBody', resolved.value, () => {
    const refs = new Set<string>()
    const body = resolved.value
    const spec: RequestBodySpec = {
      required: getOwn(body, 'required') === true,
      content: normalizeContent(getOwn(body, 'content'), context, refs, `the request body of ${where}`),
    }
    const description = stringOf(getOwn(body, 'description'))
    if (description !== undefined) spec.description = description
    return { value: sortedShallow(spec), refs }
  })
}
