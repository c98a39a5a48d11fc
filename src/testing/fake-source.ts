import type { LiveSourceConfig } from '../config/config.js'
import { CancelledError, InvalidConfigError, LiveSyncError } from '../errors/errors.js'
import { requestContext } from '../loaders/request-context.js'
import type { LoadRequest, LoadResult, SourceLoader } from '../model/loader.js'
import { sleep } from '../runtime/abort.js'
import { systemClock } from '../runtime/clock.js'
import { type Clock } from '../model/clock.js'
import { failureError, tooLargeError, type FailureContext, type FakeFailure } from './failures.js'

/** A document to serve: an object is sent as JSON; a string is sent as is (JSON, YAML, GraphQL SDL...). */
export type FakeDocument = string | object

/** Response headers of a served document. */
export interface ServeOptions {
  /** @default `application/json` for an object, none for a string (the service then reads the text itself) */
  readonly contentType?: string | undefined
  /** Sent as `ETag`; a request whose `If-None-Match` matches it gets a 304, like from a real server. */
  readonly etag?: string | undefined
  /** Sent as `Last-Modified`; a request whose `If-Modified-Since` equals it gets a 304. */
  readonly lastModified?: string | undefined
}

/** One request a fake source received, in arrival order. */
export interface FakeRequest {
  /** The source's URL or file path, as the fake source keys it. */
  readonly location: string
  readonly sourceId: string
  /** 1 for a sync's first attempt, 2 for its first retry...; `undefined` when `load` was called without one. */
  readonly attempt: number | undefined
  /** The conditional headers the request carried (the validators of the last good response). */
  readonly ifNoneMatch: string | undefined
  readonly ifModifiedSince: string | undefined
  /** When it arrived, in ms of the clock the request came with (the service's clock). */
  readonly at: number
}

/** A request held by `hang()`: nothing is answered until `release()` (or the request is aborted). */
export interface HeldRequest {
  /** Resolves when a request reaches the hang: a gate for "while the request is in flight". */
  readonly reached: Promise<FakeRequest>
  /** Lets the held request go on: it gets the document served at that moment. Calling it early lets the request through at once. */
  release(): void
}

/** Options of {@link createFakeSource}. */
export interface FakeSourceOptions {
  /**
   * Drives `delay` when a request comes without a clock (`load` called directly). Requests from a
   * `LiveSyncService` carry the service's own clock, which always wins.
   * @default the global timers (so vitest or jest fake timers drive it)
   */
  readonly clock?: Clock | undefined
}

/** Options of `fail` and `notModified`. */
export interface TimesOptions {
  /** How many requests in a row get this answer; `Infinity` until `recover()`. @default 1 */
  readonly times?: number | undefined
}

/**
 * A `SourceLoader` that serves scripted documents, keyed by each source's `url` or `filePath`, and
 * misbehaves on demand. Each location has a document (`serve`), a latency (`delay`) and a queue of
 * one-off answers (`fail`, `notModified`, `hang`) that requests take in order before the document.
 */
export interface FakeSource extends SourceLoader {
  /** Serves `document` at `location` from now on (a later call replaces it). */
  serve(location: string, document: FakeDocument, options?: ServeOptions): this
  /** The next `times` requests to `location` fail with `failure` (a ready-made one from `failures`, or any error). */
  fail(location: string, failure: FakeFailure | Error, options?: TimesOptions): this
  /** The next `times` requests to `location` get `304 Not Modified`. */
  notModified(location: string, options?: TimesOptions): this
  /** Every answer from `location` takes `ms` on the service's clock (0 to stop). */
  delay(location: string, ms: number): this
  /** The next request to `location` is held until `release()` or until its signal aborts. */
  hang(location: string): HeldRequest
  /** Drops the answers still queued for `location` (failures, 304s, hangs not yet reached): it serves its document again. */
  recover(location: string): this
  /** Every request received, in order. */
  readonly requests: readonly FakeRequest[]
  /** The requests received for one location, in order. */
  requestsTo(location: string): FakeRequest[]
}

interface Served {
  readonly text: string
  readonly contentType: string | undefined
  readonly etag: string | undefined
  readonly lastModified: string | undefined
}

