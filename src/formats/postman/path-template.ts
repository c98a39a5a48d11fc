import { operationIdentity } from '../../shared/operation-identity.js'

/** An operation path in `{param}` form and the names of its parameters, in order. */
export interface PathTemplate {
  /** `/v1/customers/{customer}`; `/` for an empty path. */
  path: string
  /** Parameter names in path order (`['customer']`). */
  parameters: string[]
}

const COLLECTION_VARIABLE = /\{\{([^{}]*)\}\}/g
const TEMPLATE_PARAMETER = /\{([^{}]*)\}/g

/**
 * Writes Postman path segments as an OpenAPI-style template so operations compare across
 * formats: a `:id` segment (Postman path variable) and a `{{id}}` variable both become `{id}`.
 */
export function toPathTemplate(segments: readonly string[]): PathTemplate {
  const path = `/${segments.map(toTemplateSegment).join('/')}`
  return { path, parameters: pathParameterNames(path) }
}

/** Names of the `{param}` placeholders of a templated path, in order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(TEMPLATE_PARAMETER)].map((match) => match[1] ?? '')
}

function toTemplateSegment(segment: string): string {
  // Postman's path variables take the whole segment after the colon.
  if (segment.startsWith(':') && segment.length > 1) return `{${segment.slice(1)}}`
  return segment.replace(COLLECTION_VARIABLE, '{$1}')
}

/**
 * Method plus identity path (`GET /v1/customers/{}`): what requests that duplicate each other
 * share. The canonical identity of `shared/operation-identity.ts`, so a request and the OpenAPI
 * operation it calls compare alike (a trailing slash and parameter names ignored).
 */
export function baseIdentity(method: string, path: string): string {
  return operationIdentity(method, path)
}
