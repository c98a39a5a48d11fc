import { checkNesting } from './nesting.js'
import { getOwn, isRecord, type JsonObject } from './own.js'

/** Keywords a Swagger 2.0 non-body parameter, header or Items Object writes inline instead of in a `schema`. */
const INLINE_SCHEMA_KEYWORDS = [
  'type',
  'format',
  'items',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'enum',
  'multipleOf',
  'x-nullable',
] as const

/**
 * The schema a Swagger 2.0 parameter, header or Items Object describes inline, as a raw schema
 * ready for normalizeSchema. `type: file` becomes `{ type: string, format: binary }`, as OpenAPI 3
 * writes uploads; `collectionFormat` and `allowEmptyValue` are serialization details, kept on the
 * parameter (parameterSerialization), not in its schema.
 */
export function inlineSchemaOf(raw: JsonObject, depth = 0): JsonObject {
  checkNesting(depth)
  const schema: JsonObject = {}
  for (const keyword of INLINE_SCHEMA_KEYWORDS) {
    const value = getOwn(raw, keyword)
    if (value === undefined) continue
    schema[keyword] = keyword === 'items' && isRecord(value) ? inlineSchemaOf(value, depth + 1) : value
  }
  if (schema['type'] === 'file') {
    schema['type'] = 'string'
    schema['format'] = 'binary'
  }
  return schema
}
