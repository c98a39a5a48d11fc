/**
 * Names of headers and query parameters whose values are credentials. A collection is shared
 * widely and a snapshot is stored and logged, so their example values are left out.
 */
const SECRET_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])
const SECRET_PARTS = /token|secret|password|passwd|api[-_]?key|apikey|signature|session|credential/i

/** Whether a value sent under this name is a credential that must not be kept. */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase()) || SECRET_PARTS.test(name)
}
