/** A schema: a type name (`'string'`, `'integer'`...) or a full JSON Schema object. */
export type SchemaShorthand = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | Readonly<Record<string, unknown>>

/** A parameter: its type name, or its details. */
export type ParameterShorthand = SchemaShorthand | ParameterDetails

/** A parameter's details (an object with other keys is read as a JSON Schema). */
export interface ParameterDetails {
  readonly type?: SchemaShorthand | undefined
  readonly schema?: SchemaShorthand | undefined
  /** @default true for path parameters, false otherwise */
  readonly required?: boolean | undefined
  readonly description?: string | undefined
  readonly deprecated?: boolean | undefined
}

/** A response: its description, or its details with a JSON body schema. */
export type ResponseShorthand =
  | string
  | { readonly description?: string | undefined; readonly body?: SchemaShorthand | undefined; readonly contentType?: string | undefined }

/** One operation, in few words; everything is optional (`{}` is an operation answering `200`). */
export interface OperationShorthand {
  readonly operationId?: string | undefined
  readonly summary?: string | undefined
  readonly description?: string | undefined
  readonly tags?: readonly string[] | undefined
  readonly deprecated?: boolean | undefined
  /** Types of the `{name}` parameters of the path (any not listed is a required string). */
  readonly path?: Readonly<Record<string, ParameterShorthand>> | undefined
  readonly query?: Readonly<Record<string, ParameterShorthand>> | undefined
  readonly headers?: Readonly<Record<string, ParameterShorthand>> | undefined
  /** The JSON request body's schema, or its details. */
  readonly body?:
    | SchemaShorthand
    | { readonly schema: SchemaShorthand; readonly required?: boolean | undefined; readonly contentType?: string | undefined }
    | undefined
  /** By status code. @default { 200: 'OK' } */
  readonly responses?: Readonly<Record<number | string, ResponseShorthand>> | undefined
  readonly security?: ReadonlyArray<Readonly<Record<string, readonly string[]>>> | undefined
}

/** `'GET /pets'`, `'post /pets/{id}'`: a method and a path. */
export type OperationKey = `${string} /${string}`

/** Options of {@link openapi}. */
export interface OpenapiOptions {
  readonly title?: string | undefined
  readonly version?: string | undefined
  /** @default '3.0.3' */
  readonly openapi?: string | undefined
  readonly servers?: readonly string[] | undefined
  /** Copied as is (schemas for `$ref`s, security schemes). */
  readonly components?: Readonly<Record<string, unknown>> | undefined
}

/** A plain OpenAPI document (JSON-ready). */
export type OpenapiDocument = Record<string, unknown> & { openapi: string; info: { title: string; version: string }; paths: Record<string, unknown> }

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])
const PATH_PARAMETER = /\{([^}/]+)\}/g

/**
 * A small OpenAPI 3 document from a map of operations, so a test reads like its scenario.
 *
 * @example
 * openapi({
 *   'GET /pets': { query: { limit: 'integer' }, responses: { 200: { body: { type: 'array', items: { type: 'string' } } } } },
 *   'DELETE /pets/{id}': { responses: { 204: 'Deleted', 404: 'Not found' } },
 * })
 */
export function openapi(operations: Readonly<Record<OperationKey, OperationShorthand>>, options: OpenapiOptions = {}): OpenapiDocument {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [key, shorthand] of Object.entries(operations) as Array<[string, OperationShorthand]>) {
    const { method, path } = splitKey(key)
    const item = (paths[path] ??= {})
    if (item[method] !== undefined) throw new TypeError(`openapi: the operation "${key}" is given twice`)
    item[method] = operation(path, shorthand ?? {})
  }
  const document: OpenapiDocument = {
    openapi: options.openapi ?? '3.0.3',
    info: { title: options.title ?? 'Test API', version: options.version ?? '1.0.0' },
    paths,
  }
  if (options.servers !== undefined) document.servers = options.servers.map((url) => ({ url }))
  if (options.components !== undefined) document.components = { ...options.components }
  return document
}

