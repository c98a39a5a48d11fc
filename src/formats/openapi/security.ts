import type { SecurityRequirement, SecuritySchemeSpec } from '../../model/snapshot.js'
import { canonicalValue } from './canonical-value.js'
import type { NormalizeContext } from './context.js'
import { getOwn, isRecord, type JsonObject, setOwn, sortedKeys, sortedShallow, stringOf, stringsOf } from './own.js'
import { resolveReference } from './refs.js'

/**
 * An operation's effective security: its own `security` when present (`[]` switches security
 * off), else the document's; undefined when neither declares any. Scopes are sorted and so are
 * the alternatives, whose order carries no meaning.
 */
export function effectiveSecurity(operation: JsonObject, root: JsonObject): SecurityRequirement[] | undefined {
  const raw = Object.hasOwn(operation, 'security') ? operation['security'] : getOwn(root, 'security')
  if (!Array.isArray(raw)) return undefined
  const requirements = raw.filter(isRecord).map(normalizeRequirement)
  const byText = new Map(requirements.map((requirement) => [JSON.stringify(requirement), requirement]))
  return [...byText.keys()].sort().map((text) => byText.get(text)!)
}

function normalizeRequirement(raw: JsonObject): SecurityRequirement {
  const requirement: SecurityRequirement = {}
  for (const name of sortedKeys(raw)) {
    setOwn(requirement, name, [...new Set(stringsOf(raw[name]) ?? [])].sort())
  }
  return requirement
}

/** The document's security schemes: OpenAPI 3 `components.securitySchemes`, or Swagger 2.0 `securityDefinitions` mapped to them. */
export function normalizeSecuritySchemes(context: NormalizeContext): Record<string, SecuritySchemeSpec> {
  const swagger2 = context.family === '2.0'
  const raw = swagger2 ? getOwn(context.root, 'securityDefinitions') : getOwn(componentsOf(context.root), 'securitySchemes')
  const schemes: Record<string, SecuritySchemeSpec> = {}
  if (!isRecord(raw)) return schemes
  for (const name of sortedKeys(raw)) {
    const resolved = resolveReference(raw[name], context, () => `Security scheme "${name}"`)
    if (resolved === undefined) continue
    const scheme = swagger2 ? swagger2Scheme(resolved.value) : openApi3Scheme(resolved.value)
    if (scheme !== undefined) setOwn(schemes, name, sortedShallow(scheme))
  }
  return schemes
}

function componentsOf(root: JsonObject): JsonObject {
  const components = getOwn(root, 'components')
  return isRecord(components) ? components : {}
}

function openApi3Scheme(raw: JsonObject): SecuritySchemeSpec | undefined {
  const type = stringOf(getOwn(raw, 'type'))
  if (type === undefined) return undefined
  const scheme: SecuritySchemeSpec = { type }
  copyString(raw, 'scheme', scheme)
  copyString(raw, 'bearerFormat', scheme)
  copyString(raw, 'in', scheme)
  copyString(raw, 'name', scheme)
  copyString(raw, 'description', scheme)
  copyString(raw, 'openIdConnectUrl', scheme)
  const flows = getOwn(raw, 'flows')
  if (flows !== undefined) scheme.flows = canonicalValue(flows, 1)
  return scheme
}

/** Swagger 2.0 flow names and their OpenAPI 3 equivalents. */
const SWAGGER2_FLOWS: Readonly<Record<string, string>> = {
  implicit: 'implicit',
  password: 'password',
  application: 'clientCredentials',
  accessCode: 'authorizationCode',
}

function swagger2Scheme(raw: JsonObject): SecuritySchemeSpec | undefined {
  const type = stringOf(getOwn(raw, 'type'))
  let scheme: SecuritySchemeSpec
  if (type === 'basic') {
    scheme = { type: 'http', scheme: 'basic' }
  } else if (type === 'apiKey') {
    scheme = { type }
    copyString(raw, 'in', scheme)
    copyString(raw, 'name', scheme)
  } else if (type === 'oauth2') {
    scheme = { type, flows: swagger2Flows(raw) }
  } else {
    return undefined
  }
  copyString(raw, 'description', scheme)
  return scheme
}

function swagger2Flows(raw: JsonObject): Record<string, unknown> {
  const flowName = stringOf(getOwn(raw, 'flow'))
  const openApi3Name = flowName !== undefined && Object.hasOwn(SWAGGER2_FLOWS, flowName) ? SWAGGER2_FLOWS[flowName]! : flowName ?? 'unknown'
  const flow: JsonObject = {}
  const authorizationUrl = stringOf(getOwn(raw, 'authorizationUrl'))
  if (authorizationUrl !== undefined) flow['authorizationUrl'] = authorizationUrl
  flow['scopes'] = canonicalValue(isRecord(getOwn(raw, 'scopes')) ? getOwn(raw, 'scopes') : {}, 1)
  const tokenUrl = stringOf(getOwn(raw, 'tokenUrl'))
  if (tokenUrl !== undefined) flow['tokenUrl'] = tokenUrl
  const flows: Record<string, unknown> = {}
  setOwn(flows, openApi3Name, flow)
  return flows
}

function copyString(raw: JsonObject, field: 'scheme' | 'bearerFormat' | 'in' | 'name' | 'description' | 'openIdConnectUrl', target: SecuritySchemeSpec): void {
  const value = stringOf(getOwn(raw, field))
  if (value !== undefined) target[field] = value
}
