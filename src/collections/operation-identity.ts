/**
 * Operation identity from an operation key: upper-case method plus the path with every path
 * parameter name dropped (`GET /users/{id}` and `GET /users/{userId}` are one operation), so the
 * merge matches requests by what they call, never by a name or a substring.
 */
export function operationIdentity(operationKey: string): string {
  const space = operationKey.indexOf(' ')
  const method = (space === -1 ? operationKey : operationKey.slice(0, space)).toUpperCase()
  const path = space === -1 ? '' : operationKey.slice(space + 1).trim()
  return `${method} ${identityPath(path)}`
}

/**
 * A path with its parameters written `{}`: `{id}`, a Postman `{{id}}` variable and a `:id` segment
 * all count as one parameter. A trailing slash is not significant.
 */
export function identityPath(path: string): string {
  const normalized = path
    .replace(/\{\{[^{}]*\}\}/g, '{}')
    .replace(/\{[^{}]*\}/g, '{}')
    .replace(/(^|\/):[^/]+/g, '$1{}')
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized
}
