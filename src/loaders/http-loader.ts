import type { LiveSourceConfig } from '../config/config.js'
import { HttpError, InvalidConfigError } from '../errors/errors.js'
import { fetchFollowingRedirects } from './follow-redirects.js'
import { assertPublicUrl, type HostResolver } from './network-guard.js'
import { readBody } from './read-body.js'
import type { OutgoingRequest } from './redirect-request.js'
import type { RequestContext } from './request-context.js'
import { requestContext } from './request-context.js'
import { buildRequestHeaders } from './request-headers.js'
import { formatRequests } from './format-request.js'
import { parseRetryAfter } from './retry-after.js'
import { discardBody } from './send-request.js'
import type { SpecFormat } from '../formats/types.js'
import type { LoadRequest, LoadResult, PreparedRequest, SourceLoader } from '../model/loader.js'
import { splitUrlCredentials } from './url-credentials.js'

/** Options of {@link createHttpLoader}. */
export interface HttpLoaderOptions {
  /** The `fetch` to use. @default globalThis.fetch, read at each call so test doubles installed later apply */
  readonly fetch?: typeof fetch | undefined
  /**
   * Formats whose `request` hook shapes the request of their sources (`SpecFormat.request`), added to
   * the built-in ones and replacing them by `type`, as the service's `formats` option does.
   * @default the built-in formats (the GraphQL format asks endpoints with the introspection POST)
   */
  readonly formats?: readonly SpecFormat[] | undefined
  /**
   * Chooses the request for a source, overriding the formats' requests; returning `undefined` means a plain `GET`.
   * @default the request of the source's format (see `formats`), else `GET`
   */
  readonly prepareRequest?: ((source: LiveSourceConfig) => PreparedRequest | undefined | Promise<PreparedRequest | undefined>) | undefined
  /**
   * Whether sources and their redirects may reach loopback, link-local, private or unspecified addresses.
   * Set `false` where users can add source URLs (the SSRF guard): such URLs are refused before any
   * connection. @default true (a dev server on localhost is the common source)
   */
  readonly allowPrivateNetworks?: boolean | undefined
  /**
   * Resolves host names for the guard of `allowPrivateNetworks: false` (`createNodeLoader` passes
   * `dns.lookup`). Without one, only literal IPs and `localhost` names are checked. @default none
   */
  readonly resolveHost?: HostResolver | undefined
}

/**
 * The default loader of `url` sources: one request per load (plus its redirects), with the source's
 * headers, conditional headers from the last good response (a 304 is `{ notModified: true }`), a
 * streamed and size-capped body read, and errors whose messages name the source and the redacted URL
 * but never a header value. Configured headers and URL credentials never follow a redirect to another
 * origin (see `fetchFollowingRedirects`). Works the same in Node and browsers, except that a browser
 * cannot follow a redirect for a source with headers or credentials: that fails with a clear error.
 *
 * Aborting `request.signal` rejects with `signal.reason` itself, so the service's timeouts and
 * cancellations keep their own error types.
 */
export function createHttpLoader(options: HttpLoaderOptions = {}): SourceLoader {
  const prepareRequest = options.prepareRequest ?? formatRequests(options.formats)
  return {
    async load(source: LiveSourceConfig, request: LoadRequest): Promise<LoadResult> {
      request.signal.throwIfAborted()
      const sourceUrl = requireUrl(source)
      const prepared = (await prepareRequest(source)) ?? { method: 'GET' }
      const method = prepared.method.toUpperCase()
      const context = requestContext(source.id, method, sourceUrl)
      const target = splitUrlCredentials(sourceUrl)
      const headers = buildRequestHeaders({
        sourceId: source.id,
        configHeaders: source.headers,
        preparedHeaders: prepared.headers,
        basicAuthorization: target.basicAuthorization,
        // RFC 9110 §13.1.2: a POST whose If-None-Match matches gets 412, not 304, so only safe methods ask.
        ...(isConditionalMethod(method) ? { etag: request.etag, lastModified: request.lastModified } : {}),
      })
      const outgoing: OutgoingRequest = { url: target.url, method, headers, body: prepared.body }
      const fetchImpl = options.fetch ?? globalThis.fetch
      const guard =
        options.allowPrivateNetworks === false ? (url: string) => assertPublicUrl(url, context, options.resolveHost) : undefined
      const response = await fetchFollowingRedirects(fetchImpl, outgoing, request.signal, context, guard)
      if (response.status === 304) {
        discardBody(response)
        if (request.etag === undefined && request.lastModified === undefined) throw unaskedNotModified(context)
        return { notModified: true }
      }
      if (!response.ok) throw httpError(response, context)
      const { text: content, bytes } = await readBody(response, {
        signal: request.signal,
        maxBytes: request.maxBytes,
        onProgress: request.onProgress,
        context,
      })
      return {
        content,
        bytes,
        contentType: headerOrUndefined(response, 'content-type'),
        etag: headerOrUndefined(response, 'etag'),
        lastModified: headerOrUndefined(response, 'last-modified'),
      }
    },
  }
}

function requireUrl(source: LiveSourceConfig): string {
  if (source.url !== undefined) return source.url
  const message = "filePath sources need `loader: createNodeLoader()` from 'api-live-sync/node' (this service's loader reads URLs only)"
  throw new InvalidConfigError(`Cannot load source "${source.id}": ${message}`, [{ path: 'filePath', message }], {
    sourceId: source.id,
  })
}

function isConditionalMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD'
}

function httpError(response: Response, context: RequestContext): HttpError {
  // Nothing in an error body is used: release the connection at once.
  discardBody(response)
  const statusText = response.statusText ? ` ${response.statusText}` : ''
  return new HttpError(`${context.label}: the server answered HTTP ${response.status}${statusText}`, response.status, {
    sourceId: context.sourceId,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
  })
}

/** A 304 to a request that sent no validators: there is nothing it could mean "unchanged" against. */
function unaskedNotModified(context: RequestContext): HttpError {
  return new HttpError(
    `${context.label}: the server answered HTTP 304 Not Modified to a request without If-None-Match or If-Modified-Since, so no document was received`,
    304,
    { sourceId: context.sourceId, retryable: false },
  )
}

function headerOrUndefined(response: Response, name: string): string | undefined {
  return response.headers.get(name) ?? undefined
}
