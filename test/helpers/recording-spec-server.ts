import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { openapiDoc } from './fake-loader.js'

/** What the server saw of one source. */
export interface SourceLog {
  /** When each fetch of it began (ms since epoch). */
  starts: number[]
  /** Which worker made each fetch (its `x-worker` header), parallel to `starts`. */
  workers: string[]
  inFlight: number
  /** Fetches that began while another fetch of the same source was in flight. */
  overlaps: number
  /** The last document whose response went out whole. */
  lastServedWhole: string | undefined
}

export interface RecordingSpecServer {
  /** URL of source `i`'s document. */
  urlOf(index: number): string
  readonly documents: string[]
  readonly logs: SourceLog[]
  /** Total fetches so far. */
  fetches(): number
  /** The next request from the worker named `worker` (its `x-worker` header) is never answered; resolves with its source index. */
  holdNextFrom(worker: string): Promise<number>
  /** Resolves once `predicate` holds, checked after every request; rejects after `timeoutMs` naming `what`. */
  until(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export function sourceDocument(index: number, revision = 1): string {
  const operations: Record<string, Record<string, unknown>> = { [`get /items${index}`]: {} }
  if (revision > 1) operations[`post /items${index}`] = {}
  return openapiDoc(operations, { title: `Source ${index}`, version: String(revision) })
}

/**
 * `count` OpenAPI documents at `/s/<i>`, each answered after `delayMs` (so overlapping fetches of a
 * source would be seen), recording per source when fetches start and whether two were in flight at once.
 */
export async function startRecordingSpecServer(count: number, delayMs = 20): Promise<RecordingSpecServer> {
  const documents = Array.from({ length: count }, (_, index) => sourceDocument(index))
  const logs: SourceLog[] = documents.map(() => ({ starts: [], workers: [], inFlight: 0, overlaps: 0, lastServedWhole: undefined }))
  const waiters = new Set<() => void>()
  let total = 0
  let hold: { worker: string; resolve: (index: number) => void } | undefined
  const held: ServerResponse[] = []

  const server = createServer((request, response) => {
    const index = Number(/^\/s\/(\d+)$/.exec(request.url ?? '')?.[1] ?? -1)
    const log = logs[index]
    if (!log) {
      response.statusCode = 404
      response.end()
      return
    }
    total++
    log.starts.push(Date.now())
    log.workers.push(String(request.headers['x-worker'] ?? ''))
    if (log.inFlight > 0) log.overlaps++
    log.inFlight++
    response.once('close', () => log.inFlight--)
    for (const waiter of [...waiters]) waiter()
    if (hold && request.headers['x-worker'] === hold.worker) {
      held.push(response)
      hold.resolve(index)
      hold = undefined
      return
    }
    const document = documents[index]!
    setTimeout(() => {
      response.setHeader('content-type', 'application/json')
      response.end(document, () => (log.lastServedWhole = document))
    }, delayMs)
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    urlOf: (index) => `http://127.0.0.1:${port}/s/${index}`,
    documents,
    logs,
    fetches: () => total,
    holdNextFrom: (worker) => new Promise((resolve) => (hold = { worker, resolve })),
    until: (what, predicate, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        if (predicate()) return resolve()
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`timed out waiting until ${what}`))
        }, timeoutMs)
        const check = () => {
          if (!predicate()) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve()
        }
        waiters.add(check)
      }),
    close: async () => {
      for (const response of held) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
