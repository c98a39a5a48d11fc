import type { Auth, Collection, CollectionItem, Request } from '../model/collection.js'
import { sameJson } from './values.js'

/** What to put in the variables generated requests use (Postman shows it next to the value). */
const KNOWN_VARIABLES: Record<string, string> = {
  token: 'Bearer token: sent as `Authorization: Bearer <token>`.',
  username: 'User name for HTTP basic or digest auth.',
  password: 'Password for HTTP basic or digest auth.',
  apiKey: 'API key: sent where the spec says (header, query or cookie).',
  clientId: 'OAuth 2.0 client id of your app.',
  clientSecret: 'OAuth 2.0 client secret of your app.',
}

/**
 * Puts the auth most requests share on the collection, so requests inherit it instead of each
 * carrying a copy; requests whose security differs keep their own. A request that declared no
 * security (`inherit`) gets `none` then, so it does not start sending the shared credentials
 * (`inheritMeansNone`; a Postman source's `inherit` meant its parent's auth and stays).
 */
export function hoistSharedAuth(collection: Collection, inheritMeansNone: boolean): void {
  const requests = allRequests(collection.items)
  const counts: Array<{ auth: Auth; count: number }> = []
  for (const request of requests) {
    const auth = request.auth
    if (auth === undefined || auth.type === 'inherit' || auth.type === 'none') continue
    const entry = counts.find((candidate) => sameJson(candidate.auth, auth))
    if (entry === undefined) counts.push({ auth, count: 1 })
    else entry.count++
  }
  const shared = counts.reduce<{ auth: Auth; count: number } | undefined>((best, entry) => (best === undefined || entry.count > best.count ? entry : best), undefined)
  if (shared === undefined) return
  collection.auth = shared.auth
  for (const request of requests) {
    if (request.auth === undefined || request.auth.type === 'inherit') request.auth = inheritMeansNone ? { type: 'none' } : { type: 'inherit' }
    else if (sameJson(request.auth, shared.auth)) request.auth = { type: 'inherit' }
  }
}

/**
 * Declares every `{{variable}}` the collection's requests and auth use that it does not declare
 * yet (value empty), with a description saying what to put there when the name is a known one.
 */
export function declareUsedVariables(collection: Collection, descriptions: Record<string, string>): void {
  const variables = collection.variables ?? {}
  const used = new Set<string>()
  collectNames(collection.auth, used)
  for (const request of allRequests(collection.items)) collectNames(requestTexts(request), used)
  for (const name of used) {
    if (!Object.hasOwn(variables, name)) Object.defineProperty(variables, name, { value: '', enumerable: true, writable: true, configurable: true })
    const known = KNOWN_VARIABLES[name]
    if (known !== undefined && descriptions[name] === undefined) descriptions[name] = known
  }
  collection.variables = variables
  if (Object.keys(descriptions).length > 0) collection.variableDescriptions = descriptions
}

function requestTexts(request: Request): unknown[] {
  // The body of a generated request holds no variables; a Postman source's may.
  return [request.url, request.params, request.headers, request.body?.text, request.auth, request.pathVariables]
}

/** Adds the names of every `{{name}}` in the strings of a JSON-like value. */
function collectNames(value: unknown, names: Set<string>): void {
  if (typeof value === 'string') {
    // Most texts have no variable: skip the regular expression for them.
    if (value.includes('{{')) for (const match of value.matchAll(/\{\{([^{}]+)\}\}/g)) names.add(match[1]!.trim())
  } else if (Array.isArray(value)) {
    for (const item of value) collectNames(item, names)
  } else if (typeof value === 'object' && value !== null) {
    for (const key in value) collectNames((value as Record<string, unknown>)[key], names)
  }
}

function allRequests(items: readonly CollectionItem[], found: Request[] = []): Request[] {
  for (const item of items) {
    if (item.type === 'folder') allRequests(item.items, found)
    else found.push(item)
  }
  return found
}
