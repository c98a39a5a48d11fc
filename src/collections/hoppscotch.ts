import { isFormMediaType, isJsonMediaType, isXmlMediaType, mediaTypeEssence } from './body-text.js'
import type { Auth, Collection, Folder, KeyValue, Request, RequestBody } from '../model/collection.js'
import { pathParameterNames, splitUrl } from './url-parts.js'
import { stringOr } from './values.js'

/**
 * Hoppscotch's collection JSON (hoppscotch/hoppscotch, packages/hoppscotch-data): `HoppCollection`
 * schema v12 with `HoppRESTRequest` schema v17, the latest versions the released command-line
 * runner (`@hoppscotch/cli` 0.31) reads; it rejects newer ones as `MALFORMED_COLLECTION`, while
 * the Hoppscotch app migrates these on import. Collection schema version written in `v`.
 */
export const HOPPSCOTCH_COLLECTION_VERSION = 12
/** Request schema version written in each request's `v` (a string, as Hoppscotch writes it). */
export const HOPPSCOTCH_REQUEST_VERSION = '17'

/** A Hoppscotch collection (or folder: folders are collections nested in `folders`). */
export interface HoppscotchCollection {
  v: number
  _ref_id: string
  name: string
  folders: HoppscotchCollection[]
  requests: HoppscotchRequest[]
  auth: HoppscotchAuth
  headers: HoppscotchKeyValue[]
  variables: Array<{ key: string; initialValue: string; currentValue: string; secret: boolean }>
  description: string | null
  preRequestScript: string
  testScript: string
}

/** A Hoppscotch REST request. */
export interface HoppscotchRequest {
  v: string
  _ref_id: string
  name: string
  method: string
  endpoint: string
  params: HoppscotchKeyValue[]
  headers: HoppscotchKeyValue[]
  preRequestScript: string
  testScript: string
  auth: HoppscotchAuth
  body: HoppscotchBody
  requestVariables: Array<{ key: string; value: string; active: boolean }>
  responses: Record<string, unknown>
  description: string | null
}

/** A Hoppscotch environment file (schema v2), as `hopp test -e env.json` and the app's import read it. */
export interface HoppscotchEnvironment {
  v: 2
  id: string
  name: string
  variables: Array<{ key: string; initialValue: string; currentValue: string; secret: boolean }>
}

/** A Hoppscotch parameter or header row. */
export interface HoppscotchKeyValue {
  key: string
  value: string
  active: boolean
  description: string
}

/** Hoppscotch auth: `authType` plus that type's settings. */
export type HoppscotchAuth = { authType: string; authActive: boolean; [setting: string]: unknown }

/** A Hoppscotch request body: none, form-data rows, or text with its content type. */
export type HoppscotchBody =
  | { contentType: null; body: null }
  | { contentType: 'multipart/form-data'; body: Array<{ key: string; value: string; active: boolean; isFile: false }> }
  | { contentType: string; body: string }

/** Raw body content types Hoppscotch's body editor offers. */
const RAW_CONTENT_TYPES = new Set([
  'application/json',
  'application/ld+json',
  'application/hal+json',
  'application/vnd.api+json',
  'application/xml',
  'text/xml',
  'text/html',
  'text/plain',
])

/**
 * Writes a collection as a Hoppscotch collection: folders become child collections (Hoppscotch
 * lists a collection's folders before its requests), `{{variable}}` becomes `<<variable>>`,
 * path parameters `{id}` become request variables `<<id>>`, collection variables keep their
 * values (except the ones an environment sets, see `toHoppscotchEnvironment`), scripts are copied
 * as they are (Postman `pm.*` scripts may need porting to `pw.*`), our ids go in `_ref_id`. Auth
 * maps to Hoppscotch's types (`api-key`, `oauth-2`, ...); a type it has no equivalent for becomes
 * `inherit`. Saved examples have no counterpart in Hoppscotch's request format and are left out.
 */
