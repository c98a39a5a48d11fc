import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { stringify as toYaml } from 'yaml'
import { mulberry32, randomInt, shuffleKeys, streamSeed, weightedPick, type Random } from './seeded-random.js'

/** What the server does with one request. */
export type Behaviour =
  /** The current document, whole, in one write (or 304 when the client's ETag is current). */
  | 'ok'
  /** The current document in a few chunks with short pauses (or 304 like `ok`). */
  | 'trickle'
  /** A new version of the document, served whole. */
  | 'change'
  /** HTTP 500. */
  | 'http-500'
  /** HTTP 429 with a Retry-After of 0 to 2 seconds. */
  | 'http-429'
  /** Headers and part of the body, then the connection is destroyed. */
  | 'reset'
  /** A complete 200 response whose JSON body stops part-way. */
  | 'truncated'
  /** A complete 200 response of random bytes. */
  | 'garbage'
  /** The document, but only after `slowMs`: later than the client's timeout. */
  | 'slow'

/** The last document a source was served whole and valid: what a client that got it must hold. */
export interface ServedDocument {
  text: string
  contentType: string
  version: number
}

export interface MisbehavingServerOptions {
  /** Seeds every source's own stream of behaviours, so one source's story does not depend on the others' timing. */
  seed: number
  /** Relative weight of each behaviour. */
  weights: Readonly<Record<Behaviour, number>>
  /** Delay of `slow` responses, in ms. */
  slowMs: number
  /** The document of a source at a version, as a JSON value; the server picks how to serialize it. */
  document(sourceIndex: number, version: number): unknown
}

/** Per-source bookkeeping, readable by the test. */
export interface SourceLedger {
  version: number
  /** Set when a response with a valid document was written whole (its `finish` event fired). */
  lastServed: ServedDocument | undefined
  /** Behaviours drawn for this source, in request order. */
  behaviours: Behaviour[]
  /** 304s sent. */
  notModified: number
}

export interface MisbehavingServer {
  /** Base URL, e.g. `http://127.0.0.1:49152`; sources live at `/spec/<index>`. */
  url: string
  /** The URL of a source. */
  sourceUrl(index: number): string
  /** The ledger of a source (created on its first request). */
  ledger(index: number): SourceLedger | undefined
  /** How many times each behaviour was drawn, over all sources. */
  counts(): Record<Behaviour, number>
  /** Stops listening, destroys open connections and clears pending delayed writes; safe to call twice. */
  close(): Promise<void>
}

const PATH = /^\/spec\/(\d+)$/

/**
 * A `node:http` server on 127.0.0.1 that answers each source's requests with a behaviour drawn from
 * a seeded PRNG: good documents (sometimes reformatted, sometimes a new version), errors, resets,
 * truncated or garbage bodies and responses slower than any sane timeout. It records, per source,
 * the last document it served whole and valid, so a soak test can check what the client kept.
 */
export async function startMisbehavingServer(options: MisbehavingServerOptions): Promise<MisbehavingServer> {
  const ledgers = new Map<number, SourceLedger & { random: Random }>()
  const timers = new Set<NodeJS.Timeout>()
  const counts = Object.fromEntries(Object.keys(options.weights).map((name) => [name, 0])) as Record<Behaviour, number>

  const later = (ms: number, task: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      task()
    }, ms)
    timers.add(timer)
  }

  const ledgerOf = (index: number) => {
    let ledger = ledgers.get(index)
    if (ledger === undefined) {
      ledger = { version: 1, lastServed: undefined, behaviours: [], notModified: 0, random: mulberry32(streamSeed(options.seed, index)) }
      ledgers.set(index, ledger)
    }
    return ledger
  }

  const server = createServer((request, response) => {
    const match = PATH.exec(request.url ?? '')
    if (match === null) {
      response.writeHead(404).end()
      return
    }
    const index = Number(match[1])
    const ledger = ledgerOf(index)
    const behaviour = weightedPick(ledger.random, options.weights)
    ledger.behaviours.push(behaviour)
    counts[behaviour]++
    answer(request, response, index, ledger, behaviour)
  })

  function answer(request: IncomingMessage, response: ServerResponse, index: number, ledger: SourceLedger & { random: Random }, behaviour: Behaviour): void {
    const random = ledger.random
    if (behaviour === 'change') ledger.version++
    const etag = `"${index}-v${ledger.version}"`
    switch (behaviour) {
      case 'http-500':
        response.writeHead(500, { 'content-type': 'text/plain' }).end('internal error')
        return
      case 'http-429':
        response.writeHead(429, { 'retry-after': String(randomInt(random, 0, 2)) }).end()
        return
      case 'garbage': {
        const bytes = Buffer.alloc(randomInt(random, 1, 512))
        for (let at = 0; at < bytes.length; at++) bytes[at] = randomInt(random, 0, 255)
        const contentType = weightedPick(random, { 'application/json': 1, 'application/yaml': 1, 'application/octet-stream': 1 })
        response.writeHead(200, { 'content-type': contentType }).end(bytes)
        return
      }
      case 'truncated': {
        // Compact JSON of an object: every proper prefix is invalid JSON.
        const text = JSON.stringify(options.document(index, ledger.version))
        response.writeHead(200, { 'content-type': 'application/json' }).end(text.slice(0, randomInt(random, 1, text.length - 1)))
        return
      }
      case 'reset': {
        const { text } = serialize(options.document(index, ledger.version), random)
        const bytes = Buffer.from(text)
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) })
        response.write(bytes.subarray(0, randomInt(random, 0, bytes.length - 1)), () => response.socket?.destroy())
        return
      }
      case 'slow':
        // Whatever happens after the client gave up, this response is never counted as served.
        later(options.slowMs, () => {
          if (!response.destroyed) response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(options.document(index, ledger.version)))
        })
        return
      case 'ok':
      case 'trickle':
      case 'change': {
        if (behaviour !== 'change' && request.headers['if-none-match'] === etag) {
          ledger.notModified++
          response.writeHead(304, { etag }).end()
          return
        }
        const served = { ...serialize(options.document(index, ledger.version), random), version: ledger.version }
        response.on('finish', () => (ledger.lastServed = served))
        response.writeHead(200, { 'content-type': served.contentType, etag })
        if (behaviour !== 'trickle') {
          response.end(served.text)
          return
        }
        const third = Math.ceil(served.text.length / 3)
        response.write(served.text.slice(0, third))
        later(2, () => {
          if (response.destroyed) return
          response.write(served.text.slice(third, 2 * third))
          later(2, () => {
            if (!response.destroyed) response.end(served.text.slice(2 * third))
          })
        })
        return
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  let closing: Promise<void> | undefined
  return {
    url,
    sourceUrl: (index) => `${url}/spec/${index}`,
    ledger: (index) => ledgers.get(index),
    counts: () => ({ ...counts }),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}

/** The same document as compact JSON, pretty JSON with its keys shuffled, or YAML: never a change to a client. */
function serialize(document: unknown, random: Random): { text: string; contentType: string } {
  const style = weightedPick(random, { compact: 2, shuffled: 1, yaml: 1 })
  if (style === 'compact') return { text: JSON.stringify(document), contentType: 'application/json' }
  if (style === 'shuffled') return { text: JSON.stringify(shuffleKeys(document, random), null, 2), contentType: 'application/json; charset=utf-8' }
  return { text: toYaml(shuffleKeys(document, random)), contentType: 'application/yaml' }
}
