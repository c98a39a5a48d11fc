import type { ApiSnapshot, ParameterSpec, SnapshotOperation } from '../formats/types.js'
import { bodyText, preferredMediaType } from './body-text.js'
import { authForOperation } from './generate-auth.js'
import { graphqlBody } from './graphql-request.js'
import { folderId, requestId } from './ids.js'
import type { Collection, CollectionItem, Folder, GenerateCollectionOptions, KeyValue, Request, RequestBody } from './model.js'
import { exampleFromSchema } from './schema-example.js'
import { isRecord } from './values.js'

/** OpenAPI ignores header parameters with these names: the body, `Accept` negotiation and auth set them. */
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization'])

/**
 * Turns a snapshot of any format into a neutral collection: one request per operation, in
 * folders by first tag (Postman snapshots: by their folder path), untagged ones at the top level
 * after the folders. Ids derive from operation identities and folder names, so the same snapshot
 * always gives a deep-equal collection and regenerating keeps every id.
 */
export function generateCollection(snapshot: ApiSnapshot, options: GenerateCollectionOptions = {}): Collection {
  const baseUrlVariable = options.baseUrlVariable ?? 'baseUrl'
  const root: FolderNode = { children: new Map(), requests: [] }
  for (const operation of snapshot.operations) {
    let node = root
    for (const name of folderPath(snapshot, operation)) {
      let child = node.children.get(name)
      if (child === undefined) {
        child = { children: new Map(), requests: [] }
        node.children.set(name, child)
      }
      node = child
    }
    node.requests.push(generateRequest(snapshot, operation, baseUrlVariable))
  }
  return {
    name: options.name ?? (snapshot.title.trim() === '' ? 'API' : snapshot.title),
    items: toItems(root, []),
    variables: { [baseUrlVariable]: snapshot.servers[0] ?? options.defaultBaseUrl ?? '' },
  }
}

interface FolderNode {
  children: Map<string, FolderNode>
  requests: Request[]
}

function toItems(node: FolderNode, path: readonly string[]): CollectionItem[] {
  const names = [...node.children.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const folders = names.map((name): Folder => {
    const namePath = [...path, name]
    return { type: 'folder', id: folderId(namePath), name, items: toItems(node.children.get(name)!, namePath) }
  })
  return [...folders, ...node.requests]
}

/** Postman requests keep their folders; other formats file an operation under its first tag. */
function folderPath(snapshot: ApiSnapshot, operation: SnapshotOperation): string[] {
  if (snapshot.type === 'postman') return operation.folder ?? []
  const tag = operation.tags?.find((candidate) => candidate.trim() !== '')
  return tag === undefined ? [] : [tag]
}

/** One request for one operation (see `generateCollection`). */
export function generateRequest(snapshot: ApiSnapshot, operation: SnapshotOperation, baseUrlVariable = 'baseUrl'): Request {
  const isGraphql = snapshot.type === 'graphql'
  const request: Request = {
    type: 'request',
    id: requestId(operation.identity),
    name: requestName(operation),
    operationKey: operation.key,
    method: isGraphql ? 'POST' : operation.method.toUpperCase(),
    url: isGraphql ? `{{${baseUrlVariable}}}` : `{{${baseUrlVariable}}}${urlPath(operation.path)}`,
    params: rows(snapshot, operation, 'query'),
    headers: rows(snapshot, operation, 'header'),
  }
  const body = isGraphql ? { mediaType: 'application/json', text: graphqlBody(operation, snapshot) } : requestBody(snapshot, operation)
  if (body !== undefined) {
    request.body = body
    if (!request.headers.some((header) => header.key.toLowerCase() === 'content-type')) {
      request.headers.push({ key: 'Content-Type', value: body.mediaType, enabled: true })
    }
  }
  request.auth = authForOperation(operation, snapshot)
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
 * Query parameters or headers as rows: required ones enabled, optional ones disabled (Postman
 * snapshots: enabled unless the collection disabled the row), with an example value or `''`.
 */
function rows(snapshot: ApiSnapshot, operation: SnapshotOperation, location: 'query' | 'header'): KeyValue[] {
  return operation.parameters
    .filter((parameter) => parameter.in === location)
    .filter((parameter) => snapshot.type === 'postman' || location !== 'header' || !RESERVED_HEADERS.has(parameter.name.toLowerCase()))
    .map((parameter) => {
      const enabled = snapshot.type === 'postman' ? parameter.disabled !== true : parameter.required
      const row: KeyValue = { key: parameter.name, value: parameterValue(parameter), enabled }
      if (parameter.description !== undefined && parameter.description.trim() !== '') row.description = parameter.description
      return row
    })
}

function parameterValue(parameter: ParameterSpec): string {
  const schema = isRecord(parameter.schema) ? parameter.schema : {}
  const enumValues = Array.isArray(schema.enum) ? schema.enum : []
  const examples = Array.isArray(schema.examples) ? schema.examples : []
  const value = parameter.example ?? schema.example ?? examples[0] ?? schema.default ?? enumValues[0]
  return valueText(value)
}

/** Query and header values are text: arrays as comma lists (OpenAPI's default `form` style), objects as JSON. */
function valueText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map(valueText).join(',')
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** The preferred media type and an example for it (the spec's example, else one built from the schema). */
function requestBody(snapshot: ApiSnapshot, operation: SnapshotOperation): RequestBody | undefined {
  const content = operation.requestBody?.content
  if (content === undefined) return undefined
  const mediaType = preferredMediaType(Object.keys(content))
  if (mediaType === undefined) return undefined
  const media = content[mediaType] ?? {}
  const example = media.example !== undefined ? media.example : media.schema === undefined ? undefined : exampleFromSchema(media.schema, snapshot.schemas)
  return { mediaType, text: bodyText(mediaType, example, rootElementName(media.schema)) }
}

/** XML examples are named after the referenced schema (`Pet`), as OpenAPI's default XML mapping does. */
function rootElementName(schema: unknown): string {
  if (!isRecord(schema)) return 'root'
  if (isRecord(schema.xml) && typeof schema.xml.name === 'string') return schema.xml.name
  if (typeof schema.$ref === 'string') return schema.$ref.slice(schema.$ref.lastIndexOf('/') + 1)
  return 'root'
}
