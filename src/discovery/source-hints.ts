import type { LiveSourceConfig } from '../config/config.js'
import { LiveSyncError, NetworkError } from '../errors/errors.js'

/** Where a source test runs, to word its hints. */
export interface HintEnvironment {
  /** True in a browser page, where a blocked cross-origin request looks like a network failure. */
  isBrowser: boolean
  /** The page's origin (`location.origin`), when known. */
  pageOrigin?: string | undefined
}

/**
 * One sentence telling a person what to try after a failed source test, or `undefined` when the
 * error message says it all. In a browser, `fetch` rejects with a bare `TypeError` both when the
 * server is down and when CORS blocks the response; for a cross-origin URL, CORS is the likely cause.
 */
export function hintFor(error: LiveSyncError, config: LiveSourceConfig, environment: HintEnvironment): string | undefined {
  if (error.code === 'NETWORK_ERROR' && error.cause instanceof TypeError && environment.isBrowser && config.url !== undefined) {
    const origin = new URL(config.url).origin
    if (environment.pageOrigin === undefined || environment.pageOrigin !== origin) {
      return `The browser could not read ${origin}: if the server is running, CORS is the likely cause. The server must answer with Access-Control-Allow-Origin: ${environment.pageOrigin ?? '<this page\'s origin>'} (and allow the source's headers), or the document must be fetched through a proxy on this origin.`
    }
  }
  if (error.code === 'HTTP_ERROR') {
    const status = (error as LiveSyncError & { status?: number }).status
    if (status === 404) return 'Nothing is served at this URL: check the path, or find the document with discoverSpec(baseUrl).'
    if (status === 401 || status === 403) return 'The server refused the request: check the source\'s headers (for example Authorization).'
  }
  if (error.code === 'TIMEOUT') return 'The server did not answer in time: check that it is running, or raise the timeout.'
  if (error.code === 'INVALID_CONFIG' && error.message.includes('api-live-sync/node')) {
    return "File sources are read by createNodeLoader() from 'api-live-sync/node': pass it as the loader."
  }
  return undefined
}

/** Hint for a document of another kind than the config declares. */
export function wrongTypeHint(detected: string): string {
  return `Set the source's type to '${detected}'.`
}

/** Hint for an HTML page where a document was expected (a documentation UI, a login page). */
export const HTML_HINT =
  'The URL serves an HTML page (often a documentation UI or a login page), not the definition itself: find the document with discoverSpec(baseUrl).'

/** Whether the runtime looks like a browser page. */
export function detectBrowser(): boolean {
  return typeof (globalThis as { window?: unknown }).window !== 'undefined' || typeof (globalThis as { document?: unknown }).document !== 'undefined'
}

/** The page's origin in a browser, when there is one. */
export function currentPageOrigin(): string | undefined {
  const location = (globalThis as { location?: { origin?: unknown } }).location
  return typeof location?.origin === 'string' && location.origin !== 'null' ? location.origin : undefined
}

/** Keeps LiveSyncErrors; anything else becomes one (a bug in a custom loader, say). */
export function asLiveSyncError(error: unknown, sourceId: string): LiveSyncError {
  if (error instanceof LiveSyncError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new NetworkError(`Source "${sourceId}": loading failed: ${message}`, { sourceId, cause: error })
}