type Answer =
  | { readonly kind: 'fail'; readonly failure: FakeFailure | Error }
  | { readonly kind: 'notModified' }
  | { readonly kind: 'hang'; readonly held: Held }

interface Held {
  released: boolean
  wake: (() => void) | undefined
  arrive(request: FakeRequest): void
}

interface LocationState {
  served: Served | undefined
  delayMs: number
  readonly queue: Array<{ answer: Answer; remaining: number }>
}

const encoder = new TextEncoder()

/**
 * A fake source for tests: pass it as the service's `loader`.
 *
 * @example
 * const source = createFakeSource().serve('https://api.test/openapi.json', openapi({ 'GET /pets': {} }))
 * const service = new LiveSyncService({ loader: source })
 * source.fail('https://api.test/openapi.json', failures.httpStatus(503, { retryAfter: 2 }), { times: 2 })
 */
export function createFakeSource(options: FakeSourceOptions = {}): FakeSource {
  const locations = new Map<string, LocationState>()
  const requests: FakeRequest[] = []

  const stateOf = (location: string, caller: string): LocationState => {
    const key = locationKey(location, caller)
    let state = locations.get(key)
    if (state === undefined) {
      state = { served: undefined, delayMs: 0, queue: [] }
      locations.set(key, state)
    }
    return state
  }
  const enqueue = (location: string, caller: string, answer: Answer, times: number): void => {
    stateOf(location, caller).queue.push({ answer, remaining: checkTimes(times, caller) })
  }

  const fake: FakeSource = {
    requests,
    requestsTo(location) {
      const key = locationKey(location, 'requestsTo')
      return requests.filter((request) => request.location === key)
    },
    serve(location, document, serveOptions = {}) {
      stateOf(location, 'serve').served = servedOf(document, serveOptions)
      return fake
    },
    fail(location, failure, timesOptions = {}) {
      enqueue(location, 'fail', { kind: 'fail', failure }, timesOptions.times ?? 1)
      return fake
    },
    notModified(location, timesOptions = {}) {
      enqueue(location, 'notModified', { kind: 'notModified' }, timesOptions.times ?? 1)
      return fake
    },
    delay(location, ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`delay("${location}"): ms must be a finite number >= 0, got ${ms}`)
      stateOf(location, 'delay').delayMs = ms
      return fake
    },
    hang(location) {
      let arrive!: (request: FakeRequest) => void
      const reached = new Promise<FakeRequest>((resolve) => (arrive = resolve))
      const held: Held = { released: false, wake: undefined, arrive }
      enqueue(location, 'hang', { kind: 'hang', held }, 1)
      return {
        reached,
        release() {
          held.released = true
          held.wake?.()
        },
      }
    },
    recover(location) {
      stateOf(location, 'recover').queue.length = 0
      return fake
    },
    async load(source: LiveSourceConfig, request: LoadRequest): Promise<LoadResult> {
      const clock = request.clock ?? options.clock ?? systemClock
      const location = sourceLocation(source)
      const state = locations.get(location)
      if (state === undefined) throw unknownLocation(source, location, [...locations.keys()])
      const received: FakeRequest = {
        location,
        sourceId: source.id,
        attempt: request.attempt,
        ifNoneMatch: request.etag,
        ifModifiedSince: request.lastModified,
        at: clock.now(),
      }
      requests.push(received)
      const { signal } = request
      try {
        signal.throwIfAborted()
        const answer = takeAnswer(state)
        if (answer?.kind === 'hang') await holdUntilReleased(answer.held, received, signal)
        if (state.delayMs > 0) await sleep(clock, state.delayMs, signal)
        const context: FailureContext = {
          sourceId: source.id,
          label: labelOf(source, location),
          timeoutMs: source.timeout,
          maxBytes: request.maxBytes,
          nowMs: clock.now(),
        }
        if (answer?.kind === 'notModified') return { notModified: true }
        if (answer?.kind === 'fail') {
          const { failure } = answer
          if (failure instanceof Error) throw failure
          if (failure.kind === 'invalidDocument') return respond({ text: failure.body, contentType: undefined, etag: undefined, lastModified: undefined }, request, context)
          throw failureError(failure, context)
        }
        // The document is read after any hang or delay: a change served meanwhile is what the request gets.
        const served = state.served
        if (served === undefined) throw nothingServed(source, location)
        if (isNotModified(served, request)) return { notModified: true }
        return respond(served, request, context)
      } catch (error) {
        throw signal.aborted ? cancellation(signal.reason, source) : error
      }
    },
  }
  return fake
}

