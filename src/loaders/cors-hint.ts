/** Where a request runs, as far as CORS is concerned. */
export interface CorsEnvironment {
  /** True in a browser page or worker: the only places where CORS can block a response. */
  isBrowser: boolean
  /** The page's origin (`location.origin`), when known; an opaque `'null'` origin counts as unknown. */
  pageOrigin?: string | undefined
}

/**
 * The sentence to add to a failed request's message when CORS is the likely cause, or `undefined`.
 * A browser's `fetch` rejects with the same bare `TypeError` whether the server is down or its answer
 * lacks CORS headers (the real reason only reaches the console), so for a cross-origin URL CORS is
 * the cause worth naming. Only the origin is quoted: no path, query or credentials.
 *
 * @example corsHint('https://api.example.com/openapi.json', { isBrowser: true, pageOrigin: 'https://app.example.com' })
 */
export function corsHint(url: string, environment: CorsEnvironment = currentCorsEnvironment()): string | undefined {
  if (!environment.isBrowser) return undefined
  const origin = originOf(url)
  if (origin === undefined || origin === environment.pageOrigin) return undefined
  const allowed = environment.pageOrigin ?? "this page's origin"
  return (
    `if the server at ${origin} is running, the browser most likely blocked the response (CORS): ` +
    `the server must answer with Access-Control-Allow-Origin: ${allowed} (and Access-Control-Allow-Headers for ` +
    `the source's headers), or the document must be fetched through a proxy on this page's origin`
  )
}

/** Reads the environment of this realm: a page (`document`) or a worker (`WorkerGlobalScope`). */
export function currentCorsEnvironment(): CorsEnvironment {
  const scope = globalThis as { document?: unknown; WorkerGlobalScope?: unknown; location?: { origin?: unknown } }
  const isBrowser = scope.document !== undefined || scope.WorkerGlobalScope !== undefined
  const origin = scope.location?.origin
  return { isBrowser, pageOrigin: typeof origin === 'string' && origin !== 'null' ? origin : undefined }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
