import type { ApiSnapshot, MediaTypeSpec, ParameterSpec, SnapshotOperation } from '../model/snapshot.js'
import { bodyText, isBinaryMediaType, preferredMediaType } from './body-text.js'
import { declareUsedVariables, hoistSharedAuth } from './declare-variables.js'
import { authForOperation } from './generate-auth.js'
import { graphqlBody } from './graphql-request.js'
import { folderId, requestId } from './ids.js'
import type { Collection, CollectionItem, Folder, GenerateCollectionOptions, KeyValue, Request, RequestBody } from '../model/collection.js'
import { pairRows, parameterExample, serializePairs, simpleText } from './parameter-values.js'
import { exampleFromSchema } from './schema-example.js'
import { responseExamples } from './response-examples.js'
import { ServerVariables } from './server-variables.js'
import { pathParameterNames, splitUrl } from './url-parts.js'
import { isRecord } from './values.js'

/** OpenAPI ignores header parameters with these names: the body, `Accept` negotiation and auth set them. */
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization'])

/**
 * Turns a snapshot of any format into a neutral collection: one request per operation, in
 * folders by first tag (Postman snapshots: by their folder path), untagged ones at the top level
 * after the folders; an OpenAPI spec without any tags gets folders by first resource path segment. Ids derive from operation identities and folder names, so the same snapshot
 * always gives a deep-equal collection and regenerating keeps every id.
 */
export function generateCollection(snapshot: ApiSnapshot, options: GenerateCollectionOptions = {}): Collection {
  const baseUrlVariable = options.baseUrlVariable ?? 'baseUrl'
  const servers = new ServerVariables(baseUrlVariable, snapshot, options.defaultBaseUrl)
  const root: FolderNode = { children: new Map(), requests: [] }
  const byPath = snapshot.type === 'openapi' && !snapshot.operations.some((operation) => firstTag(operation) !== undefined)
  for (const operation of inDocumentOrder(snapshot)) {
    let node = root
    for (const name of byPath ? pathFolder(operation.path) : folderPath(snapshot, operation)) {
      let child = node.children.get(name)
      if (child === undefined) {
        child = { children: new Map(), requests: [] }
        node.children.set(name, child)
      }
      node = child
    }
    node.requests.push(generateRequest(snapshot, operation, baseUrlVariable, servers))
  }
  const collection: Collection = {
    name: options.name ?? (snapshot.title.trim() === '' ? 'API' : snapshot.title),
    items: toItems(root, [], folderOrder(snapshot)),
    variables: Object.fromEntries(servers.values),
  }
  declareSegmentParameters(collection)
  hoistSharedAuth(collection, snapshot.type !== 'postman')
  const descriptions: Record<string, string> = {}
  for (const name of servers.values.keys()) descriptions[name] = 'Server URL (from the spec); point it at the server you call.'
  declareUsedVariables(collection, descriptions)
  return collection
}

/**
 * A path parameter inside a segment (`thumbnail.{extension}`) is sent through a collection
 * variable of its name (Postman's `:name` only stands for whole segments): declared here with
 * the value of the first request that has it.
 */
function declareSegmentParameters(collection: Collection): void {
  const variables = collection.variables ?? {}
  const walk = (items: readonly CollectionItem[]): void => {
    for (const item of items) {
      if (item.type === 'folder') {
        walk(item.items)
        continue
      }
      for (const segment of splitUrl(item.url).path.split('/')) {
        if (/^\{[^{}]+\}$/.test(segment)) continue
        for (const name of pathParameterNames(segment)) {
          if (Object.hasOwn(variables, name)) continue
          const value = item.pathVariables?.find((row) => row.key === name)?.value ?? ''
          Object.defineProperty(variables, name, { value, enumerable: true, writable: true, configurable: true })
        }
      }
    }
  }
  walk(collection.items)
  collection.variables = variables
}

interface FolderNode {
  children: Map<string, FolderNode>
  requests: Request[]
}

function toItems(node: FolderNode, path: readonly string[], order: (names: string[]) => string[]): CollectionItem[] {
  const folders = order([...node.children.keys()]).map((name): Folder => {
    const namePath = [...path, name]
    return { type: 'folder', id: folderId(namePath), name, items: toItems(node.children.get(name)!, namePath, order) }
  })
  return [...folders, ...node.requests]
}

/** Operations as the document lists them when the snapshot knows that order (OpenAPI), else by key. */
function inDocumentOrder(snapshot: ApiSnapshot): readonly SnapshotOperation[] {
  const keys = snapshot.order?.operations
  if (keys === undefined) return snapshot.operations
  const position = new Map(keys.map((key, index) => [key, index]))
  const at = (operation: SnapshotOperation): number => position.get(operation.key) ?? keys.length
  return [...snapshot.operations].sort((a, b) => at(a) - at(b))
}

/**
 * Folder order: with a document order, the document's `tags` list first (as declared), then
 * other folders as their first operation comes; without one, by name.
 */
