import { InvalidSpecError } from '../errors/errors.js'
import { folderId, locatedRequestId } from './ids.js'
import type { Auth, Collection, CollectionItem, Folder, KeyValue, Request, Scripts } from '../model/collection.js'
import { fromPostmanAuth, toPostmanAuth } from './postman-auth.js'
import { fromPostmanBody, postmanBodyKind, toPostmanBody } from './postman-body.js'
import { readMeta, writeMeta, type RequestMeta } from './postman-meta.js'
import type { PostmanCollection, PostmanEvent, PostmanFolder, PostmanItem, PostmanRequest, PostmanRequestItem, PostmanVariable } from './postman-types.js'
import { POSTMAN_V21_SCHEMA } from './postman-types.js'
import { descriptionOf, fromPostmanRow, fromPostmanUrl, toPostmanRow, toPostmanUrl } from './postman-url.js'
import { clone, sameJson, isRecord, stringOr } from './values.js'

/**
 * Writes a collection as a Postman collection v2.1 document (a JSON-ready object). Every field of
 * the model survives `fromPostmanCollection`: ids as item `id`s, and for requests the id, the
 * operation key and `deprecated` also in a comment at the end of the request description (see
 * `postman-meta.ts`), since Postman keeps descriptions but not ids.
 */
export function toPostmanCollection(collection: Collection): PostmanCollection {
  const postman: PostmanCollection = { info: { name: collection.name, schema: POSTMAN_V21_SCHEMA }, item: collection.items.map(toPostmanItem) }
  if (collection.postmanId !== undefined) postman.info._postman_id = collection.postmanId
  if (collection.description !== undefined) postman.info.description = collection.description
  if (collection.auth !== undefined) postman.auth = toPostmanAuth(collection.auth)
  if (collection.scripts !== undefined) postman.event = toEvents(collection.scripts)
  if (collection.variables !== undefined) {
    const descriptions = collection.variableDescriptions ?? {}
    postman.variable = Object.entries(collection.variables).map(([key, value]) => {
      const variable: PostmanVariable = { key, value, type: 'string' }
      if (Object.hasOwn(descriptions, key)) variable.description = descriptions[key]!
      return variable
    })
  }
  return postman
}

function toPostmanItem(item: CollectionItem): PostmanItem {
  return item.type === 'folder' ? toPostmanFolder(item) : toPostmanRequestItem(item)
}

function toPostmanFolder(folder: Folder): PostmanFolder {
  const postman: PostmanFolder = { id: folder.id, name: folder.name, item: folder.items.map(toPostmanItem) }
  if (folder.description !== undefined) postman.description = folder.description
  if (folder.auth !== undefined) postman.auth = toPostmanAuth(folder.auth)
  if (folder.scripts !== undefined) postman.event = toEvents(folder.scripts)
  return postman
}

function toPostmanRequestItem(request: Request): PostmanRequestItem {
  const segmentTemplates: Record<string, string> = {}
  const postmanRequest: PostmanRequest = {
    method: request.method,
    header: request.headers.map(toPostmanRow),
    url: toPostmanUrl(request.url, request.params, request.pathVariables, segmentTemplates),
  }
  const meta: RequestMeta = {}
  if (Object.keys(segmentTemplates).length > 0) meta.segmentTemplates = segmentTemplates
  if (request.body !== undefined) {
    postmanRequest.body = toPostmanBody(request.body)
    // Record the media type only when the Postman body alone would not give it back.
    const readBack = fromPostmanBody(postmanRequest.body, request.headers)
    if (!sameJson(readBack, request.body)) {
      meta.bodyMediaType = request.body.mediaType
      meta.bodyKind = postmanBodyKind(postmanRequest.body) ?? ''
    }
  }
  if (request.auth !== undefined) postmanRequest.auth = toPostmanAuth(request.auth)
  if (request.operationKey !== undefined) meta.operationKey = request.operationKey
  if (request.deprecated !== undefined) meta.deprecated = request.deprecated
  // The id rides in the description only with other metadata: requests the user made keep theirs in `id`.
  if (Object.keys(meta).length > 0) meta.id = request.id
  const description = writeMeta(request.description, meta)
  if (description !== undefined) postmanRequest.description = description
  const item: PostmanRequestItem = { id: request.id, name: request.name, request: postmanRequest }
  if (request.scripts !== undefined) item.event = toEvents(request.scripts)
  if (request.examples !== undefined) item.response = clone(request.examples)
  return item
}

