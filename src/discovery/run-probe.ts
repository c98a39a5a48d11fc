import { TimeoutError } from '../errors/errors.js'
import { inspectSourceText } from '../formats/detect-type.js'
import type { SourceType } from '../model/identity.js'
import { readBody } from '../loaders/read-body.js'
import { requestContext } from '../loaders/request-context.js'
import { fetchFollowingRedirects } from '../loaders/follow-redirects.js'
import { askGraphqlEndpoint, type GraphqlEndpointAnswer } from './ask-graphql-endpoint.js'
import type { SpecProbe } from './probe-table.js'
import type { Clock } from '../model/clock.js'
import { withTimeout } from '../runtime/load-once.js'

/** What every probe of one discovery shares. */
export interface ProbeContext {
  fetch: typeof fetch
  /** Headers for every request (the caller's, Basic auth from the base URL, Accept). */
  headers: Headers
  /** Budget of one probe, all its requests included. */
  timeoutMs: number
  /** The clock the budget runs on. */
  clock: Clock
  maxBytes: number
  /** Told of a GraphQL endpoint that answered the introspection probe with errors. */
  onRefused?: ((url: string, answer: Extract<GraphqlEndpointAnswer, { kind: 'refused' }>) => void) | undefined
}

/** A probe that found an API definition. */
export interface ProbeHit {
  type: SourceType
  /** The parsed document (`undefined` for GraphQL SDL, which is not JSON). */
  document: unknown
  /** The text as served, to tell identical documents apart from different ones. */
  text: string
  /** Headers of the response that carried the document. */
  headers: Headers
}

/**
 * Runs one probe: HEAD first (cheap, and an HTML page is skipped without downloading it), GET when
 * HEAD succeeded or is not supported (405, 501, or a failed request); for the GraphQL probe, a POST
 * of the smallest introspection query (an endpoint that answers with errors is told to
 * `context.onRefused`). Resolves `undefined` for a miss (any status other than 2xx,
 * a timeout on `context.clock`, a body that is no API definition). `signal` cancels
 * it (the discovery was cancelled).
 */
export async function runProbe(url: string, probe: SpecProbe, context: ProbeContext, signal: AbortSignal): Promise<ProbeHit | undefined> {
  try {
    return await withTimeout((signal) => probeOnce(url, probe, context, signal), {
      clock: context.clock,
      timeoutMs: context.timeoutMs,
      signal,
      timeoutError: () => new TimeoutError(`Probe of ${url} timed out`, context.timeoutMs),
    })
  } catch {
    return undefined
  }
}

async function probeOnce(url: string, probe: SpecProbe, context: ProbeContext, signal: AbortSignal): Promise<ProbeHit | undefined> {
  if (probe.kind === 'graphql') {
    const answer = await askGraphqlEndpoint(context.fetch, url, context.headers, signal)
    if (answer.kind === 'refused') context.onRefused?.(url, answer)
    return answer.kind === 'introspectable' ? classify(answer.text, answer.headers, probe) : undefined
  }
  const response = await headThenGet(url, context, signal)
  if (response === undefined) return undefined
  const { text } = await readBody(response, {
    signal,
    maxBytes: context.maxBytes,
    context: requestContext('discovery', 'GET', url),
  })
  return classify(text, response.headers, probe)
}

/** Sends a probe through the loader's redirect handling, so probe headers never follow a redirect to another origin. */
function send(context: ProbeContext, url: string, method: string, signal: AbortSignal, headers: Headers, body?: string): Promise<Response> {
  return fetchFollowingRedirects(context.fetch, { url, method, headers, body }, signal, requestContext('discovery', method, url))
}

async function headThenGet(url: string, context: ProbeContext, signal: AbortSignal): Promise<Response | undefined> {
  const head = await send(context, url, 'HEAD', signal, new Headers(context.headers)).catch((error: unknown) => {
    if (signal.aborted) throw error
    return undefined // some servers reset HEAD requests: try GET
  })
  if (head !== undefined) {
    void head.body?.cancel().catch(() => {})
    const headUnsupported = head.status === 405 || head.status === 501
    if (!headUnsupported && !head.ok) return undefined
    if (head.ok && isHtml(head.headers)) return undefined
  }
  return okOrUndefined(await send(context, url, 'GET', signal, new Headers(context.headers)))
}

function okOrUndefined(response: Response): Response | undefined {
  if (response.ok) return response
  void response.body?.cancel().catch(() => {})
  return undefined
}

function classify(text: string, headers: Headers, probe: SpecProbe): ProbeHit | undefined {
  const contentType = headers.get('content-type') ?? undefined
  if (isHtml(headers)) return undefined
  const { type, parsed: document } = inspectSourceText(text, contentType)
  if (type === undefined) return undefined
  // The GraphQL probe only counts when the server really answered the introspection query.
  if (probe.kind === 'graphql' && type !== 'graphql') return undefined
  return { type, document: type === 'graphql' && typeof document !== 'object' ? undefined : document, text, headers }
}

function isHtml(headers: Headers): boolean {
  return /text\/html/i.test(headers.get('content-type') ?? '')
}
