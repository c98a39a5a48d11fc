import type { ParameterLocation, ParameterSpec } from '../../model/snapshot.js'
import { canonicalValue } from './canonical-value.js'
import type { NormalizeContext, WithRefs } from './context.js'
import { normalizeExamples } from './examples.js'
import { firstMediaTypeEntry } from './media-types.js'
import { remembered } from './memo.js'
import { getOwn, sortedShallow, stringOf } from './own.js'
import { parameterSerialization } from './parameter-serialization.js'
import { type ResolvedObject, resolveReference } from './refs.js'
import { normalizeSchemaNode } from './schema.js'
import { inlineSchemaOf } from './swagger2-inline-schema.js'

/** A parameter after `$ref` resolution, with the fields that identify it. */
export interface RawParameter extends ResolvedObject {
  name: string
  /** `in` as written: path, query, header, cookie, and in Swagger 2.0 also body and formData. */
  location: string
}

/**
 * Path-level parameters merged with operation-level ones, `$ref`s resolved: the operation's
 * entry wins on the same name and location (and, in Swagger 2.0, on the single `body`).
 */
export function mergeParameters(
  pathLevel: unknown,
  operationLevel: unknown,
  context: NormalizeContext,
  where: string,
): RawParameter[] {
  const merged = new Map<string, RawParameter>()
  for (const list of [pathLevel, operationLevel]) {
    if (list === undefined) continue
    if (!Array.isArray(list)) {
      context.warnings.add(`parameters of ${where} is not a list and is ignored`)
      continue
    }
    list.forEach((raw: unknown, index) => {
      const resolved = resolveReference(raw, context, () => `Parameter ${index} of ${where}`)
      if (resolved === undefined) return
      const name = stringOf(getOwn(resolved.value, 'name'))
      const location = stringOf(getOwn(resolved.value, 'in'))
      if (name === undefined || location === undefined) {
        context.warnings.add(`Parameter ${index} of ${where} has no name or no "in" and is ignored`)
        return
      }
      // Swagger 2.0 allows one body whatever its name: the operation's replaces the path's.
      merged.set(location === 'body' ? 'body' : `${location}\u0000${name}`, { value: resolved.value, pointer: resolved.pointer, name, location })
    })
  }
  return [...merged.values()]
}

const LOCATIONS: ReadonlySet<string> = new Set<ParameterLocation>(['path', 'query', 'header', 'cookie'])

/**
 * Normalizes a path, query, header or cookie parameter (3.x `schema` or `content`; 2.0 inline
 * keywords). Path parameters are always required. Undefined, with a warning, for an unknown `in`.
 */
export function normalizeParameter(
  parameter: RawParameter,
  context: NormalizeContext,
  where: string,
): WithRefs<ParameterSpec | undefined> {
  return remembered(context, 'parameter', parameter.value, () => {
    const refs = new Set<string>()
    if (!LOCATIONS.has(parameter.location) || (context.family === '2.0' && parameter.location === 'cookie')) {
      context.warnings.add(`Parameter "${parameter.name}" of ${where} has an unknown location "${parameter.location}" and is ignored`)
      return { value: undefined, refs }
    }
    const raw = parameter.value
    const spec: ParameterSpec = {
      name: parameter.name,
      in: parameter.location as ParameterLocation,
      required: parameter.location === 'path' || getOwn(raw, 'required') === true,
    }
    if (getOwn(raw, 'deprecated') === true) spec.deprecated = true
    const description = stringOf(getOwn(raw, 'description'))
    if (description !== undefined) spec.description = description
    const described = context.family === '2.0' ? undefined : firstMediaTypeEntry(getOwn(raw, 'content'))
    const rawSchema = context.family === '2.0' ? inlineSchemaOf(raw) : (getOwn(raw, 'schema') ?? getOwn(described ?? {}, 'schema'))
    const schema = normalizeSchemaNode(rawSchema, context, refs)
    if (schema !== undefined) spec.schema = schema
    const example = getOwn(raw, 'example') ?? getOwn(described ?? {}, 'example')
    if (example !== undefined) spec.example = canonicalValue(example, 1)
    const examples = normalizeExamples(getOwn(raw, 'examples') ?? getOwn(described ?? {}, 'examples'), context, `parameter "${parameter.name}"`)
    if (examples !== undefined) spec.examples = examples
    Object.assign(spec, parameterSerialization(raw, parameter.location, context.family))
    return { value: sortedShallow(spec), refs }
  })
}

/** Parameters in a stable order, by location then name: declaration order carries no meaning. */
export function compareParameters(a: ParameterSpec, b: ParameterSpec): number {
  if (a.in !== b.in) return a.in < b.in ? -1 : 1
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}
