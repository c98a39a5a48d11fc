import { NetworkError } from '../errors/errors.js'
import { crossOriginHeaders } from './cross-origin-headers.js'
import { redactUrl } from '../shared/redact.js'
import type { RequestContext } from './request-context.js'

/** One request of a redirect chain. */
export interface OutgoingRequest {
  /** Absolute URL, never with `user:password@` (fetch refuses those). */
  url: string
  /** Upper-case method. */
  method: string
  headers: Headers
  body?: string | undefined
}

/** The statuses fetch follows; 300, 304 and 305 are answers, not redirects. */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

/** Headers that describe a body, dropped with it (Fetch standard, "HTTP-redirect fetch" step 12). */
const BODY_HEADERS = ['content-type', 'content-encoding', 'content-language', 'content-location'] as const

/** True for the statuses that redirect (301, 302, 303, 307, 308). */
export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status)
}

/**
 * The request to send after `current` was answered with redirect `status` to `location`.
 * Method and body change as fetch changes them: 303 (from anything but GET/HEAD) and 301/302 after a
 * POST become a GET without body; 307 and 308 keep both. On the same origin the headers stay as they
 * are; on another origin only {@link crossOriginHeaders} go along. Because each hop starts from the
 * previous hop's headers, headers dropped once stay dropped, even if a later hop comes back.
 *
 * Throws a non-retryable `NetworkError` (asking again gets the same answer) for an unparsable
 * Location, a scheme other than http(s), or an https → http downgrade.
 */
export function redirectedRequest(
  current: OutgoingRequest,
  status: number,
  location: string,
  context: RequestContext,
): OutgoingRequest {
  const target = resolveLocation(location, current.url, context)
  const becomesGet =
    ((status === 301 || status === 302) && current.method === 'POST') ||
    (status === 303 && current.method !== 'GET' && current.method !== 'HEAD')
  const method = becomesGet ? 'GET' : current.method
  const body = becomesGet ? undefined : current.body
  let headers = new Headers(current.headers)
  if (becomesGet) for (const name of BODY_HEADERS) headers.delete(name)
  if (new URL(current.url).origin !== target.origin) headers = crossOriginHeaders(headers, method, body !== undefined)
  return { url: target.href, method, headers, body }
}

function resolveLocation(location: string, base: string, context: RequestContext): URL {
  let target: URL
  try {
    target = new URL(location, base)
  } catch {
    // The Location is not quoted: it is the server's text and may be anything.
    throw refusedRedirect(context, 'the server redirected to an invalid Location')
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw refusedRedirect(context, `the server redirected to a ${target.protocol} URL; only http and https redirects are followed`)
  }
  if (isHttpsDowngrade(base, target.href)) throw httpsDowngradeError(context, target.href)
  // Credentials come from the source config only, never from a server's Location.
  target.username = ''
  target.password = ''
  return target
}

/** True when `from` is https and `to` is plain http (both serialized URLs, so the scheme is lower case). */
export function isHttpsDowngrade(from: string, to: string): boolean {
  return from.startsWith('https:') && to.startsWith('http:')
}

/** The error for a redirect from https to http, which is never followed (nor its document used). */
export function httpsDowngradeError(context: RequestContext, targetUrl: string): NetworkError {
  return refusedRedirect(
    context,
    `the server redirected to ${redactUrl(targetUrl)}, an https → http downgrade, which api-live-sync refuses ` +
      '(the request and the document would travel unencrypted); point the source at an https URL that does not redirect to http',
  )
}

function refusedRedirect(context: RequestContext, reason: string): NetworkError {
  return new NetworkError(`${context.label}: ${reason}`, { sourceId: context.sourceId, retryable: false })
}
