import { createServer } from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the test server received. */
export interface RecordedRequest {
  method: string
  /** Path and query, as sent (`/spec.json?v=1`). */
  url: string
  /** Lower-cased header names, as Node parses them. */
  headers: IncomingHttpHeaders
  /** The request body as UTF-8 text ('' for none). */
  body: string
}

/**
 * Answers one request. The body has been read already (see `RecordedRequest.body`); the handler may
 * hold the response open, write it in pieces or destroy the socket. Its return value is ignored, except
 * that a rejected promise becomes a 500 (so `(req, res) => res.end('{}')` is fine).
 */
export type TestRequestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  recorded: RecordedRequest,
) => unknown

/** A live `node:http` server on 127.0.0.1 with a random port. */
export interface TestServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:49152`. */
  url: string
  /** Every request received, oldest first. */
  requests: RecordedRequest[]
  /** Replaces the handler for the next requests. */
  setHandler(handler: TestRequestHandler): void
  /** Stops listening and destroys open connections (held responses included); safe to call twice. */
  close(): Promise<void>
}

const notFound: TestRequestHandler = (_request, response) => {
  response.statusCode = 404
  response.end('no handler set')
}

/** Starts a server on 127.0.0.1 port 0 that records every request and hands it to `handler`. */
export async function startTestServer(handler: TestRequestHandler = notFound): Promise<TestServer> {
  let current = handler
  const requests: RecordedRequest[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(recorded)
      Promise.resolve(current(request, response, recorded)).catch((error: unknown) => {
        if (!response.headersSent) response.statusCode = 500
        response.end(String(error))
      })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setHandler(next) {
      current = next
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}

/** A URL on 127.0.0.1 where nothing listens: a server is started, its port noted, and the server closed. */
export async function closedPortUrl(): Promise<string> {
  const server = await startTestServer()
  await server.close()
  return server.url
}
