import type { LiveSourceConfig } from '../config/config.js'
import { TimeoutError } from '../errors/errors.js'
import { graphqlIntrospectionRequest } from '../formats/graphql/index.js'
import type { LoadRequest, LoadResult, SourceLoader } from '../loaders/types.js'
import { createNodeLoader } from '../node/node-loader.js'
import { linkedAbortController, raceAbort } from '../runtime/abort.js'

/** A loaded document (never "not modified": the CLI's own loads send no validators). */
export type LoadedDocument = Extract<LoadResult, { content: string }>

/** Largest document the CLI reads, as the service's default. */
export const CLI_MAX_BYTES = 50 * 1024 * 1024

/**
 * The CLI's loader: files from disk, URLs over HTTP, and GraphQL endpoints through the standard
 * introspection POST (for the sources `useIntrospection` names). A document loaded while finding
 * out a source's type is kept and served to the service's first sync, so it is not downloaded twice.
 */
export class CliLoader implements SourceLoader {
  readonly #introspected = new Set<string>()
  readonly #primed = new Map<string, LoadedDocument>()
  readonly #inner: SourceLoader

  constructor(fetchImpl?: typeof fetch) {
    this.#inner = createNodeLoader({
      ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
      prepareRequest: async (source) => (this.#introspected.has(source.id) ? graphqlIntrospectionRequest() : undefined),
    })
  }

  /** Loads this source with the GraphQL introspection POST from now on (`false` undoes it). */
  useIntrospection(sourceId: string, enabled = true): void {
    if (enabled) this.#introspected.add(sourceId)
    else this.#introspected.delete(sourceId)
  }

  /** The next load of this source answers `document` without a request. */
  prime(sourceId: string, document: LoadedDocument): void {
    this.#primed.set(sourceId, document)
  }

  load(source: LiveSourceConfig, request: LoadRequest): Promise<LoadResult> {
    const primed = this.#primed.get(source.id)
    if (primed !== undefined) {
      this.#primed.delete(source.id)
      return Promise.resolve(primed)
    }
    return this.#inner.load(source, request)
  }

  /** One load outside the service, with its own timeout; `signal` cancels it (the user pressed Ctrl-C). */
  async loadOnce(source: LiveSourceConfig, timeoutMs: number, signal?: AbortSignal): Promise<LoadedDocument> {
    const { controller, dispose } = linkedAbortController(...(signal === undefined ? [] : [signal]))
    const timer = setTimeout(() => {
      controller.abort(new TimeoutError(`Source "${source.id}" did not answer within ${timeoutMs} ms`, timeoutMs, { sourceId: source.id }))
    }, timeoutMs)
    try {
      const loaded = await raceAbort(this.#inner.load(source, { signal: controller.signal, maxBytes: CLI_MAX_BYTES }), controller.signal)
      if (loaded.notModified === true) throw new Error('unexpected "not modified" answer to a request without validators')
      return loaded
    } finally {
      clearTimeout(timer)
      dispose()
    }
  }
}
