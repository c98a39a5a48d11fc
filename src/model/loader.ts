import type { Clock } from './clock.js'
import type { LiveSourceConfig } from './source-config.js'

export interface LoadRequest {
  /** Aborted when the sync is cancelled or the attempt times out. */
  signal: AbortSignal
  /** ETag of the last successful response, for `If-None-Match`. */
  etag?: string | undefined
  /** Last-Modified of the last successful response, for `If-Modified-Since`. */
  lastModified?: string | undefined
  /** Largest body accepted, in bytes; larger ones fail with `TOO_LARGE`. */
  maxBytes: number
  /** Reports progress while a large document downloads. */
  onProgress?: ((progress: LoadProgress) => void) | undefined
  /** Which attempt of the sync this is: 1 for the first, 2 for the first retry... Set by the service. */
  attempt?: number | undefined
  /** The service's clock, for a loader that waits (a fake source's delay): set by the service. */
  clock?: Clock | undefined
}

export interface LoadProgress {
  loadedBytes: number
  /** From `Content-Length` when the server sent it. */
  totalBytes?: number | undefined
}

export type LoadResult =
  | { notModified: true }
  | {
      notModified?: false
      content: string
      /** The raw body, when the loader has it: the service hashes it instead of re-encoding `content`. */
      bytes?: Uint8Array | undefined
      /**
       * The JSON or YAML value of `content`, when the loader already parsed it (the CLI does, to
       * detect the type): the format reads it instead of parsing `content` again. Never mutated.
       */
      parsed?: unknown
      contentType?: string | undefined
      etag?: string | undefined
      lastModified?: string | undefined
    }

/** The request to send for a source, when plain `GET` is not enough (e.g. a GraphQL introspection POST). */
export interface PreparedRequest {
  /** HTTP method, e.g. `POST`. */
  method: string
  /** Request body, sent as is. */
  body?: string | undefined
  /** Extra headers (e.g. `Content-Type`); they win over the source config's headers of the same name. */
  headers?: Record<string, string> | undefined
}

/** Fetches a source's document. Errors it throws are retried unless they are LiveSyncErrors with `retryable: false`. */
export interface SourceLoader {
  load(source: LiveSourceConfig, request: LoadRequest): Promise<LoadResult>
}