function splitKey(key: string): { method: string; path: string } {
  const match = /^\s*([A-Za-z]+)\s+(\/\S*)\s*$/.exec(key)
  const method = match?.[1]?.toLowerCase()
  if (match === null || method === undefined || !METHODS.has(method)) {
    throw new TypeError(`openapi: "${key}" is not an operation key: write it as "METHOD /path", e.g. "GET /pets/{id}"`)
  }
  return { method, path: match[2]! }
}

function operation(path: string, shorthand: OperationShorthand): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  if (shorthand.operationId !== undefined) result.operationId = shorthand.operationId
  if (shorthand.summary !== undefined) result.summary = shorthand.summary
  if (shorthand.description !== undefined) result.description = shorthand.description
  if (shorthand.tags !== undefined) result.tags = [...shorthand.tags]
  if (shorthand.deprecated !== undefined) result.deprecated = shorthand.deprecated
  const parameters = [
    ...[...path.matchAll(PATH_PARAMETER)].map(([, name]) => parameter(name!, 'path', shorthand.path?.[name!] ?? 'string')),
    ...Object.entries(shorthand.query ?? {}).map(([name, spec]) => parameter(name, 'query', spec)),
    ...Object.entries(shorthand.headers ?? {}).map(([name, spec]) => parameter(name, 'header', spec)),
  ]
  if (parameters.length > 0) result.parameters = parameters
  if (shorthand.body !== undefined) result.requestBody = requestBody(shorthand.body)
  result.responses = responses(shorthand.responses ?? { 200: 'OK' })
  if (shorthand.security !== undefined) result.security = shorthand.security.map((requirement) => ({ ...requirement }))
  return result
}

function parameter(name: string, location: 'path' | 'query' | 'header', spec: ParameterShorthand): Record<string, unknown> {
  const details: ParameterDetails = typeof spec === 'string' || !isParameterDetails(spec) ? { schema: spec as SchemaShorthand } : spec
  const result: Record<string, unknown> = {
    name,
    in: location,
    required: location === 'path' ? true : (details.required ?? false),
    schema: schema(details.schema ?? details.type ?? 'string'),
  }
  if (details.description !== undefined) result.description = details.description
  if (details.deprecated !== undefined) result.deprecated = details.deprecated
  return result
}

/** A parameter's details have only these keys; anything else is a JSON Schema. */
function isParameterDetails(spec: object): spec is ParameterDetails {
  const keys = Object.keys(spec)
  return keys.length > 0 && keys.every((key) => ['type', 'schema', 'required', 'description', 'deprecated'].includes(key)) &&
    !(keys.length === 1 && keys[0] === 'type')
}

function requestBody(body: NonNullable<OperationShorthand['body']>): Record<string, unknown> {
  const details = typeof body === 'object' && 'schema' in body && Object.keys(body).every((key) => ['schema', 'required', 'contentType'].includes(key))
    ? (body as { schema: SchemaShorthand; required?: boolean; contentType?: string })
    : { schema: body as SchemaShorthand }
  return {
    required: details.required ?? true,
    content: { [details.contentType ?? 'application/json']: { schema: schema(details.schema) } },
  }
}

function responses(shorthand: Readonly<Record<string, ResponseShorthand>>): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [status, spec] of Object.entries(shorthand)) {
    if (typeof spec === 'string') {
      result[status] = { description: spec }
      continue
    }
    const response: Record<string, unknown> = { description: spec.description ?? 'OK' }
    if (spec.body !== undefined) response.content = { [spec.contentType ?? 'application/json']: { schema: schema(spec.body) } }
    result[status] = response
  }
  return result
}

function schema(spec: SchemaShorthand): Record<string, unknown> {
  return typeof spec === 'string' ? { type: spec } : { ...spec }
}