function respond(served: Served, request: LoadRequest, context: FailureContext): LoadResult {
  const bytes = encoder.encode(served.text)
  if (bytes.byteLength > request.maxBytes) throw tooLargeError(context)
  request.onProgress?.({ loadedBytes: bytes.byteLength, totalBytes: bytes.byteLength })
  return { content: served.text, bytes, contentType: served.contentType, etag: served.etag, lastModified: served.lastModified }
}

/** Takes the answer at the head of the queue, counting down its `times`. */
function takeAnswer(state: LocationState): Answer | undefined {
  const head = state.queue[0]
  if (head === undefined) return undefined
  head.remaining--
  if (head.remaining <= 0) state.queue.shift()
  return head.answer
}

function holdUntilReleased(held: Held, request: FakeRequest, signal: AbortSignal): Promise<void> {
  held.arrive(request)
  if (held.released) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    held.wake = () => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }
  })
}

/** Like a server: validators that match the served document's mean it has not changed. */
function isNotModified(served: Served, request: LoadRequest): boolean {
  if (request.etag !== undefined && served.etag !== undefined) return request.etag === served.etag
  return request.lastModified !== undefined && served.lastModified !== undefined && request.lastModified === served.lastModified
}

/** The service aborts with its own typed reason (cancelled, timed out): keep it; any other reason becomes `CancelledError`. */
function cancellation(reason: unknown, source: LiveSourceConfig): LiveSyncError {
  if (reason instanceof LiveSyncError) return reason
  return new CancelledError(`Source "${source.id}": the load was aborted`, { sourceId: source.id, cause: reason })
}

function servedOf(document: FakeDocument, options: ServeOptions): Served {
  const isText = typeof document === 'string'
  if (!isText && (typeof document !== 'object' || document === null)) {
    throw new TypeError(`serve: the document must be an object (sent as JSON) or a string, got ${document === null ? 'null' : typeof document}`)
  }
  return {
    text: isText ? document : JSON.stringify(document),
    contentType: options.contentType ?? (isText ? undefined : 'application/json'),
    etag: options.etag,
    lastModified: options.lastModified,
  }
}

/** URLs are compared in their normalized form (`https://API.test` is `https://api.test/`); paths as written. */
function locationKey(location: string, caller: string): string {
  if (typeof location !== 'string' || location === '') throw new TypeError(`${caller}: the location must be a source's url or filePath, got ${JSON.stringify(location)}`)
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(location)) return location
  try {
    return new URL(location).href
  } catch {
    return location
  }
}

function sourceLocation(source: LiveSourceConfig): string {
  return locationKey(source.url ?? source.filePath ?? '', 'load')
}

function labelOf(source: LiveSourceConfig, location: string): string {
  return source.url === undefined ? `Source "${source.id}" (${location})` : requestContext(source.id, 'GET', location).label
}

function checkTimes(times: number, caller: string): number {
  if (times === Infinity || (Number.isInteger(times) && times >= 1)) return times
  throw new RangeError(`${caller}: times must be a whole number >= 1 or Infinity, got ${times}`)
}

/** Not retried: a test that forgot to serve a location wants to hear it at once, by name. */
function unknownLocation(source: LiveSourceConfig, location: string, known: string[]): InvalidConfigError {
  const servedList = known.length === 0 ? 'nothing is set up yet' : `set up: ${known.map((key) => `"${key}"`).join(', ')}`
  const message = `fake source: nothing is set up at "${location}" (source "${source.id}"); call serve("${location}", document) first (${servedList})`
  return new InvalidConfigError(message, [{ path: source.url === undefined ? 'filePath' : 'url', message }], { sourceId: source.id })
}

function nothingServed(source: LiveSourceConfig, location: string): InvalidConfigError {
  const message = `fake source: "${location}" (source "${source.id}") has no document: call serve("${location}", document) before its answers run out`
  return new InvalidConfigError(message, [{ path: source.url === undefined ? 'filePath' : 'url', message }], { sourceId: source.id })
}
