import type { EncodingSpec, MediaTypeSpec } from '../../model/snapshot.js'
import { canonicalValue } from './canonical-value.js'
import type { NormalizeContext } from './context.js'
import { normalizeExamples } from './examples.js'
import { getOwn, isRecord, type JsonObject, setOwn, sortedKeys, sortedShallow } from './own.js'
import { normalizeSchemaNode } from './schema.js'

/** Normalizes an OpenAPI 3 `content` map (media type to Media Type Object), keys sorted. */
export function normalizeContent(
  raw: unknown,
  context: NormalizeContext,
  refs: Set<string>,
  where: string,
): Record<string, MediaTypeSpec> {
  const content: Record<string, MediaTypeSpec> = {}
  if (!isRecord(raw)) return content
  for (const mediaType of sortedKeys(raw)) {
    const entry = raw[mediaType]
    setOwn(content, mediaType, normalizeMediaType(isRecord(entry) ? entry : {}, context, refs, `${mediaType} of ${where}`))
  }
  return content
}

/** Normalizes one Media Type Object: its schema, `example`, `examples` and the serialization part of `encoding`. */
export function normalizeMediaType(raw: JsonObject, context: NormalizeContext, refs: Set<string>, where: string): MediaTypeSpec {
  const spec: MediaTypeSpec = {}
  const schema = normalizeSchemaNode(getOwn(raw, 'schema'), context, refs)
  if (schema !== undefined) spec.schema = schema
  const example = getOwn(raw, 'example')
  if (example !== undefined) spec.example = canonicalValue(example, 1)
  const examples = normalizeExamples(getOwn(raw, 'examples'), context, where)
  if (examples !== undefined) spec.examples = examples
  const encoding = normalizeEncoding(getOwn(raw, 'encoding'))
  if (encoding !== undefined) spec.encoding = encoding
  return sortedShallow(spec)
}

/** `encoding`: per property, its `contentType`, `style`, `explode` and `allowReserved` where not the default (headers are not kept). */
function normalizeEncoding(raw: unknown): Record<string, EncodingSpec> | undefined {
  if (!isRecord(raw)) return undefined
  const encoding: Record<string, EncodingSpec> = {}
  for (const property of sortedKeys(raw)) {
    const entry = raw[property]
    if (!isRecord(entry)) continue
    const spec: EncodingSpec = {}
    const contentType = getOwn(entry, 'contentType')
    if (typeof contentType === 'string') spec.contentType = contentType
    // Values equal to OpenAPI's defaults are left out: writing a default out is no change.
    const style = getOwn(entry, 'style')
    if (typeof style === 'string' && style !== 'form') spec.style = style
    const explode = getOwn(entry, 'explode')
    if (typeof explode === 'boolean' && explode !== ((spec.style ?? 'form') === 'form')) spec.explode = explode
    const allowReserved = getOwn(entry, 'allowReserved')
    if (allowReserved === true) spec.allowReserved = true
    if (Object.keys(spec).length > 0) setOwn(encoding, property, sortedShallow(spec))
  }
  return Object.keys(encoding).length === 0 ? undefined : encoding
}

/** The first media type entry (in sorted order) of a `content` map, for parameters and headers described by content. */
export function firstMediaTypeEntry(raw: unknown): JsonObject | undefined {
  if (!isRecord(raw)) return undefined
  const first = sortedKeys(raw)[0]
  const entry = first === undefined ? undefined : raw[first]
  return isRecord(entry) ? entry : undefined
}