function folderOrder(snapshot: ApiSnapshot): (names: string[]) => string[] {
  const tags = snapshot.order?.tags
  if (tags === undefined) return (names) => names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const position = new Map(tags.map((tag, index) => [tag, index]))
  return (names) => {
    const at = (name: string): number => position.get(name) ?? tags.length
    return names.map((name, index) => ({ name, index })).sort((a, b) => at(a.name) - at(b.name) || a.index - b.index).map((entry) => entry.name)
  }
}

/** Postman requests keep their folders; other formats file an operation under its first tag. */
function folderPath(snapshot: ApiSnapshot, operation: SnapshotOperation): string[] {
  if (snapshot.type === 'postman') return operation.folder ?? []
  const tag = firstTag(operation)
  return tag === undefined ? [] : [tag]
}

function firstTag(operation: SnapshotOperation): string | undefined {
  return operation.tags?.find((candidate) => candidate.trim() !== '')
}

/** Segments that name no resource: versions (`v1`, `v2.1`), `api`, and path parameters. */
const NOT_A_RESOURCE = /^(v\d+(\.\d+)*|api|\{.*\}|:.*)$/i

/**
 * The folder of an operation of a spec without tags: its first path segment that names a
 * resource (`/v1/customers/{id}` -> `customers`), as users group requests; none for `/`.
 */
function pathFolder(path: string): string[] {
  const segment = path.split('/').find((candidate) => candidate !== '' && !NOT_A_RESOURCE.test(candidate))
  return segment === undefined ? [] : [segment]
}

/** One request for one operation (see `generateCollection`). */
export function generateRequest(
  snapshot: ApiSnapshot,
  operation: SnapshotOperation,
  baseUrlVariable = 'baseUrl',
  servers: ServerVariables = new ServerVariables(baseUrlVariable, snapshot),
): Request {
  const isGraphql = snapshot.type === 'graphql'
  const path = urlPath(operation.path)
  const request: Request = {
    type: 'request',
    id: requestId(operation.identity),
    name: requestName(operation),
    operationKey: operation.key,
    method: isGraphql ? 'POST' : operation.method.toUpperCase(),
    url: isGraphql ? `{{${baseUrlVariable}}}` : `${servers.originOf(operation, snapshot.type)}${path}`,
    params: queryRows(snapshot, operation),
    headers: headerRows(snapshot, operation),
  }
  if (!isGraphql) {
    const pathVariables = pathVariableRows(snapshot, operation, path)
    if (pathVariables.length > 0) request.pathVariables = pathVariables
  }
  const body = isGraphql ? { mediaType: 'application/json', text: graphqlBody(operation, snapshot) } : requestBody(snapshot, operation)
  if (body !== undefined) {
    request.body = body
    if (!request.headers.some((header) => header.key.toLowerCase() === 'content-type')) {
      request.headers.push({ key: 'Content-Type', value: body.mediaType, enabled: true })
    }
  }
  const accept = snapshot.type === 'openapi' ? acceptedMediaType(operation) : undefined
  if (accept !== undefined && !request.headers.some((header) => header.key.toLowerCase() === 'accept')) {
    request.headers.push({ key: 'Accept', value: accept, enabled: true })
  }
  request.auth = authForOperation(operation, snapshot)
  if (snapshot.type === 'openapi') {
    const examples = responseExamples(operation, request.name)
    if (examples.length > 0) request.examples = examples
  }
  const description = operation.description?.trim()
  if (description !== undefined && description !== '') request.description = operation.description!
  if (operation.deprecated) request.deprecated = true
  return request
}

/** Summary, else operationId, else the operation key. */
function requestName(operation: SnapshotOperation): string {
  const summary = operation.summary?.trim()
  if (summary !== undefined && summary !== '') return summary
  const operationId = operation.operationId?.trim()
  if (operationId !== undefined && operationId !== '') return operationId
  return operation.key
}

/** The path as written, path parameters as `{name}` (a Postman `:name` segment too); `/` for an empty path. */
function urlPath(path: string): string {
  const withSlash = path.startsWith('/') ? path : `/${path}`
  return withSlash.replace(/(^|\/):([^/]+)/g, '$1{$2}')
}

/**
 * Query parameters as rows, serialized per their `style` and `explode` (exploded arrays repeat
 * the key, `deepObject` objects give `name[prop]` rows): required ones enabled with an example
 * value (the spec's, else one built from the schema), optional ones disabled with the spec's
 * example or `''`. Postman snapshots: enabled unless the collection disabled the row, values as they were.
 */
function queryRows(snapshot: ApiSnapshot, operation: SnapshotOperation): KeyValue[] {
  return operation.parameters
    .filter((parameter) => parameter.in === 'query')
    .flatMap((parameter) => {
      const enabled = snapshot.type === 'postman' ? parameter.disabled !== true : parameter.required
      const style = parameter.style ?? 'form'
      const value = parameterExample(parameter, snapshot.schemas, snapshot.type !== 'postman' && (parameter.required || style === 'deepObject'))
      if (value === undefined) return pairRows([[parameter.name, '']], enabled, parameter.description)
      return pairRows(serializePairs(parameter.name, value, style, parameter.explode ?? style === 'form'), enabled, parameter.description)
    })
}