export function toHoppscotchCollection(collection: Collection): HoppscotchCollection {
  const variables = Object.entries(collection.variables ?? {})
    .filter(([, value]) => !isEnvironmentValue(value))
    .map(([key, value]) => ({ key, initialValue: value, currentValue: value, secret: false }))
  const root = hoppCollection(collection.items, collection.name, 'collection', variables, collection.auth, collection.description)
  root.preRequestScript = collection.scripts?.preRequest ?? ''
  root.testScript = collection.scripts?.test ?? ''
  return root
}

/**
 * The collection variables a Hoppscotch environment holds: server URLs and the ones left empty
 * for the user (credentials). Hoppscotch resolves collection variables before environment ones,
 * so the collection leaves these out, or `hopp test -e env.json` could never reach another host.
 */
export function toHoppscotchEnvironment(collection: Collection, name = collection.name): HoppscotchEnvironment {
  const variables = Object.entries(collection.variables ?? {})
    .filter(([, value]) => isEnvironmentValue(value))
    .map(([key, value]) => ({ key, initialValue: value, currentValue: value, secret: value === '' && !/url$/i.test(key) }))
  return { v: 2, id: 'env', name, variables }
}

/** A server URL or an empty value: the user's environment sets it. */
function isEnvironmentValue(value: string): boolean {
  return value === '' || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)
}

function hoppCollection(
  items: Collection['items'],
  name: string,
  refId: string,
  variables: HoppscotchCollection['variables'],
  auth: Auth | undefined,
  description: string | undefined,
): HoppscotchCollection {
  return {
    v: HOPPSCOTCH_COLLECTION_VERSION,
    _ref_id: refId,
    name,
    folders: items.filter((item): item is Folder => item.type === 'folder').map(hoppFolder),
    requests: items.filter((item): item is Request => item.type === 'request').map(hoppRequest),
    auth: hoppAuth(auth ?? { type: 'inherit' }),
    headers: [],
    variables,
    description: description ?? null,
    preRequestScript: '',
    testScript: '',
  }
}

function hoppFolder(folder: Folder): HoppscotchCollection {
  const result = hoppCollection(folder.items, folder.name, folder.id, [], folder.auth, folder.description)
  result.preRequestScript = folder.scripts?.preRequest ?? ''
  result.testScript = folder.scripts?.test ?? ''
  return result
}

function hoppRequest(request: Request): HoppscotchRequest {
  const { origin, path, suffix } = splitUrl(request.url)
  const endpoint = variables(origin) + variables(path).replace(/\{([^{}]+)\}/g, '<<$1>>') + variables(suffix)
  return {
    v: HOPPSCOTCH_REQUEST_VERSION,
    _ref_id: request.id,
    name: request.name,
    method: request.method.toUpperCase(),
    endpoint,
    params: request.params.map(hoppRow),
    headers: request.headers.map(hoppRow),
    preRequestScript: request.scripts?.preRequest ?? '',
    testScript: request.scripts?.test ?? '',
    auth: hoppAuth(request.auth ?? { type: 'inherit' }),
    body: hoppBody(request.body),
    requestVariables: [...new Set(pathParameterNames(path))].map((key) => ({ key, value: variables(request.pathVariables?.find((row) => row.key === key)?.value ?? ''), active: true })),
    responses: {},
    description: request.description ?? null,
  }
}

/** `{{name}}` (Postman-style variables) -> `<<name>>` (Hoppscotch's). */
function variables(text: string): string {
  return text.replace(/\{\{([^{}]*)\}\}/g, '<<$1>>')
}

function hoppRow(row: KeyValue): HoppscotchKeyValue {
  return { key: variables(row.key), value: variables(row.value), active: row.enabled, description: row.description ?? '' }
}

function hoppBody(body: RequestBody | undefined): HoppscotchBody {
  if (body === undefined) return { contentType: null, body: null }
  const essence = mediaTypeEssence(body.mediaType)
  const text = variables(body.text)
  if (essence === 'multipart/form-data') {
    return { contentType: 'multipart/form-data', body: formPairs(text).map(([key, value]) => ({ key, value, active: true, isFile: false })) }
  }
  if (isFormMediaType(essence)) return { contentType: 'application/x-www-form-urlencoded', body: formPairs(text).map(([key, value]) => rawKeyValueLine(key, value)).join('\n') }
  if (RAW_CONTENT_TYPES.has(essence)) return { contentType: essence, body: text }
  if (isJsonMediaType(essence)) return { contentType: 'application/json', body: text }
  if (isXmlMediaType(essence)) return { contentType: 'application/xml', body: text }
  return { contentType: 'text/plain', body: text }
}

