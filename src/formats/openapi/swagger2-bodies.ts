import type { MediaTypeSpec, RequestBodySpec } from '../../model/snapshot.js'
import { canonicalValue } from './canonical-value.js'
import type { NormalizeContext, WithRefs } from './context.js'
import { getOwn, isRecord, type JsonObject, setOwn, sortedShallow, stringOf, stringsOf } from './own.js'
import type { RawParameter } from './parameters.js'
import { normalizeSchemaNode } from './schema.js'
import { inlineSchemaOf } from './swagger2-inline-schema.js'

const URLENCODED = 'application/x-www-form-urlencoded'
const MULTIPART = 'multipart/form-data'

/** Media types a Swagger 2.0 operation consumes and produces when it does not say: the document's lists. */
export interface Swagger2MediaDefaults {
  consumes: readonly string[]
  produces: readonly string[]
}

/** The document-level `consumes` and `produces`, each defaulting to `application/json`; sorted, without duplicates. */
export function swagger2MediaDefaults(root: JsonObject): Swagger2MediaDefaults {
  const listOf = (field: 'consumes' | 'produces'): readonly string[] => {
    const list = stringsOf(getOwn(root, field))
    return list !== undefined && list.length > 0 ? sortedUnique(list) : ['application/json']
  }
  return { consumes: listOf('consumes'), produces: listOf('produces') }
}

/** Media types a Swagger 2.0 operation consumes or produces: its own list, else the document's. */
export function swagger2MediaTypes(operation: JsonObject, defaults: Swagger2MediaDefaults, field: 'consumes' | 'produces'): readonly string[] {
  const own = stringsOf(getOwn(operation, field))
  return own !== undefined && own.length > 0 ? sortedUnique(own) : defaults[field]
}

function sortedUnique(list: readonly string[]): string[] {
  return [...new Set(list)].sort()
}

/**
 * The OpenAPI 3 request body a Swagger 2.0 operation describes with its `body` parameter (one
 * media type per `consumes` entry) or its `formData` parameters (an object schema of the fields,
 * `multipart/form-data` when `consumes` says so or a field is a file, else urlencoded).
 */
export function swagger2RequestBody(
  parameters: readonly RawParameter[],
  consumes: readonly string[],
  context: NormalizeContext,
  where: string,
): WithRefs<RequestBodySpec> | undefined {
  const body = parameters.find((parameter) => parameter.location === 'body')
  const formFields = parameters.filter((parameter) => parameter.location === 'formData')
  if (body !== undefined) {
    if (formFields.length > 0) context.warnings.add(`${where} has both a body and formData parameters; the formData parameters are ignored`)
    return bodyParameterRequestBody(body, consumes, context)
  }
  if (formFields.length > 0) return formRequestBody(formFields, consumes, context)
  return undefined
}

function bodyParameterRequestBody(body: RawParameter, consumes: readonly string[], context: NormalizeContext): WithRefs<RequestBodySpec> {
  const refs = new Set<string>()
  const schema = normalizeSchemaNode(fileToBinary(getOwn(body.value, 'schema')), context, refs)
  const spec: RequestBodySpec = {
    required: getOwn(body.value, 'required') === true,
    content: contentFor(consumes, schema),
  }
  const description = stringOf(getOwn(body.value, 'description'))
  if (description !== undefined) spec.description = description
  return { value: sortedShallow(spec), refs }
}

function formRequestBody(fields: readonly RawParameter[], consumes: readonly string[], context: NormalizeContext): WithRefs<RequestBodySpec> {
  const refs = new Set<string>()
  const properties: JsonObject = {}
  const required: string[] = []
  for (const field of fields) {
    const property = inlineSchemaOf(field.value)
    const description = stringOf(getOwn(field.value, 'description'))
    if (description !== undefined) property['description'] = description
    setOwn(properties, field.name, property)
    if (getOwn(field.value, 'required') === true) required.push(field.name)
  }
  const rawSchema: JsonObject = { type: 'object', properties }
  if (required.length > 0) rawSchema['required'] = required
  const schema = normalizeSchemaNode(rawSchema, context, refs)
  const hasFile = fields.some((field) => getOwn(field.value, 'type') === 'file')
  const formTypes = consumes.filter((mediaType) => isFormMediaType(mediaType))
  const mediaTypes = formTypes.length > 0 ? formTypes : [hasFile ? MULTIPART : URLENCODED]
  const spec: RequestBodySpec = { content: contentFor(mediaTypes, schema), required: required.length > 0 }
  return { value: sortedShallow(spec), refs }
}

/**
 * The OpenAPI 3 `content` of a Swagger 2.0 response: its `schema` under each `produces` media
 * type, with the response's `examples` entry for that media type. Empty when there is no schema.
 */
export function swagger2ResponseContent(
  response: JsonObject,
  produces: readonly string[],
  context: NormalizeContext,
  refs: Set<string>,
): Record<string, MediaTypeSpec> {
  const schema = normalizeSchemaNode(fileToBinary(getOwn(response, 'schema')), context, refs)
  const examples = getOwn(response, 'examples')
  const content: Record<string, MediaTypeSpec> = {}
  // Media types without an example of their own share one object: snapshots stay small.
  const shared: MediaTypeSpec | undefined = schema === undefined ? undefined : { schema }
  for (const mediaType of produces) {
    const example = isRecord(examples) ? getOwn(examples, mediaType) : undefined
    if (example !== undefined) {
      setOwn(content, mediaType, schema === undefined ? { example: canonicalValue(example, 1) } : { example: canonicalValue(example, 1), schema })
    } else if (shared !== undefined) {
      setOwn(content, mediaType, shared)
    }
  }
  return content
}

function contentFor(mediaTypes: readonly string[], schema: MediaTypeSpec['schema']): Record<string, MediaTypeSpec> {
  const content: Record<string, MediaTypeSpec> = {}
  const shared: MediaTypeSpec = schema === undefined ? {} : { schema }
  for (const mediaType of [...mediaTypes].sort()) setOwn(content, mediaType, shared)
  return content
}

function isFormMediaType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]!.trim().toLowerCase()
  return essence === URLENCODED || essence === MULTIPART
}

/** Swagger 2.0 writes a file download or upload as `type: file`; OpenAPI 3 as a binary string. */
function fileToBinary(schema: unknown): unknown {
  if (!isRecord(schema) || getOwn(schema, 'type') !== 'file') return schema
  return { ...schema, type: 'string', format: 'binary' }
}
