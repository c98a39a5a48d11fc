import type { ApiSnapshot, SecuritySchemeSpec, SnapshotOperation } from '../model/snapshot.js'
import type { Auth } from '../model/collection.js'
import { postmanOperationExtras } from '../formats/postman/operation-extras.js'
import type { AuthSummary } from '../formats/postman/request-auth.js'
import { isRecord, stringOr } from './values.js'

/**
 * The auth of a generated request, from the operation's effective security: no security declared
 * -> `inherit`; explicitly none (`security: []`, or only the anonymous `{}` alternative) -> `none`;
 * otherwise the first scheme of the first non-empty alternative. Secrets are never in a spec, so
 * values are `{{variable}}` placeholders the user fills in the client.
 * Postman snapshots carry the request's auth scheme (without values) in their extras instead.
 */
export function authForOperation(operation: SnapshotOperation, snapshot: Pick<ApiSnapshot, 'securitySchemes'>): Auth {
  const postmanAuth = postmanOperationExtras(operation).auth
  if (operation.security === undefined && postmanAuth !== undefined) return fromAuthSummary(postmanAuth)
  const security = operation.security
  if (security === undefined) return { type: 'inherit' }
  const requirement = security.find((alternative) => Object.keys(alternative).length > 0)
  if (requirement === undefined) return { type: 'none' }
  const [name, scopes] = Object.entries(requirement)[0] ?? []
  const scheme = name === undefined ? undefined : snapshot.securitySchemes[name]
  // A requirement naming an undeclared scheme says nothing usable; the folder or collection decides.
  if (scheme === undefined) return { type: 'inherit' }
  return fromSecurityScheme(scheme, scopes ?? [])
}

function fromSecurityScheme(scheme: SecuritySchemeSpec, scopes: readonly string[]): Auth {
  const type = scheme.type.toLowerCase()
  if (type === 'http') {
    const httpScheme = (scheme.scheme ?? '').toLowerCase()
    if (httpScheme === 'bearer') return { type: 'bearer', token: '{{token}}' }
    if (httpScheme === 'basic') return { type: 'basic', username: '{{username}}', password: '{{password}}' }
    if (httpScheme === 'digest') return { type: 'digest', username: '{{username}}', password: '{{password}}' }
    return { type: 'inherit' }
  }
  if (type === 'apikey') {
    return { type: 'apikey', key: scheme.name ?? '', value: '{{apiKey}}', in: scheme.in === 'query' ? 'query' : scheme.in === 'cookie' ? 'cookie' : 'header' }
  }
  if (type === 'oauth2') return oauth2Auth(scheme.flows, scopes)
  if (type === 'openidconnect') {
    return { type: 'oauth2', grant_type: 'authorization_code', scope: scopes.join(' '), clientId: '{{clientId}}', clientSecret: '{{clientSecret}}', addTokenTo: 'header' }
  }
  // mutualTLS and unknown schemes have no request-level settings a client could hold.
  return { type: 'inherit' }
}

/** Postman's grant type names for OpenAPI's flow names, in the order a generated request prefers them. */
const OAUTH_FLOWS: Array<[flow: string, grantType: string]> = [
  ['authorizationCode', 'authorization_code'],
  ['clientCredentials', 'client_credentials'],
  ['password', 'password_credentials'],
  ['implicit', 'implicit'],
  // Swagger 2.0 flow names, in case a normalizer kept them.
  ['accessCode', 'authorization_code'],
  ['application', 'client_credentials'],
]

function oauth2Auth(flows: unknown, scopes: readonly string[]): Auth {
  const auth: Auth = { type: 'oauth2', grant_type: 'authorization_code' }
  const declared = isRecord(flows) ? flows : {}
  const chosen = OAUTH_FLOWS.find(([flow]) => isRecord(declared[flow]))
  if (chosen !== undefined) {
    const flow = declared[chosen[0]] as Record<string, unknown>
    auth.grant_type = chosen[1]
    const authUrl = stringOr(flow.authorizationUrl)
    const tokenUrl = stringOr(flow.tokenUrl)
    if (authUrl !== undefined) auth.authUrl = authUrl
    if (tokenUrl !== undefined) auth.accessTokenUrl = tokenUrl
  }
  auth.scope = scopes.join(' ')
  auth.clientId = '{{clientId}}'
  auth.clientSecret = '{{clientSecret}}'
  auth.addTokenTo = 'header'
  return auth
}

/** Placeholder values for the settings of the schemes a Postman request can name. */
const PLACEHOLDERS: Record<string, Record<string, string>> = {
  bearer: { token: '{{token}}' },
  basic: { username: '{{username}}', password: '{{password}}' },
  digest: { username: '{{username}}', password: '{{password}}' },
  apikey: { key: '', value: '{{apiKey}}', in: 'header' },
}

/** A Postman auth summary (`{ type, keys }`, values dropped by the normalizer) as neutral auth. */
function fromAuthSummary(summary: AuthSummary): Auth {
  const type = summary.type
  if (type === '' || type === 'inherit') return { type: 'inherit' }
  if (type === 'noauth') return { type: 'none' }
  const auth: Auth = { type, ...PLACEHOLDERS[type] }
  for (const key of summary.keys) if (key !== 'type' && !(key in auth)) auth[key] = ''
  return auth
}