/** `a=1&b=x%20y` as decoded pairs (undecodable parts kept as written). */
function formPairs(text: string): Array<[string, string]> {
  if (text === '') return []
  return text.split('&').map((pair) => {
    const equals = pair.indexOf('=')
    return [decode(equals === -1 ? pair : pair.slice(0, equals)), decode(equals === -1 ? '' : pair.slice(equals + 1))]
  })
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Hoppscotch's url-encoded body text: one `key: value` line per field, quoted as JSON when a part needs it. */
function rawKeyValueLine(key: string, value: string): string {
  return `${quoteIfNeeded(key)}: ${quoteIfNeeded(value)}`
}

function quoteIfNeeded(text: string): string {
  const needsQuotes = JSON.stringify(text).slice(1, -1) !== text || text.trim() !== text || text.includes(':') || text.startsWith('#')
  return needsQuotes ? JSON.stringify(text) : text
}

/** Neutral auth (Postman setting names) as Hoppscotch auth. */
function hoppAuth(auth: Auth): HoppscotchAuth {
  const text = (key: string): string => variables(stringOr(auth[key]) ?? '')
  switch (auth.type) {
    case 'none':
      return { authType: 'none', authActive: true }
    case 'bearer':
      return { authType: 'bearer', authActive: true, token: text('token') }
    case 'basic':
      return { authType: 'basic', authActive: true, username: text('username'), password: text('password') }
    case 'digest':
      return hoppDigest(auth, text)
    case 'apikey':
      return { authType: 'api-key', authActive: true, key: text('key'), value: text('value'), addTo: auth.in === 'query' ? 'QUERY_PARAMS' : 'HEADERS' }
    case 'oauth2':
      return hoppOAuth2(auth, text)
    default:
      return { authType: 'inherit', authActive: true }
  }
}

function hoppDigest(auth: Auth, text: (key: string) => string): HoppscotchAuth {
  return {
    authType: 'digest',
    authActive: true,
    username: text('username'),
    password: text('password'),
    realm: text('realm'),
    nonce: text('nonce'),
    algorithm: auth.algorithm === 'MD5-sess' ? 'MD5-sess' : 'MD5',
    qop: auth.qop === 'auth-int' ? 'auth-int' : 'auth',
    nc: text('nc'),
    cnonce: text('clientNonce'),
    opaque: text('opaque'),
    disableRetry: false,
  }
}

/** Postman's OAuth 2.0 settings as Hoppscotch's `grantTypeInfo` for the same grant. */
function hoppOAuth2(auth: Auth, text: (key: string) => string): HoppscotchAuth {
  const common = { clientID: text('clientId'), token: text('accessToken'), scopes: text('scope') }
  const grant = stringOr(auth.grant_type) ?? 'authorization_code'
  let grantTypeInfo: Record<string, unknown>
  if (grant === 'client_credentials') {
    grantTypeInfo = { grantType: 'CLIENT_CREDENTIALS', authEndpoint: text('accessTokenUrl'), clientSecret: text('clientSecret'), clientAuthentication: 'IN_BODY', ...common }
  } else if (grant === 'password_credentials') {
    grantTypeInfo = { grantType: 'PASSWORD', authEndpoint: text('accessTokenUrl'), clientSecret: text('clientSecret'), username: text('username'), password: text('password'), ...common }
  } else if (grant === 'implicit') {
    grantTypeInfo = { grantType: 'IMPLICIT', authEndpoint: text('authUrl'), ...common }
  } else {
    grantTypeInfo = { grantType: 'AUTHORIZATION_CODE', authEndpoint: text('authUrl'), tokenEndpoint: text('accessTokenUrl'), clientSecret: text('clientSecret'), isPKCE: grant === 'authorization_code_with_pkce', ...common }
  }
  return { authType: 'oauth-2', authActive: true, grantTypeInfo, addTo: auth.addTokenTo === 'queryParams' ? 'QUERY_PARAMS' : 'HEADERS' }
}