/** Header parameters as rows (OpenAPI's `simple` style), leaving out the ones OpenAPI ignores. */
function headerRows(snapshot: ApiSnapshot, operation: SnapshotOperation): KeyValue[] {
  return operation.parameters
    .filter((parameter) => parameter.in === 'header')
    .filter((parameter) => snapshot.type === 'postman' || !RESERVED_HEADERS.has(parameter.name.toLowerCase()))
    .map((parameter) => {
      const enabled = snapshot.type === 'postman' ? parameter.disabled !== true : parameter.required
      const value = parameterExample(parameter, snapshot.schemas, snapshot.type !== 'postman' && parameter.required)
      const row: KeyValue = { key: parameter.name, value: simpleText(value, parameter.explode === true), enabled }
      if (parameter.description !== undefined && parameter.description.trim() !== '') row.description = parameter.description
      return row
    })
}

/**
 * A row per `{name}` of the path, in path order: an example value (the spec's, else one that fits
 * the schema) and the parameter's description, so clients send a working URL as it is.
 */
function pathVariableRows(snapshot: ApiSnapshot, operation: SnapshotOperation, path: string): KeyValue[] {
  const seen = new Set<string>()
  return pathParameterNames(path).flatMap((name) => {
    if (seen.has(name)) return []
    seen.add(name)
    const parameter: ParameterSpec = operation.parameters.find((candidate) => candidate.in === 'path' && candidate.name === name) ?? { name, in: 'path', required: true, schema: { type: 'string' } }
    const value = parameterExample(parameter, snapshot.schemas, true)
    const row: KeyValue = { key: name, value: value === undefined ? name : simpleText(value, parameter.explode === true), enabled: true }
    if (row.value === '') row.value = name
    if (parameter.description !== undefined && parameter.description.trim() !== '') row.description = parameter.description
    return [row]
  })
}

/** The media type a success response comes in, for `Accept`: the first 2xx (else `default`) response's preferred one. */
function acceptedMediaType(operation: SnapshotOperation): string | undefined {
  const statuses = Object.keys(operation.responses).sort()
  const success = statuses.find((status) => /^2/.test(status)) ?? statuses.find((status) => status === 'default')
  const content = success === undefined ? undefined : operation.responses[success]?.content
  if (content === undefined) return undefined
  return preferredMediaType(Object.keys(content))
}

/**
 * The preferred media type and an example for it (the spec's example, else one built from the
 * schema); forms follow the media type's `encoding`; binary media types (`application/octet-stream`,
 * `*\/*`, images, a `format: binary` schema) have no text: clients send a file there.
 */
function requestBody(snapshot: ApiSnapshot, operation: SnapshotOperation): RequestBody | undefined {
  const content = operation.requestBody?.content
  if (content === undefined) return undefined
  const mediaType = preferredMediaType(Object.keys(content))
  if (mediaType === undefined) return undefined
  const media = content[mediaType] ?? {}
  const schema = isRecord(media.schema) ? media.schema : undefined
  const binarySchema = schema === undefined || (primaryTypeOf(schema) === 'string' && (schema.format === 'binary' || schema.format === undefined))
  // A wildcard that takes a structured schema (Kubernetes `*/*` with a Pod) is sent as JSON.
  if (mediaType.includes('*') && !binarySchema) return jsonBody(media, snapshot)
  if (isBinaryMediaType(mediaType) || (schema !== undefined && primaryTypeOf(schema) === 'string' && schema.format === 'binary')) {
    return { mediaType: mediaType.includes('*') ? 'application/octet-stream' : mediaType, text: '' }
  }
  const example = media.example !== undefined ? media.example : media.schema === undefined ? undefined : exampleFromSchema(media.schema, snapshot.schemas)
  return { mediaType, text: bodyText(mediaType, example, rootElementName(media.schema), media.encoding) }
}

function jsonBody(media: MediaTypeSpec, snapshot: ApiSnapshot): RequestBody {
  const example = media.example !== undefined ? media.example : exampleFromSchema(media.schema, snapshot.schemas)
  return { mediaType: 'application/json', text: bodyText('application/json', example) }
}

/** `type` as a string, or the first non-null entry of a normalized type list. */
function primaryTypeOf(schema: Record<string, unknown>): string | undefined {
  if (typeof schema.type === 'string') return schema.type
  if (Array.isArray(schema.type)) return schema.type.find((type): type is string => typeof type === 'string' && type !== 'null')
  if (typeof schema.$ref === 'string' || isRecord(schema.properties) || Array.isArray(schema.allOf) || Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return 'object'
  return undefined
}

/** XML examples are named after the referenced schema (`Pet`), as OpenAPI's default XML mapping does. */
function rootElementName(schema: unknown): string {
  if (!isRecord(schema)) return 'root'
  if (isRecord(schema.xml) && typeof schema.xml.name === 'string') return schema.xml.name
  if (typeof schema.$ref === 'string') return schema.$ref.slice(schema.$ref.lastIndexOf('/') + 1)
  return 'root'
}
