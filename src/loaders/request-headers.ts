import { InvalidConfigError } from '../errors/errors.js'

/** JSON first, then the YAML media types servers use in the wild, then anything (some servers only serve `*\/*`). */
export const DEFAULT_ACCEPT =
  'application/json, application/yaml;q=0.9, application/x-yaml;q=0.9, text/yaml;q=0.9, */*;q=0.8'

/** What goes into the headers of one request. */
export interface RequestHeaderParts {
  sourceId: string
  /** The source config's `headers`. */
  configHeaders?: Readonly<Record<string, string>> | undefined
  /** Headers of a prepared request (e.g. `Content-Type` of a GraphQL POST); they win over the config's. */
  preparedHeaders?: Readonly<Record<string, string>> | undefined
  /** `Basic ...` from the URL's userinfo; used only when no `Authorization` header was given. */
  basicAuthorization?: string | undefined
  /** Sent as `If-None-Match`. */
  etag?: string | undefined
  /** Sent as `If-Modified-Since`. */
  lastModified?: string | undefined
}

/**
 * Builds the request headers. Each header is checked on its own so a bad one is reported by name only:
 * `Headers` quotes the offending value in its TypeError, and header values are secrets.
 */
export function buildRequestHeaders(parts: RequestHeaderParts): Headers {
  const headers = new Headers()
  setAll(headers, parts.configHeaders, parts.sourceId)
  setAll(headers, parts.preparedHeaders, parts.sourceId)
  if (parts.basicAuthorization !== undefined && !headers.has('authorization')) {
    headers.set('authorization', parts.basicAuthorization)
  }
  if (!headers.has('accept')) headers.set('accept', DEFAULT_ACCEPT)
  if (parts.etag !== undefined) setOne(headers, 'if-none-match', parts.etag, parts.sourceId)
  if (parts.lastModified !== undefined) setOne(headers, 'if-modified-since', parts.lastModified, parts.sourceId)
  return headers
}

function setAll(headers: Headers, values: Readonly<Record<string, string>> | undefined, sourceId: string): void {
  if (values === undefined) return
  for (const [name, value] of Object.entries(values)) setOne(headers, name, value, sourceId)
}

function setOne(headers: Headers, name: string, value: string, sourceId: string): void {
  try {
    headers.set(name, value)
  } catch {
    // The TypeError is not kept as `cause`: its message quotes the value.
    const path = `headers.${name}`
    const message = 'is not a valid HTTP header (bad name, or a value with line breaks or control characters)'
    throw new InvalidConfigError(`Invalid config for source "${sourceId}": ${path} ${message}`, [{ path, message }], {
      sourceId,
    })
  }
}
