import { NetworkError, ParseError, TooLargeError } from '../errors/errors.js'
import type { LoadProgress } from '../model/loader.js'
import type { RequestContext } from './request-context.js'
import { causeCodeSuffix } from './request-context.js'

/** How one response body is read. */
export interface ReadBodyOptions {
  /** Aborting it stops the read and rejects with `signal.reason`, unwrapped. */
  signal: AbortSignal
  /** Largest body accepted, in bytes; the read stops as soon as the count passes it. */
  maxBytes: number
  /** Called after each chunk with the bytes read so far. */
  onProgress?: ((progress: LoadProgress) => void) | undefined
  /** Names the source and URL in error messages. */
  context: RequestContext
}

/**
 * Reads a response body as strict UTF-8 text, chunk by chunk, so an oversized document is cut off
 * (and its connection released) without ever being held in memory.
 *
 * Throws `TooLargeError` (declared or counted size above `maxBytes`), `ParseError` with format `utf-8`
 * (invalid UTF-8: garbled text would otherwise look like a real change), `NetworkError` (the stream
 * failed mid-body), or the signal's reason when it aborts.
 */
export async function readBody(response: Response, options: ReadBodyOptions): Promise<{ text: string; bytes: Uint8Array }> {
  const { signal, maxBytes, context } = options
  const declaredBytes = declaredLength(response)
  if (declaredBytes !== undefined && declaredBytes > maxBytes) {
    cancelQuietly(response.body)
    throw tooLarge(context, maxBytes, 'declares a body larger than')
  }
  signal.throwIfAborted()
  if (response.body === null) return { text: '', bytes: new Uint8Array(0) }

  const reader = response.body.getReader()
  // Some fetch implementations (injected ones) do not tie the body to the signal: cancel it ourselves.
  const onAbort = () => cancelQuietly(reader, signal.reason)
  signal.addEventListener('abort', onAbort, { once: true })
  const decoder = new TextDecoder('utf-8', { fatal: true })
  // Content-Length counts encoded bytes; with gzip it says nothing about what we count, so omit it.
  const totalBytes = isContentEncoded(response) ? undefined : declaredBytes
  const parts: string[] = []
  const chunks: Uint8Array[] = []
  let loadedBytes = 0
  try {
    for (;;) {
      const chunk = await readChunk(reader, signal, context)
      if (chunk.done) break
      loadedBytes += chunk.value.byteLength
      if (loadedBytes > maxBytes) throw tooLarge(context, maxBytes, 'sent more than')
      parts.push(decode(decoder, chunk.value, context))
      chunks.push(chunk.value)
      options.onProgress?.({ loadedBytes, totalBytes })
    }
    parts.push(decode(decoder, undefined, context))
    // The bytes too: hashing them spares the service re-encoding the text to compare it with the last good one.
    return { text: parts.join(''), bytes: concatChunks(chunks, loadedBytes) }
  } catch (error) {
    cancelQuietly(reader)
    throw error
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

async function readChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  signal: AbortSignal,
  context: RequestContext,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  let chunk: ReadableStreamReadResult<Uint8Array>
  try {
    chunk = await reader.read()
  } catch (error) {
    if (signal.aborted) throw signal.reason
    throw new NetworkError(`${context.label}: the connection failed while reading the body${causeCodeSuffix(error)}`, {
      sourceId: context.sourceId,
      cause: error,
    })
  }
  // A cancel from our abort listener ends the stream quietly (`done`): never mistake that for a full body.
  if (signal.aborted) throw signal.reason
  return chunk
}

function concatChunks(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

function decode(decoder: TextDecoder, bytes: Uint8Array | undefined, context: RequestContext): string {
  try {
    return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true })
  } catch (error) {
    throw new ParseError(
      `${context.label}: the body is not valid UTF-8`,
      { format: 'utf-8' },
      { sourceId: context.sourceId, cause: error },
    )
  }
}

function tooLarge(context: RequestContext, maxBytes: number, verb: string): TooLargeError {
  return new TooLargeError(`${context.label}: the server ${verb} the limit of ${maxBytes} bytes`, maxBytes, {
    sourceId: context.sourceId,
  })
}

function declaredLength(response: Response): number | undefined {
  const header = response.headers.get('content-length')?.trim()
  if (header === undefined || !/^\d+$/.test(header)) return undefined
  return Number(header)
}

function isContentEncoded(response: Response): boolean {
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase()
  return encoding !== undefined && encoding !== '' && encoding !== 'identity'
}

/** Releases the connection; the stream may already be errored or locked, which is fine here. */
function cancelQuietly(
  target: ReadableStream<Uint8Array> | ReadableStreamDefaultReader<Uint8Array> | null,
  reason?: unknown,
): void {
  if (target === null) return
  try {
    target.cancel(reason).catch(() => {})
  } catch {
    // A locked stream throws synchronously; its reader owns the cancel.
  }
}
