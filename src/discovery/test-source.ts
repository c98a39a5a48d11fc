import { parseSourceConfig, type LiveSourceConfig } from '../config/config.js'
import { InvalidSpecError, type LiveSyncError, isHttpError } from '../errors/errors.js'
import { defaultFormats } from '../formats/default-formats.js'
import { inspectSourceText } from '../formats/detect-type.js'
import { FormatRegistry } from '../formats/format-registry.js'
import { snapshotOf } from '../formats/snapshot-of.js'
import type { SourceType } from '../model/identity.js'
import type { SpecFormat } from '../formats/types.js'
import { createHttpLoader } from '../loaders/http-loader.js'
import type { LoadResult, SourceLoader } from '../model/loader.js'
import type { Clock } from '../model/clock.js'
import { systemClock } from '../runtime/clock.js'
import { loadOnce } from '../runtime/load-once.js'
import { HTML_HINT, asLiveSyncError, currentPageOrigin, detectBrowser, hintFor, wrongTypeHint } from './source-hints.js'

/** Options of {@link testSource}. */
export interface TestSourceOptions {
  /** `fetch` of the default HTTP loader. @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined
  /** Replaces the default HTTP loader (pass `createNodeLoader()` from `api-live-sync/node` to test file sources). */
  readonly loader?: SourceLoader | undefined
  /** Budget of the load in ms (the source's own `timeout` wins). @default 10000 */
  readonly timeoutMs?: number | undefined
  /** Largest document accepted, in bytes. @default 52428800 (50 MiB) */
  readonly maxBytes?: number | undefined
  /** Extra or replacement formats, by type (as in the service options). */
  readonly formats?: readonly SpecFormat[] | undefined
  /** Cancels the test; it then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** The clock the timeout and `durationMs` run on (a test's fake clock). @default the platform's timers and `Date.now` */
  readonly clock?: Clock | undefined
  /** Whether this runs in a browser page (words the CORS hint). @default detected from `window` / `document` */
  readonly isBrowser?: boolean | undefined
  /** The page's origin, to tell cross-origin URLs. @default `location.origin` when there is one */
  readonly pageOrigin?: string | undefined
}

/** What one trial load of a source found. */
export interface SourceTestReport {
  /** True when the server answered (any HTTP status) or the file was read. */
  reachable: boolean
  /** Status of the HTTP response, when the default HTTP loader made the request. */
  httpStatus?: number
  contentType?: string
  /** What the content looks like, whatever the config's `type` says. */
  detectedType?: SourceType
  specVersion?: string
  title?: string
  operationCount?: number
  durationMs: number
  /** Why the source cannot be synced as configured. */
  error?: LiveSyncError
  /** What to try next, for people. */
  hint?: string
}

const TYPE_NAMES: Record<SourceType, string> = {
  openapi: 'an OpenAPI document',
  graphql: 'a GraphQL schema',
  postman: 'a Postman collection',
}

const DEFAULT_TIMEOUT_MS = 10_000
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024

/**
 * Loads and parses a source once, without registering it anywhere: the "test connection" button of
 * a settings screen. The config is validated first (`INVALID_CONFIG` in the report). Never rejects
 * for a bad source, only when `options.signal` aborts. Browser-safe.
 *
 * @example const report = await testSource({ id: 'pets', name: 'Pets', type: 'openapi', url, refreshInterval: 0 })
 */
export async function testSource(input: unknown, options: TestSourceOptions = {}): Promise<SourceTestReport> {
  options.signal?.throwIfAborted()
  const clock = options.clock ?? systemClock
  const startedAt = clock.now()
  const report: SourceTestReport = { reachable: false, durationMs: 0 }
  const observed: { status?: number } = {}
  let config: LiveSourceConfig | undefined
  try {
    config = parseSourceConfig(input)
    const loaded = await loadSource(config, options, clock, observed)
    report.reachable = true
    if (loaded.contentType !== undefined) report.contentType = loaded.contentType
    await inspectContent(loaded.content, loaded.contentType, config, options, report)
  } catch (thrown) {
    if (options.signal?.aborted) throw options.signal.reason
    const error = asLiveSyncError(thrown, config?.id ?? '(invalid config)')
    report.error = error
    if (isHttpError(error)) report.reachable = true
    const hint = report.hint ?? (config === undefined ? undefined : hintFor(error, config, environment(options)))
    if (hint !== undefined) report.hint = hint
  }
  if (observed.status !== undefined) report.httpStatus = observed.status
  report.durationMs = clock.now() - startedAt
  return report
}

async function loadSource(
  config: LiveSourceConfig,
  options: TestSourceOptions,
  clock: Clock,
  observed: { status?: number },
): Promise<Extract<LoadResult, { content: string }>> {
  const loader = options.loader ?? createHttpLoader({ fetch: recordingFetch(options.fetch, observed), formats: options.formats })
  const loaded = await loadOnce(config, {
    loader,
    clock,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: options.signal,
    request: { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES },
  })
  // No validators were sent, so a loader answering "not modified" is broken.
  if (loaded.notModified === true) throw new InvalidSpecError(`Source "${config.id}": the loader answered "not modified" to a first request`, { sourceId: config.id })
  return loaded
}

/** Detects the content's type, checks it against the config, and normalizes it with the config's format. */
async function inspectContent(
  content: string,
  contentType: string | undefined,
  config: LiveSourceConfig,
  options: TestSourceOptions,
  report: SourceTestReport,
): Promise<void> {
  const { type: detected, parsed } = inspectSourceText(content, contentType)
  if (detected !== undefined) report.detectedType = detected
  if (detected === undefined && (/text\/html/i.test(contentType ?? '') || /^\s*</.test(content))) {
    report.hint = HTML_HINT
    throw new InvalidSpecError(`Source "${config.id}" serves an HTML page, not an API definition`, { sourceId: config.id })
  }
  if (detected !== undefined && detected !== config.type) {
    report.hint = wrongTypeHint(detected)
    throw new InvalidSpecError(`Source "${config.id}" serves ${TYPE_NAMES[detected]}, but its type is '${config.type}'`, { sourceId: config.id })
  }
  const formats = new FormatRegistry([...defaultFormats(), ...(options.formats ?? [])])
  const snapshot = await snapshotOf(formats.get(config.type, config.id), content, { sourceId: config.id, contentType, ...(parsed === undefined ? {} : { parsed }) })
  report.specVersion = snapshot.specVersion
  report.title = snapshot.title
  report.operationCount = snapshot.operations.length
}

/** Wraps `fetch` to note the status of the response, which the HTTP loader does not return. */
function recordingFetch(fetchImpl: typeof fetch | undefined, observed: { status?: number }): typeof fetch {
  return async (input, init) => {
    const response = await (fetchImpl ?? globalThis.fetch)(input, init)
    observed.status = response.status
    return response
  }
}

function environment(options: TestSourceOptions) {
  return { isBrowser: options.isBrowser ?? detectBrowser(), pageOrigin: options.pageOrigin ?? currentPageOrigin() }
}