/** Scripts as Postman events, one line of `exec` per line of script. */
function toEvents(scripts: Scripts): PostmanEvent[] {
  const events: PostmanEvent[] = []
  if (scripts.preRequest !== undefined) events.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: scripts.preRequest.split('\n') } })
  if (scripts.test !== undefined) events.push({ listen: 'test', script: { type: 'text/javascript', exec: scripts.test.split('\n') } })
  return events
}

/**
 * Reads a Postman collection (v2.0 or v2.1, as Postman exports it or as edited by hand) into the
 * neutral model. URLs may be strings or objects, descriptions strings or `{ content }`, headers
 * rows or (v2.0) one `Key: value` text, auth v2.1 attribute lists or v2.0 maps; disabled rows
 * stay disabled; `prerequest` and `test` events become scripts; saved responses become
 * `examples`. Items without ids get ids from where they sit, so reading a file twice gives equal
 * collections. Throws `InvalidSpecError` when `json` is not a Postman collection.
 */
export function fromPostmanCollection(json: unknown): Collection {
  if (!isRecord(json) || !isRecord(json.info) || !Array.isArray(json.item)) {
    throw new InvalidSpecError('Not a Postman collection: expected an object with "info" and an "item" array')
  }
  const reader = new PostmanReader()
  const collection: Collection = { name: stringOr(json.info.name) ?? '', items: reader.items(json.item, []) }
  const description = descriptionOf(json.info.description)
  if (description !== undefined) collection.description = description
  const auth = readAuth(json, 'auth')
  if (auth !== undefined) collection.auth = auth
  const scripts = readEvents(json.event)
  if (scripts !== undefined) collection.scripts = scripts
  if (Array.isArray(json.variable)) {
    collection.variables = readVariables(json.variable)
    const descriptions = readVariableDescriptions(json.variable)
    if (Object.keys(descriptions).length > 0) collection.variableDescriptions = descriptions
  }
  const postmanId = stringOr(json.info._postman_id)
  if (postmanId !== undefined) collection.postmanId = postmanId
  return collection
}

/** Reads items, keeping every id unique (a request duplicated in Postman carries its original's marker). */
class PostmanReader {
  private readonly usedIds = new Set<string>()

  items(items: readonly unknown[], path: readonly string[]): CollectionItem[] {
    return items.flatMap((item, index): CollectionItem[] => {
      if (!isRecord(item)) return []
      if (Array.isArray(item.item)) return [this.folder(item, path)]
      if (item.request !== undefined) return [this.request(item, path, index)]
      return []
    })
  }

  private folder(item: Record<string, unknown>, path: readonly string[]): Folder {
    const name = stringOr(item.name) ?? ''
    const namePath = [...path, name]
    const folder: Folder = { type: 'folder', id: this.unique(stringOr(item.id) ?? folderId(namePath)), name, items: this.items(item.item as unknown[], namePath) }
    const description = descriptionOf(item.description)
    if (description !== undefined) folder.description = description
    const auth = readAuth(item, 'auth')
    if (auth !== undefined) folder.auth = auth
    const scripts = readEvents(item.event)
    if (scripts !== undefined) folder.scripts = scripts
    return folder
  }

