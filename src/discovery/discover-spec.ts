import { InvalidConfigError } from '../errors/errors.js'
import { canonicalJson, fastHash } from '../formats/hash.js'
import type { SourceType } from '../model/identity.js'
import { buildRequestHeaders } from '../loaders/request-headers.js'
import type { Clock } from '../model/clock.js'
import { systemClock } from '../runtime/clock.js'
import { redactUrl } from '../shared/redact.js'
import { splitUrlCredentials } from '../loaders/url-credentials.js'
import { guessFramework } from './guess-framework.js'
import { SPEC_PROBES, type SpecProbe } from './probe-table.js'
import { runProbe, type ProbeContext, type ProbeHit } from './run-probe.js'
import { summarizeDocument } from './summarize-document.js'

/** Options of {@link discoverSpec}. */
export interface DiscoverSpecOptions {
  /** The `fetch` to use. @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined
  /** Budget of each probe in ms (probes run in parallel). @default 3000 */
  readonly timeoutMs?: number | undefined
  /** The clock the probes' budget runs on (a test's fake clock). @default the platform's timers */
  readonly clock?: Clock | undefined
  /** Cancels the discovery; it then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** Headers sent with every probe (e.g. `Authorization`). Never shown in errors. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Largest document read, in bytes. @default 52428800 (50 MiB) */
  readonly maxBytes?: number | undefined
}

/** An API definition found by {@link discoverSpec}. */
export interface DiscoveredSpec {
  /** Where the document is served: use it as a source's `url` (credentials of the base URL kept). */
  url: string
  type: SourceType
  /** Spec version: `3.1.0`, `2.0`, or the Postman collection schema version; absent for GraphQL. */
  version?: string
  title?: string
  /** Operations in the document; absent when a quick look cannot tell (GraphQL). */
  operationCount?: number
  /** The framework that probably served it, guessed from the path and headers such as `Server` or `X-Powered-By`. */
  framework?: string
  /** 0 to 1: how sure the guess is that this is the API's main definition; results are sorted by it. */
  confidence: number
  /** Other probed URLs that served the same document. */
  alsoAt: string[]
}

const DEFAULT_TIMEOUT_MS = 3000
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024

/**
 * Finds the API definitions a server publishes by probing, in parallel, the locations where common
 * frameworks serve them (FastAPI, Spring, ASP.NET, NestJS, Express, Django, Flask, Rails, Laravel,
 * Go swag; see `SPEC_PROBES`) and a GraphQL endpoint at `/graphql`. A hit is a 2xx response whose
 * body is an OpenAPI, GraphQL or Postman document. The same document served at several URLs is
 * reported once (the others in `alsoAt`). Resolves `[]` when nothing is found. Browser-safe (subject
 * to the server's CORS policy).
 *
 * @example const [best] = await discoverSpec('http://127.0.0.1:8000') // { url: '.../openapi.json', framework: 'FastAPI', ... }
 */
export async function discoverSpec(baseUrl: string, options: DiscoverSpecOptions = {}): Promise<DiscoveredSpec[]> {
  return (await exploreServer(baseUrl, options)).specs
}

/** A GraphQL endpoint that answered the introspection probe with errors instead of a schema. */
export interface RefusedIntrospection {
  url: string
  status: number
  /** The server's first error message. */
  message: string
  /** The message says introspection is disabled (rather than, say, authentication missing). */
  introspectionDisabled: boolean
}

/** Everything one discovery learnt, for telling "nothing listens" from "nothing published there". */
export interface DiscoveryReport {
  /** What {@link discoverSpec} resolves. */
  specs: DiscoveredSpec[]
  /** Whether any probe got an HTTP answer (any status): false when nothing listens at the address. */
  reachable: boolean
  /** GraphQL endpoints that refused introspection. */
  refused: RefusedIntrospection[]
  /** Locations tried. */
  tried: number
}

/**
 * {@link discoverSpec}, plus what the misses say: whether the server answered at all, and which
 * GraphQL endpoints refused introspection. The URL given is tried first, as a document and as a
 * GraphQL endpoint, when it has a path; the framework locations are tried under its path and, for a
 * URL with a path, under the server's root too.
 */
