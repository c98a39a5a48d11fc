import { descriptionText, isRecord, scalarText, stringOr } from './json-values.js'

/** A key/value row of a Postman list (query, path variables, headers). */
export interface KeyValueEntry {
  key: string
  value?: string
  disabled: boolean
  description?: string
}

/** The parts of a request URL that define the operation. */
export interface RequestUrl {
  /** Protocol and host as written (`{{baseUrl}}`, `https://files.stripe.com`), absent when the URL has none. */
  server?: string
  /** Path segments as written, empty segments dropped (`['v1', 'customers', ':customer']`). */
  segments: string[]
  query: KeyValueEntry[]
  /** `url.variable`: the declared path variables. */
  variables: KeyValueEntry[]
}

const PROTOCOL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

/**
 * Reads `request.url`, which is a string, or an object with `raw` and/or the structured parts
 * (`protocol`, `host`, `port`, `path`, `query`, `variable`). Structured parts win over `raw`
 * because Postman exporters (Stripe's among them) often leave `raw` out.
 */
export function readRequestUrl(url: unknown): RequestUrl {
  if (typeof url === 'string') return parseRawUrl(url)
  if (!isRecord(url)) return { segments: [], query: [], variables: [] }
  const raw = stringOr(url.raw)
  const fromRaw = raw === undefined ? undefined : parseRawUrl(raw)
  const structuredServer = serverOf(url)
  const server = structuredServer ?? fromRaw?.server
  const segments = url.path === undefined ? (fromRaw?.segments ?? []) : pathSegments(url.path)
  const query = Array.isArray(url.query) ? keyValueEntries(url.query) : (fromRaw?.query ?? [])
  const variables = Array.isArray(url.variable) ? keyValueEntries(url.variable, { idAsKey: true }) : []
  return { ...(server === undefined ? {} : { server }), segments, query, variables }
}

/**
 * Splits a raw URL the way Postman does: an optional protocol, then the first segment is the host
 * (so a leading `{{baseUrl}}` is the host and drops out of the path) unless the text starts with `/`.
 */
export function parseRawUrl(raw: string): RequestUrl {
  const withoutFragment = raw.split('#', 1)[0] ?? ''
  const queryStart = withoutFragment.indexOf('?')
  const beforeQuery = queryStart === -1 ? withoutFragment : withoutFragment.slice(0, queryStart)
  const queryText = queryStart === -1 ? '' : withoutFragment.slice(queryStart + 1)
  const protocol = PROTOCOL.exec(beforeQuery)?.[0] ?? ''
  const rest = beforeQuery.slice(protocol.length).trim()
  const hostEnd = hostLength(rest)
  const host = rest.slice(0, hostEnd)
  const server = host === '' ? undefined : protocol + host
  return {
    ...(server === undefined ? {} : { server }),
    segments: splitPath(rest.slice(hostEnd)),
    query: parseQueryString(queryText),
    variables: [],
  }
}

const LEADING_VARIABLES = /^(?:\{\{[^{}]*\}\})+/

/**
 * Length of the host at the start of `rest` (protocol removed). Base URL variables usually end
 * with a slash in their value, so `{{baseUrl}}v1/customers` is common: when variables are followed
 * by a first segment with no `.` or `:` (so not a host name or port), the path starts right after them.
 */
function hostLength(rest: string): number {
  if (rest.startsWith('/')) return 0
  const slash = rest.indexOf('/')
  const firstSegment = slash === -1 ? rest : rest.slice(0, slash)
  const variables = LEADING_VARIABLES.exec(firstSegment)?.[0]
  if (variables !== undefined && variables.length < firstSegment.length) {
    const glued = firstSegment.slice(variables.length)
    if (/^[A-Za-z0-9_~]/.test(glued) && !/[.:]/.test(glued)) return variables.length
  }
  return firstSegment.length
}

function serverOf(url: Record<string, unknown>): string | undefined {
  const host = Array.isArray(url.host) ? url.host.map((part) => scalarText(part) ?? '').join('.') : stringOr(url.host)
  if (host === undefined || host === '') return undefined
  const protocol = stringOr(url.protocol)
  const port = scalarText(url.port)
  return `${protocol ? `${protocol}://` : ''}${host}${port ? `:${port}` : ''}`
}

/** `path` is a string or a list of strings and `{ type, value }` segments. */
function pathSegments(path: unknown): string[] {
  if (typeof path === 'string') return splitPath(path)
  if (!Array.isArray(path)) return []
  const segments = path.map((segment) => (isRecord(segment) ? scalarText(segment.value) : scalarText(segment)) ?? '')
  // A segment may itself contain slashes (`"v1/customers"`); empty ones come from `//` and leading slashes.
  return splitPath(segments.join('/'))
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '')
}

function parseQueryString(text: string): KeyValueEntry[] {
  if (text === '') return []
  return text
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=')
      return equals === -1
        ? { key: pair, disabled: false }
        : { key: pair.slice(0, equals), value: pair.slice(equals + 1), disabled: false }
    })
}

/**
 * Reads a Postman key/value list, skipping rows without a key. Variables (`idAsKey`) may be named
 * by `id` alone, as collection v2.0 defines a variable's id as its name.
 */
export function keyValueEntries(rows: readonly unknown[], options: { idAsKey?: boolean } = {}): KeyValueEntry[] {
  const entries: KeyValueEntry[] = []
  for (const row of rows) {
    if (!isRecord(row)) continue
    const key = scalarText(row.key) ?? (options.idAsKey ? scalarText(row.id) : undefined)
    if (key === undefined || key === '') continue
    const value = scalarText(row.value)
    const description = descriptionText(row.description)
    entries.push({
      key,
      ...(value === undefined ? {} : { value }),
      disabled: row.disabled === true,
      ...(description === undefined ? {} : { description }),
    })
  }
  return entries
}
