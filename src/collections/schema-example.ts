import type { SchemaNode } from '../model/snapshot.js'
import { isRecord } from './values.js'

/** How deep an example follows nested objects, arrays and references before it stops. */
const MAX_DEPTH = 8

/** Example strings for common `format`s: valid values a server will usually accept. */
const FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  duration: 'P1D',
  uuid: '00000000-0000-4000-8000-000000000000',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  'uri-reference': '/example',
  iri: 'https://example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'ZXhhbXBsZQ==',
  binary: '',
  password: 'password',
  regex: '.*',
  'json-pointer': '/',
}

/**
 * Builds an example value for a JSON Schema node: the schema's own `example`, `examples[0]`,
 * `default`, `const` or first `enum` value when it has one, else a value of its type. `$ref`s to
 * `#/components/schemas/X` are followed into `schemas`; a reference cycle or more than
 * `MAX_DEPTH` levels ends the branch (the property is left out, the array is empty).
 */
export function exampleFromSchema(schema: SchemaNode | undefined, schemas: Readonly<Record<string, SchemaNode>>): unknown {
  return new ExampleBuilder(schemas).build(schema, 0, [])
}

/** Marks a branch that could not be built (cycle or depth bound): left out of its parent. */
const SKIP = Symbol('skip')

class ExampleBuilder {
  constructor(private readonly schemas: Readonly<Record<string, SchemaNode>>) {}

  build(schema: SchemaNode | undefined, depth: number, refs: readonly string[]): unknown {
    const value = this.node(schema, depth, refs)
    return value === SKIP ? null : value
  }

  private node(schema: unknown, depth: number, refs: readonly string[]): unknown {
    if (!isRecord(schema)) return null
    if (depth > MAX_DEPTH) return SKIP
    const ref = schema.$ref
    if (typeof ref === 'string') {
      if (refs.includes(ref)) return SKIP
      const target = this.resolve(ref)
      return target === undefined ? null : this.node(target, depth + 1, [...refs, ref])
    }
    const declared = declaredExample(schema)
    if (declared !== undefined) return declared
    if (Array.isArray(schema.allOf)) return this.allOf(schema, depth, refs)
    const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined
    if (alternatives !== undefined && alternatives.length > 0) return this.firstAlternative(alternatives, depth, refs)
    switch (primaryType(schema)) {
      case 'object':
        return this.object(schema, depth, refs)
      case 'array':
        return this.array(schema, depth, refs)
      case 'string':
        return stringExample(schema)
      case 'integer':
        return numberExample(schema, true)
      case 'number':
        return numberExample(schema, false)
      case 'boolean':
        return true
      case 'null':
        return null
      default:
        return null
    }
  }

  private resolve(ref: string): SchemaNode | undefined {
    const direct = this.schemas[ref]
    if (direct !== undefined) return direct
    // Tolerate a bare component name or another prefix: the last pointer segment names the schema.
    const name = ref.slice(ref.lastIndexOf('/') + 1)
    return this.schemas[`#/components/schemas/${name}`]
  }

  private object(schema: Record<string, unknown>, depth: number, refs: readonly string[]): unknown {
    const result: Record<string, unknown> = {}
    const properties = isRecord(schema.properties) ? schema.properties : {}
    for (const [name, property] of Object.entries(properties)) {
      // A request example leaves out what only the server writes.
      if (isRecord(property) && property.readOnly === true) continue
      const value = this.node(property, depth + 1, refs)
      if (value !== SKIP) defineData(result, name, value)
    }
    return result
  }

  private array(schema: Record<string, unknown>, depth: number, refs: readonly string[]): unknown {
    const item = this.node(schema.items, depth + 1, refs)
    return item === SKIP || schema.items === undefined ? [] : [item]
  }

  private allOf(schema: Record<string, unknown>, depth: number, refs: readonly string[]): unknown {
    const parts = (schema.allOf as unknown[]).map((part) => this.node(part, depth + 1, refs))
    const { allOf: _allOf, ...rest } = schema
    if (Object.keys(rest).length > 0) parts.push(this.node(rest, depth + 1, refs))
    const built = parts.filter((part) => part !== SKIP && part !== null)
    // Object parts merge into one object; otherwise the first concrete part stands for all.
    if (built.length > 0 && built.every(isRecord)) return Object.assign({}, ...built)
    return built[0] ?? null
  }

  private firstAlternative(alternatives: readonly unknown[], depth: number, refs: readonly string[]): unknown {
    // Prefer an alternative that is not just `null`, so the example says something.
    const concrete = alternatives.find((alternative) => !(isRecord(alternative) && primaryType(alternative) === 'null'))
    return this.node(concrete ?? alternatives[0], depth + 1, refs)
  }
}

/** The example a schema declares itself, if any. */
function declaredExample(schema: Record<string, unknown>): unknown {
  if (schema.example !== undefined) return schema.example
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0]
  if (schema.default !== undefined) return schema.default
  if (schema.const !== undefined) return schema.const
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0]
  return undefined
}

/**
 * The type an example takes: the first non-null entry of `type` (a sorted array after
 * normalization, a string in raw documents), else inferred from the keywords present.
 */
function primaryType(schema: Record<string, unknown>): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type.filter((type): type is string => typeof type === 'string') : typeof schema.type === 'string' ? [schema.type] : []
  const concrete = types.find((type) => type !== 'null')
  if (concrete !== undefined) return concrete
  if (types.includes('null')) return 'null'
  if (isRecord(schema.properties) || isRecord(schema.additionalProperties)) return 'object'
  if (schema.items !== undefined) return 'array'
  if (typeof schema.format === 'string' || typeof schema.pattern === 'string') return 'string'
  return undefined
}

function stringExample(schema: Record<string, unknown>): string {
  const format = typeof schema.format === 'string' ? schema.format : undefined
  if (format !== undefined && FORMAT_EXAMPLES[format] !== undefined) return FORMAT_EXAMPLES[format]
  return 'string'
}

function numberExample(schema: Record<string, unknown>, integer: boolean): number {
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined
  let value = minimum ?? (maximum !== undefined && maximum < 0 ? maximum : 0)
  if (integer) value = Math.ceil(value)
  return value
}

/** Sets a property as data, so a literal `"__proto__"` property name stays a property. */
function defineData(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
