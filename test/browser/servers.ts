import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startTestServer, type TestServer } from '../helpers/http-server.js'

/** The paths the document server answers. */
export const DOCUMENT_PATH = '/openapi.json'
export const NO_CORS_DOCUMENT_PATH = '/no-cors/openapi.json'

/** Serves the test page and its bundled script; its origin is the page's origin. */
export async function startPageServer(script: string): Promise<TestServer> {
  const html = '<!doctype html><html><head><meta charset="utf-8"><title>api-live-sync</title></head>' +
    '<body><script type="module" src="/page.js"></script></body></html>'
  return startTestServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://page').pathname
    if (path === '/') return send(response, 200, 'text/html; charset=utf-8', html)
    if (path === '/page.js') return send(response, 200, 'text/javascript; charset=utf-8', script)
    return send(response, 404, 'text/plain', 'not found')
  })
}

/** A cross-origin API server whose document the test changes between syncs. */
export interface DocumentServer {
  server: TestServer
  /** The document served with CORS headers for the page's origin. */
  documentUrl: string
  /** The same document, served without any CORS header. */
  noCorsDocumentUrl: string
  setDocument(text: string): void
  /** How many requests were answered `304 Not Modified`. */
  notModifiedCount(): number
}

/**
 * Starts the API server on another port than the page (so another origin). Like a well-configured API,
 * it answers CORS preflights, exposes `ETag` to scripts and honours `If-None-Match`; the no-CORS path
 * serves the same bytes with none of that, as an API that never thought of browsers.
 */
export async function startDocumentServer(pageOrigin: string, initialDocument: string): Promise<DocumentServer> {
  let document = initialDocument
  let notModified = 0
  const cors = {
    'access-control-allow-origin': pageOrigin,
    'access-control-expose-headers': 'ETag, Last-Modified',
    vary: 'Origin',
  }
  const server = await startTestServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://api').pathname
    if (path === NO_CORS_DOCUMENT_PATH) return send(response, 200, 'application/json', document)
    if (path !== DOCUMENT_PATH) return send(response, 404, 'text/plain', 'not found', cors)
    if (request.method === 'OPTIONS') return preflight(request, response, cors)
    const etag = `"${createHash('sha256').update(document).digest('hex').slice(0, 16)}"`
    const headers = { ...cors, etag, 'cache-control': 'no-store' }
    if (request.headers['if-none-match'] === etag) {
      notModified++
      return send(response, 304, undefined, '', headers)
    }
    return send(response, 200, 'application/json', document, headers)
  })
  return {
    server,
    documentUrl: server.url + DOCUMENT_PATH,
    noCorsDocumentUrl: server.url + NO_CORS_DOCUMENT_PATH,
    setDocument(text) {
      document = text
    },
    notModifiedCount: () => notModified,
  }
}

/** Allows the conditional headers the loader sends (they are not CORS-safelisted, so they need a preflight). */
function preflight(request: IncomingMessage, response: ServerResponse, cors: Record<string, string>): void {
  response.writeHead(204, {
    ...cors,
    'access-control-allow-methods': 'GET',
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '',
    'access-control-max-age': '0',
  })
  response.end()
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string | undefined,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, contentType === undefined ? headers : { ...headers, 'content-type': contentType })
  response.end(body)
}
