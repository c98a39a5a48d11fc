import type { ParameterSpec, SchemaNode } from '../model/snapshot.js'
import type { KeyValue } from '../model/collection.js'
import { exampleFromSchema } from './schema-example.js'
import { isRecord } from './values.js'

/**
 * The value an example request sends for a parameter: the parameter's `example`, else its first
 * named example, else (when `sample` is set) the schema's example or one built from the schema
 * (`format: uuid` gives a UUID, integers a number); `undefined` when there is none.
 */
export function parameterExample(parameter: ParameterSpec, schemas: Readonly<Record<string, SchemaNode>>, sample: boolean): unknown {
  if (parameter.example !== undefined) return parameter.example
  const named = firstNamedExample(parameter.examples)
  if (named !== undefined) return named
  const schema = isRecord(parameter.schema) ? parameter.schema : undefined
  if (schema === undefined) return undefined
  if (!sample) {
    const examples = Array.isArray(schema.examples) ? schema.examples : []
    const enumValues = Array.isArray(schema.enum) ? schema.enum : []
    return schema.example ?? examples[0] ?? schema.default ?? enumValues[0]
  }
  const built = exampleFromSchema(schema, schemas)
  return built === null ? undefined : built
}

/** The value of the first OpenAPI 3 Example Object of an `examples` map. */
export function firstNamedExample(examples: Record<string, unknown> | undefined): unknown {
  if (examples === undefined) return undefined
  for (const example of Object.values(examples)) {
    if (isRecord(example) && example.value !== undefined) return example.value
  }
  return undefined
}

/** A path, header or cookie value as text (OpenAPI's `simple` style: arrays and objects as comma lists). */
export function simpleText(value: unknown, explode = false): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map((item) => simpleText(item)).join(',')
  if (isRecord(value)) return Object.entries(value).map(([key, item]) => (explode ? `${key}=${simpleText(item)}` : `${key},${simpleText(item)}`)).join(',')
  return String(value)
}

/**
 * A query parameter (or form field) as the `key=value` pairs OpenAPI's serialization rules give
 * (style `form` with `explode: true` by default): exploded arrays repeat the key, exploded
 * objects give one pair per property, `deepObject` gives `name[prop]=value` (nested objects
 * `name[a][b]`, arrays `name[]`), `spaceDelimited` / `pipeDelimited` join arrays.
 */
export function serializePairs(name: string, value: unknown, style = 'form', explode = style === 'form'): Array<[string, string]> {
  if (style === 'deepObject') return deepObjectPairs(name, value)
  if (Array.isArray(value)) {
    if (explode) return value.map((item) => [name, scalarText(item)])
    const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ','
    return [[name, value.map(scalarText).join(separator)]]
  }
  if (isRecord(value)) {
    if (explode) return Object.entries(value).map(([key, item]) => [key, scalarText(item)])
    return [[name, Object.entries(value).flatMap(([key, item]) => [key, scalarText(item)]).join(',')]]
  }
  return [[name, scalarText(value)]]
}

function deepObjectPairs(name: string, value: unknown): Array<[string, string]> {
  if (Array.isArray(value)) return value.flatMap((item) => deepObjectPairs(`${name}[]`, item))
  if (isRecord(value)) return Object.entries(value).flatMap(([key, item]) => deepObjectPairs(`${name}[${key}]`, item))
  return [[name, scalarText(value)]]
}

/** A leaf value as text; a nested structure that no style flattens further is JSON. */
function scalarText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** Rows for a query parameter's pairs, all enabled or disabled together, the description on the first. */
export function pairRows(pairs: ReadonlyArray<[string, string]>, enabled: boolean, description: string | undefined): KeyValue[] {
  return pairs.map(([key, value], index) => {
    const row: KeyValue = { key, value, enabled }
    if (index === 0 && description !== undefined && description.trim() !== '') row.description = description
    return row
  })
}
