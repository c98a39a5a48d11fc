import type { ApiSnapshot, MediaTypeSpec, ParameterLocation, ParameterSpec, RequestBodySpec, ResponseSpec, SchemaNode, SecuritySchemeSpec, SnapshotOperation } from '../../src/model/snapshot.js'
import { canonicalJson, fastHash } from '../../src/formats/hash.js'

/**
 * Tiny builders for hand-made OpenAPI snapshots, so diff rules can be tested without the
 * normalizer. Hashes follow the snapshot contract: an operation's hash covers its definition and
 * every component it reaches; a component's hash covers everything it reaches.
 */

type OperationParts = Partial<Omit<SnapshotOperation, 'key' | 'method' | 'path' | 'identity' | 'hash'>>

/** An operation; `parts` fills in parameters, body, responses, security... (hash added by `snapshot`). */
export function op(method: string, path: string, parts: OperationParts = {}): SnapshotOperation {
  const upper = method.toUpperCase()
  return {
    key: `${upper} ${path}`,
    method: upper,
    path,
    identity: `${upper} ${path.replace(/\{[^}]*\}/g, '{}')}`,
    hash: '',
    deprecated: false,
    parameters: [],
    responses: { '200': { description: 'OK', content: {} } },
    ...parts,
  }
}

export function param(name: string, location: ParameterLocation, options: Partial<Omit<ParameterSpec, 'name' | 'in'>> = {}): ParameterSpec {
  return { name, in: location, required: location === 'path', schema: { type: ['string'] }, ...options }
}

export function body(schema: SchemaNode | undefined, options: { required?: boolean; mediaType?: string } = {}): RequestBodySpec {
  const media: MediaTypeSpec = schema === undefined ? {} : { schema }
  return { required: options.required ?? false, content: { [options.mediaType ?? 'application/json']: media } }
}

export function response(schema?: SchemaNode, options: { mediaType?: string; headers?: ResponseSpec['headers']; description?: string } = {}): ResponseSpec {
  const spec: ResponseSpec = { description: options.description ?? 'OK', content: {} }
  if (schema !== undefined) spec.content[options.mediaType ?? 'application/json'] = { schema }
  if (options.headers !== undefined) spec.headers = options.headers
  return spec
}

export function ref(name: string): SchemaNode {
  return { $ref: `#/components/schemas/${name}` }
}

/** An object schema; `required` lists the required property names. */
export function object(properties: Record<string, SchemaNode>, required: string[] = []): SchemaNode {
  const node: SchemaNode = { type: ['object'], properties }
  if (required.length > 0) node['required'] = [...required].sort()
  return node
}

export function snapshot(parts: {
  operations: SnapshotOperation[]
  schemas?: Record<string, SchemaNode>
  securitySchemes?: Record<string, SecuritySchemeSpec>
  servers?: string[]
  title?: string
  version?: string
}): ApiSnapshot {
  const schemas = parts.schemas ?? {}
  const schemaHashes = Object.fromEntries(Object.keys(schemas).map((pointer) => [pointer, closureHash([pointer], schemas)]))
  const operations = parts.operations
    .map((operation) => {
      const { hash: _hash, ...definition } = operation
      const reached = [...collectRefs(definition)]
      return { ...operation, hash: fastHash(canonicalJson(definition) + closureHash(reached, schemas)) }
    })
    .sort((a, b) => a.key.localeCompare(b.key))
  return {
    type: 'openapi',
    specVersion: '3.0.3',
    title: parts.title ?? 'Test API',
    version: parts.version ?? '1.0.0',
    operations,
    schemas,
    schemaHashes,
    securitySchemes: parts.securitySchemes ?? {},
    servers: parts.servers ?? [],
    warnings: [],
    fingerprint: fastHash(canonicalJson({ operations, schemas })),
  }
}

function collectRefs(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, found)
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child)
      else collectRefs(child, found)
    }
  }
  return found
}

/** Hash of the given components and everything they reach (order-independent). */
function closureHash(roots: string[], schemas: Record<string, SchemaNode>): string {
  const seen = new Set<string>()
  const stack = [...roots]
  while (stack.length > 0) {
    const pointer = stack.pop()!
    if (seen.has(pointer)) continue
    seen.add(pointer)
    stack.push(...collectRefs(schemas[pointer]))
  }
  return fastHash(canonicalJson([...seen].sort().map((pointer) => [pointer, schemas[pointer] ?? null])))
}
