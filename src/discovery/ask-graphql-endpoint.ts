import { isRecord } from '../shared/json.js'
import { fetchFollowingRedirects } from '../loaders/follow-redirects.js'
import { readBody } from '../loaders/read-body.js'
import { requestContext } from '../loaders/request-context.js'
import { graphqlProbeRequest } from '../formats/graphql/introspection-request.js'

/** Error answers are short: a larger body is not a GraphQL error answer worth reading. */
const MAX_ANSWER_BYTES = 1024 * 1024

/** What a URL said to the smallest introspection query. */
export type GraphqlEndpointAnswer =
  /** A GraphQL endpoint that answers introspection. */
  | { kind: 'introspectable'; status: number; text: string; headers: Headers }
  /** A GraphQL endpoint that answered with errors instead (introspection disabled, authentication needed, ...). */
  | { kind: 'refused'; status: number; /** The server's first error message. */ message: string; introspectionDisabled: boolean }
  /** Something else answered (404, an HTML page, JSON of another kind). */
  | { kind: 'not-graphql'; status: number }

/**
 * POSTs the GraphQL format's smallest introspection query (`graphqlProbeRequest`) to `url` and tells a GraphQL endpoint from anything else, reading
 * the body of error statuses too: GraphQL servers answer a refused introspection with 400 (GraphQL
 * Yoga, Apollo Server: "GraphQL introspection is not allowed ...") or 200, always with `errors`.
 * Rejects as `fetch` does (network errors, `signal`'s reason).
 */
export async function askGraphqlEndpoint(
  fetchImpl: typeof fetch,
  url: string,
  baseHeaders: Headers,
  signal: AbortSignal,
  sourceId = 'discovery',
): Promise<GraphqlEndpointAnswer> {
  const probe = graphqlProbeRequest()
  const headers = new Headers(baseHeaders)
  for (const [name, value] of Object.entries(probe.headers)) headers.set(name, value)
  const context = requestContext(sourceId, probe.method, url)
  const response = await fetchFollowingRedirects(fetchImpl, { url, method: probe.method, headers, body: probe.body }, signal, context)
  const status = response.status
  if (/text\/html/i.test(response.headers.get('content-type') ?? '')) {
    void response.body?.cancel().catch(() => {})
    return { kind: 'not-graphql', status }
  }
  let text: string
  try {
    text = (await readBody(response, { signal, maxBytes: MAX_ANSWER_BYTES, context })).text
  } catch (error) {
    if (signal.aborted) throw error
    return { kind: 'not-graphql', status }
  }
  return classifyGraphqlAnswer(status, text, response.headers)
}

/** Reads a GraphQL server's answer to the probe query: data with `__schema`, or `errors`. */
export function classifyGraphqlAnswer(status: number, text: string, headers: Headers): GraphqlEndpointAnswer {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { kind: 'not-graphql', status }
  }
  if (!isRecord(value)) return { kind: 'not-graphql', status }
  if (status >= 200 && status < 300 && isRecord(value.data) && isRecord(value.data.__schema)) return { kind: 'introspectable', status, text, headers }
  const errors = value.errors
  if (!Array.isArray(errors) || errors.length === 0) return { kind: 'not-graphql', status }
  const messages = errors.map((error) => (isRecord(error) && typeof error.message === 'string' ? error.message : '')).filter((message) => message !== '')
  const message = messages[0] ?? 'no message'
  return { kind: 'refused', status, message, introspectionDisabled: messages.some((text) => /introspection/i.test(text)) }
}
