import type { ApiSnapshot } from '../../src/model/snapshot.js'
import { startTestServer, type RecordedRequest, type TestServer } from './http-server.js'

/**
 * A local stand-in for an API: one route per operation (method plus path template under the path
 * of the operation's server), so a test can run a generated collection in a real client and see
 * which requests would reach no operation. A template parameter matches one non-empty segment (or
 * the part of one) that is not a placeholder left unfilled: `:id`, `{id}`, `%7Bid%7D`, `{{id}}`.
 */
export interface RouteServer extends TestServer {
  /** Requests that matched no route, oldest first. */
  unrouted(): RecordedRequest[]
  /**
   * Collection variables pointing at the API's servers, re-pointed at this server (same paths);
   * base URL variables the spec left empty or relative point here too.
   */
  baseUrlValues(variables: Record<string, string>): Record<string, string>
}

interface Route {
  method: string
  pattern: RegExp
  parameters: number
}

/** What an unfilled placeholder looks like once a client has sent it. */
const PLACEHOLDER = /^:|[{}]|%7B|%7D/i

export async function startRouteServer(snapshot: ApiSnapshot): Promise<RouteServer> {
  const routes = snapshot.operations.flatMap((operation) =>
    serverPaths(snapshot, operation.extra?.servers).map((prefix) => compile(operation.method, prefix + operation.path)),
  )
  const unrouted: RecordedRequest[] = []
  const server = await startTestServer((_request, response, recorded) => {
    const path = (recorded.url.split('?', 1)[0] ?? '').split('#', 1)[0] ?? ''
    const routed = routes.some((route) => matches(route, recorded.method, path))
    if (!routed) unrouted.push(recorded)
    response.statusCode = routed ? 200 : 404
    response.setHeader('content-type', 'application/json')
    response.end(routed ? '{}' : JSON.stringify({ error: 'no route', method: recorded.method, url: recorded.url }))
  })
  return {
    ...server,
    unrouted: () => unrouted,
    baseUrlValues(variables) {
      const values: Record<string, string> = {}
      for (const [key, value] of Object.entries(variables)) {
        // Same path and trailing slash as the API's URL, so a doubled `//` still shows.
        const url = absoluteUrl(value)
        if (url !== undefined) values[key] = server.url + value.slice(url.origin.length)
        // A spec with no server or a relative one leaves the host to the user: this server.
        else if (key.endsWith('baseUrl') || key.endsWith('BaseUrl')) values[key] = server.url + (value.startsWith('/') ? value : '')
      }
      return values
    },
  }
}

function absoluteUrl(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/** Paths of the servers an operation is served from (its own `servers`, else the document's). */
function serverPaths(snapshot: ApiSnapshot, operationServers: unknown): string[] {
  const own = Array.isArray(operationServers)
    ? operationServers.flatMap((server: unknown) => (typeof server === 'object' && server !== null && typeof (server as { url?: unknown }).url === 'string' ? [(server as { url: string }).url] : []))
    : []
  const urls = own.length > 0 ? own : snapshot.servers
  const paths = urls.map((url) => {
    const resolved = absoluteUrl(url.replace(/\{[^}]*\}/g, 'x'))
    const path = resolved === undefined ? (url.startsWith('/') ? url : '') : resolved.pathname
    return path.replace(/\/+$/, '')
  })
  return paths.length === 0 ? [''] : [...new Set(paths)]
}

function compile(method: string, template: string): Route {
  let parameters = 0
  const source = template
    .split(/(\{[^{}]+\})/)
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      parameters++
      return '([^/]+)'
    })
    .join('')
  return { method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), parameters }
}

function matches(route: Route, method: string, path: string): boolean {
  if (route.method !== method.toUpperCase()) return false
  const match = route.pattern.exec(path)
  if (match === null) return false
  return match.slice(1).every((value) => value !== undefined && value !== '' && !PLACEHOLDER.test(value))
}
