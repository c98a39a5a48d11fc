import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { LiveSourceConfig } from '../config/config.js'
import { InvalidConfigError, ParseError, TooLargeError } from '../errors/errors.js'
import type { LoadRequest, LoadResult, SourceLoader } from '../model/loader.js'
import { contentTypeForPath } from './file-content-type.js'
import { fileError, notARegularFile } from './file-errors.js'

/**
 * The loader of `filePath` sources: reads the file as UTF-8 text (JSON, YAML or GraphQL SDL, as
 * written) with a content type from its extension.
 *
 * A file's size and modification time serve as its ETag (`"file-<size>-<mtimeMs>"`): when the
 * service asks with the tag of the last good read and the file's stat still matches, the load
 * answers `{ notModified: true }` without reading the file. The stat is taken before the read, so
 * a write racing the read can only cause one extra read later, never a missed change.
 *
 * Relative paths resolve against the working directory at each load. Errors name the source and
 * the path (see {@link fileError} for which are retried); a file larger than `request.maxBytes` is
 * `TOO_LARGE`; invalid UTF-8 is a `PARSE_ERROR`; aborting `request.signal` rejects with its reason.
 */
export function createFileLoader(): SourceLoader {
  return {
    async load(source: LiveSourceConfig, request: LoadRequest): Promise<LoadResult> {
      request.signal.throwIfAborted()
      const path = resolve(requireFilePath(source))
      const stats = await withFileErrors(() => stat(path), source.id, path, request.signal)
      if (!stats.isFile()) throw notARegularFile(source.id, path, stats.isDirectory())
      const etag = fileTag(stats.size, stats.mtimeMs)
      if (request.etag === etag) return { notModified: true }
      if (stats.size > request.maxBytes) throw tooLarge(source.id, path, request.maxBytes)

      const bytes = await withFileErrors(() => readFile(path, { signal: request.signal }), source.id, path, request.signal)
      // The file may have grown between stat and read.
      if (bytes.byteLength > request.maxBytes) throw tooLarge(source.id, path, request.maxBytes)
      request.onProgress?.({ loadedBytes: bytes.byteLength, totalBytes: stats.size })
      return { content: decodeUtf8(bytes, source.id, path), bytes, contentType: contentTypeForPath(path), etag }
    },
  }
}

/** The validator of a file version: quoted like an HTTP ETag so it can never collide with a server's. */
export function fileTag(size: number, mtimeMs: number): string {
  return `"file-${size}-${mtimeMs}"`
}

function requireFilePath(source: LiveSourceConfig): string {
  if (source.filePath !== undefined) return source.filePath
  const message = 'the file loader needs a filePath (url sources need the HTTP loader, or createNodeLoader for both)'
  throw new InvalidConfigError(`Invalid config for source "${source.id}": filePath ${message}`, [{ path: 'filePath', message }], {
    sourceId: source.id,
  })
}

async function withFileErrors<T>(operation: () => Promise<T>, sourceId: string, path: string, signal: AbortSignal): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    // Node rejects with its own AbortError; the service expects the signal's reason (a timeout, a cancel).
    if (signal.aborted) throw signal.reason
    throw fileError(error, sourceId, path)
  }
}

function decodeUtf8(bytes: Uint8Array, sourceId: string, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch (error) {
    throw new ParseError(`Source "${sourceId}": ${path} is not valid UTF-8`, { format: 'utf-8' }, { sourceId, cause: error })
  }
}

function tooLarge(sourceId: string, path: string, maxBytes: number): TooLargeError {
  return new TooLargeError(`Source "${sourceId}": ${path} is larger than the limit of ${maxBytes} bytes`, maxBytes, { sourceId })
}
