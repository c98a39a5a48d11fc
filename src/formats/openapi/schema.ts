import type { SchemaNode } from '../../model/snapshot.js'
import { canonicalValue } from './canonical-value.js'
import type { NormalizeContext } from './context.js'
import { checkNesting } from './nesting.js'
import { getOwn, isRecord, type JsonObject, setOwn, sortedKeys, sortedShallow } from './own.js'
import { resolvePointer } from './pointer.js'
import { classifySchemaRef, externalRefWarning, unresolvedRefWarning } from './refs.js'

/** Keywords whose value is a schema or a list of schemas. */
const SUBSCHEMA_KEYWORDS = new Set([
  'additionalItems',
  'additionalProperties',
  'allOf',
  'anyOf',
  'contains',
  'contentSchema',
  'else',
  'if',
  'items',
  'not',
  'oneOf',
  'prefixItems',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
])

/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(['$defs', 'definitions', 'dependentSchemas', 'patternProperties', 'properties'])

/**
 * Normalizes a schema used where an object is expected (a component, a parameter's or a media
 * type's schema): `true` becomes `{}`, `false` becomes `{ not: {} }`, a non-schema gives undefined.
 * Schema pointers it references are added to `refs`.
 */
export function normalizeSchemaNode(raw: unknown, context: NormalizeContext, refs: Set<string>): SchemaNode | undefined {
  if (raw === true) return {}
  if (raw === false) return { not: {} }
  if (!isRecord(raw)) return undefined
  return normalizeSchema(raw, context, refs, 0) as SchemaNode
}

/**
 * Normalizes one schema value into the snapshot shape:
 * - internal `$ref`s stay `{ $ref: pointer }` (Swagger 2.0 `#/definitions/X` re-pointed to
 *   `#/components/schemas/X`) and their targets are queued for `snapshot.schemas`; 3.1 keeps
 *   keywords next to `$ref`, 2.0 and 3.0 ignore them as their specs say;
 * - external `$ref`s stay as written and are reported once;
 * - `type` is a sorted array; 3.0 `nullable: true` / 2.0 `x-nullable: true` fold into it as `'null'`;
 * - `required` is sorted; other keywords are kept, with object keys in sorted order.
 * Output objects are built with sorted keys, so `JSON.stringify` of them is canonical.
 */
export function normalizeSchema(raw: unknown, context: NormalizeContext, refs: Set<string>, depth: number): unknown {
  if (typeof raw !== 'object' || raw === null) return raw
  checkNesting(depth)
  if (Array.isArray(raw)) return canonicalValue(raw, depth)
  const schema = raw as JsonObject
  const ref = getOwn(schema, '$ref')
  if (typeof ref === 'string') {
    const reference = referenceNode(ref, context, refs)
    if (context.family !== '3.1') return reference
    return normalizeKeywords(schema, context, refs, depth, reference['$ref'])
  }
  return normalizeKeywords(schema, context, refs, depth, undefined)
}

function normalizeKeywords(
  schema: JsonObject,
  context: NormalizeContext,
  refs: Set<string>,
  depth: number,
  reference: unknown,
): SchemaNode {
  const out: SchemaNode = {}
  const nullableKeyword = context.family === '3.0' ? 'nullable' : context.family === '2.0' ? 'x-nullable' : undefined
  let outOfOrder = false
  for (const key of sortedKeys(schema)) {
    const value = schema[key]
    if (key === '$ref' && reference !== undefined) {
      out['$ref'] = reference
    } else if (key === nullableKeyword) {
      // Folded into `type`; without a `type` there is nothing to fold into, so the flag stays.
      if (value === true && getOwn(schema, 'type') === undefined) {
        out['nullable'] = true
        outOfOrder = key !== 'nullable'
      }
    } else if (key === 'type') {
      const nullable = nullableKeyword !== undefined && getOwn(schema, nullableKeyword) === true
      out['type'] = normalizeType(value, nullable, depth)
    } else if (key === 'required') {
      out['required'] = sortedStrings(value) ?? canonicalValue(value, depth + 1)
    } else if (SUBSCHEMA_KEYWORDS.has(key)) {
      out[key] = Array.isArray(value)
        ? value.map((entry) => normalizeSchema(entry, context, refs, depth + 1))
        : normalizeSchema(value, context, refs, depth + 1)
    } else if (SCHEMA_MAP_KEYWORDS.has(key) && isRecord(value)) {
      out[key] = normalizeSchemaMap(value, context, refs, depth + 1)
    } else {
      setOwn(out, key, canonicalValue(value, depth + 1))
    }
  }
  // Only the renamed 2.0 `x-nullable` lands out of sorted order.
  return outOfOrder ? sortedShallow(out) : out
}

function normalizeSchemaMap(map: JsonObject, context: NormalizeContext, refs: Set<string>, depth: number): JsonObject {
  const out: JsonObject = {}
  for (const name of sortedKeys(map)) {
    setOwn(out, name, normalizeSchema(map[name], context, refs, depth))
  }
  return out
}

function referenceNode(ref: string, context: NormalizeContext, refs: Set<string>): SchemaNode {
  const target = classifySchemaRef(ref, context)
  if (target.kind === 'external') {
    context.warnings.add(externalRefWarning(ref))
    return { $ref: ref }
  }
  if (target.kind === 'root') {
    context.warnings.add(`$ref "${ref}" points at the whole document, not a schema, and is not followed`)
    return { $ref: ref }
  }
  refs.add(target.pointer)
  if (!context.schemas.isKnown(target.pointer)) {
    const raw = resolvePointer(context.root, target.segments)
    if (raw === undefined) {
      context.warnings.add(unresolvedRefWarning(ref))
      context.schemas.markMissing(target.pointer)
    } else {
      context.schemas.enqueue(target.pointer, raw)
    }
  }
  return { $ref: target.pointer }
}

function normalizeType(value: unknown, nullable: boolean, depth: number): unknown {
  let types: string[]
  // The common case, a single type name, without the general path's intermediate arrays.
  if (typeof value === 'string' && !nullable) return [value]
  if (typeof value === 'string') types = [value]
  else if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) types = [...(value as string[])]
  else return canonicalValue(value, depth + 1)
  if (nullable) types.push('null')
  return [...new Set(types)].sort()
}

function sortedStrings(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) return undefined
  return [...(value as string[])].sort()
}