  private request(item: Record<string, unknown>, path: readonly string[], position: number): Request {
    // Collection v2.0 allows a request to be just its URL string.
    const source = typeof item.request === 'string' ? { url: item.request } : isRecord(item.request) ? item.request : {}
    const name = stringOr(item.name) ?? ''
    const { description, meta } = readMeta(descriptionOf(source.description) ?? descriptionOf(item.description))
    const { url, params, pathVariables } = fromPostmanUrl(source.url, meta.segmentTemplates)
    const headers = readHeaders(source.header)
    const request: Request = {
      type: 'request',
      id: this.unique(meta.id ?? stringOr(item.id) ?? locatedRequestId(path, name, position)),
      name,
      method: stringOr(source.method) ?? 'GET',
      url,
      params,
      headers,
    }
    // Rows the exporter wrote for parameters without a value are no values of the user's.
    const valued = pathVariables.filter((row) => row.value !== '' || row.description !== undefined)
    if (valued.length > 0) request.pathVariables = valued
    if (meta.operationKey !== undefined) request.operationKey = meta.operationKey
    const mediaType = meta.bodyMediaType !== undefined && meta.bodyKind === postmanBodyKind(source.body) ? meta.bodyMediaType : undefined
    const body = fromPostmanBody(source.body, headers, mediaType)
    if (body !== undefined) request.body = body
    const auth = readAuth(source, 'auth')
    if (auth !== undefined) request.auth = auth
    const scripts = readEvents(item.event)
    if (scripts !== undefined) request.scripts = scripts
    if (description !== undefined) request.description = description
    if (meta.deprecated !== undefined) request.deprecated = meta.deprecated
    if (Array.isArray(item.response)) request.examples = item.response.filter(isRecord).map((response) => clone(response))
    return request
  }

  private unique(id: string): string {
    let candidate = id
    for (let counter = 2; this.usedIds.has(candidate); counter++) candidate = `${id}-${counter}`
    this.usedIds.add(candidate)
    return candidate
  }
}

/** `auth` absent -> `undefined`; `null` -> inherit; otherwise Postman auth. */
function readAuth(owner: Record<string, unknown>, key: string): Auth | undefined {
  return Object.hasOwn(owner, key) ? fromPostmanAuth(owner[key]) : undefined
}

/** Header rows, or (collection v2.0) one `Key: value` line per header, `//` marking a disabled one. */
function readHeaders(header: unknown): KeyValue[] {
  if (Array.isArray(header)) return header.flatMap(fromPostmanRow)
  if (typeof header !== 'string') return []
  return header
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const disabled = line.trimStart().startsWith('//')
      const text = disabled ? line.trimStart().slice(2) : line
      const colon = text.indexOf(':')
      const key = (colon === -1 ? text : text.slice(0, colon)).trim()
      const value = colon === -1 ? '' : text.slice(colon + 1).trim()
      return { key, value, enabled: !disabled }
    })
}

/** `prerequest` and `test` events as scripts (several events of one kind joined by a newline). */
function readEvents(events: unknown): Scripts | undefined {
  if (!Array.isArray(events)) return undefined
  const scripts: Scripts = {}
  for (const event of events) {
    if (!isRecord(event) || event.disabled === true || !isRecord(event.script)) continue
    const exec = event.script.exec
    const text = Array.isArray(exec) ? exec.map((line) => (typeof line === 'string' ? line : '')).join('\n') : (stringOr(exec) ?? '')
    const slot = event.listen === 'prerequest' ? 'preRequest' : event.listen === 'test' ? 'test' : undefined
    if (slot === undefined) continue
    scripts[slot] = scripts[slot] === undefined ? text : `${scripts[slot]}\n${text}`
  }
  return scripts
}

function readVariableDescriptions(rows: readonly unknown[]): Record<string, string> {
  const descriptions: Record<string, string> = {}
  for (const row of rows) {
    if (!isRecord(row)) continue
    const key = stringOr(row.key) ?? stringOr(row.id)
    const description = descriptionOf(row.description)
    if (key !== undefined && description !== undefined) Object.defineProperty(descriptions, key, { value: description, enumerable: true, writable: true, configurable: true })
  }
  return descriptions
}

function readVariables(rows: readonly unknown[]): Record<string, string> {
  const variables: Record<string, string> = {}
  for (const row of rows) {
    if (!isRecord(row)) continue
    const key = stringOr(row.key) ?? stringOr(row.id)
    if (key === undefined) continue
    const value = row.value === undefined || row.value === null ? '' : typeof row.value === 'string' ? row.value : JSON.stringify(row.value)
    Object.defineProperty(variables, key, { value, enumerable: true, writable: true, configurable: true })
  }
  return variables
}
