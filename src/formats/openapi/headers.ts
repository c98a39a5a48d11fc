import type { ResponseSpec } from '../../model/snapshot.js'
import type { NormalizeContext } from './context.js'
import { firstMediaTypeEntry } from './media-types.js'
import { remembered } from './memo.js'
import { getOwn, isRecord, setOwn, sortedKeys, sortedShallow, stringOf } from './own.js'
import { resolveReference } from './refs.js'
import { normalizeSchemaNode } from './schema.js'
import { inlineSchemaOf } from './swagger2-inline-schema.js'

/** One normalized response header. */
export type HeaderSpec = NonNullable<ResponseSpec['headers']>[string]

/**
 * Normalizes a response's `headers` map, `$ref`s to `#/components/headers/...` resolved in place.
 * Undefined when the response declares no header, so "no headers" has a single spelling.
 */
export function normalizeHeaders(
  raw: unknown,
  context: NormalizeContext,
  refs: Set<string>,
  where: string,
): Record<string, HeaderSpec> | undefined {
  if (!isRecord(raw)) return undefined
  const headers: Record<string, HeaderSpec> = {}
  let count = 0
  for (const name of sortedKeys(raw)) {
    const resolved = resolveReference(raw[name], context, () => `Header "${name}" of ${where}`)
    if (resolved === undefined) continue
    const header = remembered(context, 'header', resolved.value, () => {
      const headerRefs = new Set<string>()
      const value = resolved.value
      const spec: HeaderSpec = { required: getOwn(value, 'required') === true }
      const description = stringOf(getOwn(value, 'description'))
      if (description !== undefined) spec.description = description
      const rawSchema =
        context.family === '2.0'
          ? inlineSchemaOf(value)
          : (getOwn(value, 'schema') ?? getOwn(firstMediaTypeEntry(getOwn(value, 'content')) ?? {}, 'schema'))
      const schema = normalizeSchemaNode(rawSchema, context, headerRefs)
      if (schema !== undefined) spec.schema = schema
      return { value: sortedShallow(spec), refs: headerRefs }
    })
    for (const ref of header.refs) refs.add(ref)
    setOwn(headers, name, header.value)
    count++
  }
  return count === 0 ? undefined : headers
}
