import { descriptionText, isRecord, scalarText, stringOr } from './json-values.js'

/** A key/value row of a Postman list (query, path variables, headers). */
export interface KeyValueEntry {
  key: string
  value?: string
  disabled: boolean
  description?: string
}

/** A Postman request URL, read once for the diff and for `fromPostmanCollection` (see {@link readRequestUrl}). */
export interface RequestUrl {
  /** Protocol, host and port as written (`{{baseUrl}}`, `https://files.stripe.com`), absent when the URL has none. */
  server?: string
  /**
   * The path as written after the server, empty segments and a trailing slash kept (`/v1/customers/`,
   * or `v1/customers` glued to a `{{baseUrl}}` whose value ends with a slash); `''` when there is none.
   */
  path: string
  /** Path segments as written, empty segments dropped (`['v1', 'customers', ':customer']`). */
  segments: string[]
  query: KeyValueEntry[]
  /** `url.variable`: the declared path variables. */
  variables: KeyValueEntry[]
  /** The fragment, without `#`, when the URL has one. */
  hash?: string
}

const PROTOCOL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

/**
 * Reads `request.url`, which is a string, or an object with `raw` and/or the structured parts
 * (`protocol`, `host`, `port`, `path`, `query`, `variable`, `hash`). The one reader of a Postman
 * request URL: the diff keys operations with it and `fromPostmanCollection` reads requests with it
 * (issue 10 defect 3), so both see the same URL.
 *
 * Each structured part wins over `raw`, which only fills in the parts that are missing: Postman's
 * app and its SDK (`postman-collection`'s `Url`) build the URL from the structured parts and
 * regenerate `raw` from them, so a stale `raw` is not what Postman sends; and exporters (Stripe's
 * among them) often leave `raw` out.
 */
export function readRequestUrl(url: unknown, options: RowOptions = {}): RequestUrl {
  if (typeof url === 'string') return parseRawUrl(url, options)
  if (!isRecord(url)) return { path: '', segments: [], query: [], variables: [] }
  const raw = stringOr(url.raw)
  const fromRaw = raw === undefined ? undefined : parseRawUrl(raw, options)
  const structuredServer = serverOf(url)
  const server = structuredServer ?? fromRaw?.server
  const structuredPath = url.path === undefined ? undefined : writtenPath(url.path)
  const path = structuredPath ?? fromRaw?.path ?? ''
  const segments = structuredPath === undefined ? (fromRaw?.segments ?? []) : splitPath(structuredPath)
  const query = Array.isArray(url.query) ? keyValueEntries(url.query, options) : (fromRaw?.query ?? [])
  const variables = Array.isArray(url.variable) ? keyValueEntries(url.variable, { ...options, idAsKey: true }) : []
  // The query rows and the fragment are read from raw's tail together: with query rows, a `#` in raw is a row's text.
  const hash = stringOr(url.hash) ?? (Array.isArray(url.query) ? undefined : fromRaw?.hash)
  return { ...(server === undefined ? {} : { server }), path, segments, query, variables, ...(hash ? { hash } : {}) }
}

/**
 * Splits a raw URL the way Postman does: an optional protocol, then the first segment is the host
 * (so a leading `{{baseUrl}}` is the host and drops out of the path) unless the text starts with `/`.
 */
export function parseRawUrl(raw: string, options: RowOptions = {}): RequestUrl {
  const fragmentStart = raw.indexOf('#')
  const withoutFragment = fragmentStart === -1 ? raw : raw.slice(0, fragmentStart)
  const hash = fragmentStart === -1 ? '' : raw.slice(fragmentStart + 1)
  const queryStart = withoutFragment.indexOf('?')
  const beforeQuery = queryStart === -1 ? withoutFragment : withoutFragment.slice(0, queryStart)
  const queryText = queryStart === -1 ? '' : withoutFragment.slice(queryStart + 1)
  const protocol = PROTOCOL.exec(beforeQuery)?.[0] ?? ''
  const rest = beforeQuery.slice(protocol.length).trim()
  const hostEnd = hostLength(rest)
  const host = rest.slice(0, hostEnd)
  const server = host === '' ? undefined : protocol + host
  const path = rest.slice(hostEnd)
  return {
    ...(server === undefined ? {} : { server }),
    path,
    segments: splitPath(path),
    query: parseQueryString(queryText, options),
    variables: [],
    ...(hash === '' ? {} : { hash }),
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

/**
 * The structured `path` (a string, or a list of strings and `{ type, value }` segments) as written:
 * `/` and the segments joined with `/` (a segment may itself contain slashes, `"v1/customers"`; an
 * empty one is a `//`), or `''` when there is none (`[""]` is the root path `/`).
 */
function writtenPath(path: unknown): string {
  if (typeof path === 'string') return path === '' ? '' : `/${path.replace(/^\//, '')}`
  if (!Array.isArray(path) || path.length === 0) return ''
  return `/${path.map((segment) => (isRecord(segment) ? scalarText(segment.value) : scalarText(segment)) ?? '').join('/')}`
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '')
}

function parseQueryString(text: string, options: RowOptions): KeyValueEntry[] {
  if (text === '') return []
  return text
    .split('&')
    .filter((pair) => options.asWritten === true || pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=')
      return equals === -1
        ? { key: pair, disabled: false }
        : { key: pair.slice(0, equals), value: pair.slice(equals + 1), disabled: false }
    })
}

/** How rows of query and header lists are read. */
export interface RowOptions {
  /**
   * Every row as written, keyless rows and blank descriptions kept: what a reader that writes the
   * collection back needs (`fromPostmanCollection`). @default false: rows that name nothing are skipped
   */
  asWritten?: boolean
}

/**
 * Reads a Postman key/value list, skipping rows without a key (unless `asWritten`). Variables
 * (`idAsKey`) may be named by `id` alone, as collection v2.0 defines a variable's id as its name.
 */
export function keyValueEntries(rows: readonly unknown[], options: RowOptions & { idAsKey?: boolean } = {}): KeyValueEntry[] {
  const entries: KeyValueEntry[] = []
  for (const row of rows) {
    if (!isRecord(row)) continue
    const key = scalarText(row.key) ?? (options.idAsKey ? scalarText(row.id) : undefined) ?? (options.asWritten ? '' : undefined)
    if (key === undefined || (key === '' && options.asWritten !== true)) continue
    const value = scalarText(row.value)
    const description = options.asWritten ? writtenDescription(row.description) : descriptionText(row.description)
    entries.push({
      key,
      ...(value === undefined ? {} : { value }),
      disabled: row.disabled === true,
      ...(description === undefined ? {} : { description }),
    })
  }
  return entries
}

function writtenDescription(value: unknown): string | undefined {
  return isRecord(value) ? stringOr(value.content) : stringOr(value)
}
