/** Stands in for every value we must not show. */
const HIDDEN = '***'

/**
 * A URL safe to put in messages, logs and errors: the userinfo (`user:password@`) is removed, every
 * query-string value becomes `***` (the names stay, they help debugging) and a fragment becomes `#***`
 * (OAuth-style flows put tokens there). Text that does not parse as a URL is redacted the same way by pattern.
 *
 * @example redactUrl('https://me:pw@api.example.com/spec?key=abc&v=2') // 'https://api.example.com/spec?key=***&v=***'
 */
export function redactUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return redactUnparsableUrl(url)
  }
  parsed.username = ''
  parsed.password = ''
  const search = parsed.search
  const hash = parsed.hash
  parsed.search = ''
  parsed.hash = ''
  const query = search.length > 1 ? `?${redactQuery(search.slice(1))}` : ''
  const fragment = hash.length > 1 ? `#${HIDDEN}` : ''
  return `${parsed.href}${query}${fragment}`
}

/** `a=1&b&c=` becomes `a=***&b&c=***`: a bare name carries no value to hide. */
function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      return equals === -1 ? pair : `${pair.slice(0, equals)}=${HIDDEN}`
    })
    .join('&')
}

/** Best effort for strings `URL` rejects, so even a malformed config value never leaks a secret. */
function redactUnparsableUrl(url: string): string {
  const hashAt = url.indexOf('#')
  const withoutFragment = hashAt === -1 ? url : `${url.slice(0, hashAt)}#${HIDDEN}`
  const withoutUserinfo = withoutFragment.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/?#]*@/i, '$1')
  const queryAt = withoutUserinfo.indexOf('?')
  if (queryAt === -1) return withoutUserinfo
  const fragmentAt = withoutUserinfo.indexOf('#', queryAt)
  const queryEnd = fragmentAt === -1 ? withoutUserinfo.length : fragmentAt
  return (
    withoutUserinfo.slice(0, queryAt + 1) +
    redactQuery(withoutUserinfo.slice(queryAt + 1, queryEnd)) +
    withoutUserinfo.slice(queryEnd)
  )
}
