import { NetworkError } from '../errors/errors.js'
import { carriesSecrets } from './cross-origin-headers.js'
import type { OutgoingRequest } from './redirect-request.js'
import { httpsDowngradeError, isHttpsDowngrade, isRedirectStatus, redirectedRequest } from './redirect-request.js'
import type { RequestContext } from './request-context.js'
import { discardBody, sendRequest } from './send-request.js'

/** Redirects followed before giving up: 11 requests in all. */
export const MAX_REDIRECTS = 10

/**
 * Sends `request` and follows its redirects without letting a secret leave the origin it was
 * configured for. A request with nothing secret (see `carriesSecrets`) lets fetch follow
 * (`redirect: 'follow'`), which also works in browsers. A request with secrets follows each redirect
 * itself (`redirect: 'manual'`), dropping them on the way to another origin, because fetch only drops
 * `Authorization` and would send a custom `X-Api-Key` anywhere. Either way an https → http redirect is
 * refused. Resolves with the final response, which may be any status (a 3xx without Location included).
 *
 * Throws what `sendRequest` throws, a retryable `NetworkError` after {@link MAX_REDIRECTS} redirects
 * (like fetch's own "redirect count exceeded": loops are often a passing misconfiguration), and
 * non-retryable `NetworkError`s for redirects it refuses. `beforeEachRequest` runs before the first
 * request and before each redirect is followed, and may throw to refuse it (redirects are then always
 * followed one by one).
 */
export async function fetchFollowingRedirects(
  fetchImpl: typeof fetch,
  request: OutgoingRequest,
  signal: AbortSignal,
  context: RequestContext,
  beforeEachRequest?: (url: string) => Promise<void>,
): Promise<Response> {
  // A check of every hop (the SSRF guard) needs to see each redirect before it is followed.
  if (!carriesSecrets(request.headers) && beforeEachRequest === undefined) return followByFetch(fetchImpl, request, signal, context)
  return followOneByOne(fetchImpl, request, signal, context, beforeEachRequest)
}

async function followByFetch(
  fetchImpl: typeof fetch,
  request: OutgoingRequest,
  signal: AbortSignal,
  context: RequestContext,
): Promise<Response> {
  const response = await sendRequest(fetchImpl, request.url, requestInit(request, signal, 'follow'), signal, context)
  // Nothing secret went out, but a document that came over plain http may have been tampered with.
  if (response.redirected && isHttpsDowngrade(request.url, response.url)) {
    discardBody(response)
    throw httpsDowngradeError(context, response.url)
  }
  return response
}

async function followOneByOne(
  fetchImpl: typeof fetch,
  first: OutgoingRequest,
  signal: AbortSignal,
  context: RequestContext,
  beforeEachRequest: ((url: string) => Promise<void>) | undefined,
): Promise<Response> {
  let request = first
  for (let redirects = 0; ; redirects++) {
    await beforeEachRequest?.(request.url)
    signal.throwIfAborted()
    const response = await sendRequest(fetchImpl, request.url, requestInit(request, signal, 'manual'), signal, context)
    // Browsers hide a manual redirect's status and Location: there is no way to know where it goes.
    if (response.type === 'opaqueredirect') throw browserRedirectError(context)
    const location = response.headers.get('location')
    if (!isRedirectStatus(response.status) || location === null) return response
    discardBody(response)
    if (redirects === MAX_REDIRECTS) {
      // Worded like fetch's own limit (see request-context.ts), so both ways read the same.
      throw new NetworkError(`${context.label}: the request failed (too many redirects)`, { sourceId: context.sourceId })
    }
    request = redirectedRequest(request, response.status, location, context)
  }
}

function requestInit(request: OutgoingRequest, signal: AbortSignal, redirect: RequestRedirect): RequestInit {
  const init: RequestInit = { method: request.method, headers: request.headers, signal, redirect }
  if (request.body !== undefined) init.body = request.body
  return init
}

function browserRedirectError(context: RequestContext): NetworkError {
  return new NetworkError(
    `${context.label}: the server redirected, and api-live-sync does not follow redirects in a browser for a source ` +
      'with headers or URL credentials (the browser hides where the redirect goes, so it cannot keep them from ' +
      'reaching another site); point the source at the final URL',
    { sourceId: context.sourceId, retryable: false },
  )
}
