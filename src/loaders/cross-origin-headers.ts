/**
 * Request headers that carry nothing secret: the media types asked for, the body's type and the
 * validators of the last response. Every other header (the source's configured ones, `Authorization`
 * from URL credentials, a prepared request's extras) may be a credential.
 */
const NON_SECRET_HEADERS: ReadonlySet<string> = new Set(['accept', 'content-type', 'if-none-match', 'if-modified-since'])

/** True when `headers` hold anything that must not reach another origin. */
export function carriesSecrets(headers: Headers): boolean {
  for (const name of headers.keys()) {
    if (!NON_SECRET_HEADERS.has(name)) return true
  }
  return false
}

/**
 * The headers a request keeps when a redirect sends it to another origin: `Accept`, the conditional
 * headers of a GET or HEAD, and `Content-Type` when a body still goes with it (307/308), because the
 * body means nothing without it. Everything else is dropped: fetch itself only drops `Authorization`,
 * so a custom `X-Api-Key` would otherwise follow the redirect.
 */
export function crossOriginHeaders(headers: Headers, method: string, hasBody: boolean): Headers {
  const kept = new Headers()
  const copy = (name: string) => {
    const value = headers.get(name)
    if (value !== null) kept.set(name, value)
  }
  copy('accept')
  if (method === 'GET' || method === 'HEAD') {
    copy('if-none-match')
    copy('if-modified-since')
  }
  if (hasBody) copy('content-type')
  return kept
}