export async function exploreServer(baseUrl: string, options: DiscoverSpecOptions = {}): Promise<DiscoveryReport> {
  options.signal?.throwIfAborted()
  const base = parseBaseUrl(baseUrl)
  const target = splitUrlCredentials(base.href)
  const fetchImpl = options.fetch ?? globalThis.fetch
  let reachable = false
  const refused: RefusedIntrospection[] = []
  const context: ProbeContext = {
    // Any response, whatever its status, shows that something listens.
    fetch: async (input, init) => {
      const response = await fetchImpl(input, init)
      reachable = true
      return response
    },
    headers: buildRequestHeaders({
      sourceId: redactUrl(baseUrl),
      configHeaders: options.headers,
      basicAuthorization: target.basicAuthorization,
    }),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    clock: options.clock ?? systemClock,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    onRefused: (url, answer) => refused.push({ url, status: answer.status, message: answer.message, introspectionDisabled: answer.introspectionDisabled }),
  }
  const probes = plannedProbes(baseUrl, base)
  // One listener on the caller's signal fans out to every probe (one listener per probe would trip
  // Node's "possible EventTarget memory leak" warning).
  const probeControllers = probes.map(() => new AbortController())
  const cancelProbes = () => probeControllers.forEach((controller) => controller.abort(options.signal?.reason))
  options.signal?.addEventListener('abort', cancelProbes, { once: true })
  try {
    const results = await Promise.all(
      probes.map(async ({ url, probe, given }, order) => {
        const hit = await runProbe(splitUrlCredentials(url).url, probe, context, probeControllers[order]!.signal)
        return hit === undefined ? undefined : toDiscovered(url, probe, hit, order, given)
      }),
    )
    options.signal?.throwIfAborted()
    const specs = collapseDuplicates(results.filter((result) => result !== undefined))
    const safeRefused = refused.map((entry) => ({ ...entry, url: probes.find((planned) => splitUrlCredentials(planned.url).url === entry.url)?.url ?? entry.url }))
    return { specs, reachable, refused: safeRefused, tried: probes.length }
  } finally {
    options.signal?.removeEventListener('abort', cancelProbes)
  }
}

interface PlannedProbe {
  /** Where (credentials of the base URL kept, as in the results). */
  url: string
  probe: SpecProbe
  /** The URL the caller gave, tried as it is. */
  given: boolean
}

/** The given URL first (when it names more than a server), then the framework locations under its path and under the root. */
function plannedProbes(baseUrl: string, base: URL): PlannedProbe[] {
  const planned: PlannedProbe[] = []
  const seen = new Set<string>()
  const add = (url: string, probe: SpecProbe, given: boolean) => {
    const key = `${probe.kind} ${url}`
    if (seen.has(key)) return
    seen.add(key)
    planned.push({ url, probe, given })
  }
  const given = new URL(baseUrl)
  given.hash = ''
  if (given.pathname !== '/' || given.search !== '') {
    add(given.href, { path: given.pathname, kind: 'document', frameworks: [] }, true)
    add(given.href, { path: given.pathname, kind: 'graphql', frameworks: [] }, true)
  }
  const root = new URL('/', base)
  for (const prefix of base.pathname === '/' ? [base] : [base, root]) {
    for (const probe of SPEC_PROBES) add(probeUrl(prefix, probe), probe, false)
  }
  return planned
}

interface RankedSpec {
  spec: DiscoveredSpec
  order: number
  documentKey: string
}

function toDiscovered(url: string, probe: SpecProbe, hit: ProbeHit, order: number, given: boolean): RankedSpec {
  const summary = summarizeDocument(hit.document, hit.type)
  const guess = guessFramework(probe, hit.headers, hit.document)
  const hasOperations = (summary.operationCount ?? 0) > 0 || hit.type === 'graphql'
  // Known framework layout, confirmed framework and a non-empty API each make the hit more likely the real one.
  // The URL the user gave is what they meant, whatever serves it.
  const confidence = given ? 1 : 0.5 + (probe.frameworks.length > 0 ? 0.2 : 0) + (guess.confirmed ? 0.2 : 0) + (hasOperations ? 0.1 : 0)
  const spec: DiscoveredSpec = { url, type: hit.type, confidence: Math.round(confidence * 100) / 100, alsoAt: [] }
  if (summary.specVersion !== undefined) spec.version = summary.specVersion
  if (summary.title !== undefined) spec.title = summary.title
  if (summary.operationCount !== undefined) spec.operationCount = summary.operationCount
  if (guess.framework !== undefined) spec.framework = guess.framework
  // JSON and YAML renderings of one document parse to the same value: key on that, not on the bytes.
  const documentKey = hit.document === undefined ? `text:${fastHash(hit.text)}` : `doc:${fastHash(canonicalJson(hit.document))}`
  return { spec, order, documentKey }
}

/** Best first; each document once, at its most confident URL. */
function collapseDuplicates(ranked: RankedSpec[]): DiscoveredSpec[] {
  ranked.sort(
    (a, b) =>
      b.spec.confidence - a.spec.confidence ||
      (b.spec.operationCount ?? 0) - (a.spec.operationCount ?? 0) ||
      a.order - b.order,
  )
  const byDocument = new Map<string, DiscoveredSpec>()
  for (const { spec, documentKey } of ranked) {
    const kept = byDocument.get(documentKey)
    if (kept === undefined) byDocument.set(documentKey, spec)
    else kept.alsoAt.push(spec.url)
  }
  return [...byDocument.values()]
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL | undefined
  try {
    url = new URL(baseUrl)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const message = 'must be an http or https URL'
    throw new InvalidConfigError(`Invalid base URL for discovery: baseUrl ${message}`, [{ path: 'baseUrl', message }])
  }
  url.search = ''
  url.hash = ''
  // The base's own path is a prefix: `http://host/app` probes `http://host/app/openapi.json`.
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`
  return url
}

function probeUrl(base: URL, probe: SpecProbe): string {
  return new URL(probe.path.slice(1), base).href
}
