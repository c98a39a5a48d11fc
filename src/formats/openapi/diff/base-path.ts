/**
 * The path part of a document's first server URL, without a trailing slash: `/api/v2` for
 * `https://example.com/api/v2/` or a Swagger 2.0 `basePath: /api/v2/`, `''` when there is none.
 * Every operation's URL starts with it, so it is part of the operation's full URL template.
 */
export function serverBasePath(servers: readonly string[]): string {
  const first = servers[0]
  if (first === undefined) return ''
  const path = first
    .replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, '')
    .replace(/[?#].*$/, '')
    .replace(/^\.?\/*/, '/')
    .replace(/\/+$/, '')
  return path
}
