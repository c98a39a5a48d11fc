import type { LiveSourceConfig } from '../config/config.js'
import { createGraphqlFormat, graphqlIntrospectionRequest } from '../formats/graphql/index.js'
import { createGraphqlLoader, importGraphqlPackage, type GraphqlImporter } from '../formats/graphql/graphql-module.js'
import type { SpecFormat } from '../formats/types.js'
import { formatRequests } from '../loaders/format-request.js'
import type { LoadRequest, LoadResult, SourceLoader } from '../model/loader.js'
import { createNodeLoader } from '../node/node-loader.js'
import type { Clock } from '../model/clock.js'
import { systemClock } from '../runtime/clock.js'
import { loadOnce } from '../runtime/load-once.js'

/** A loaded document (never "not modified": the CLI's own loads send no validators). */
export type LoadedDocument = Extract<LoadResult, { content: string }>

/** Largest document the CLI reads, as the service's default. */
export const CLI_MAX_BYTES = 50 * 1024 * 1024

/**
 * The CLI's loader: files from disk, URLs over HTTP with the format's request (the introspection POST
 * for GraphQL endpoints), and the introspection POST also for the sources `useIntrospection` names
 * (URLs found to be GraphQL endpoints). A document loaded while finding out a source's type is kept
 * and served to the service's first sync, so it is not downloaded twice.
 */
export class CliLoader implements SourceLoader {
  readonly #introspected = new Set<string>()
  readonly #primed = new Map<string, LoadedDocument>()
  readonly #inner: SourceLoader
  readonly #importGraphql: GraphqlImporter
  /** The `fetch` of URL loads, for the CLI's own questions to a server. */
  readonly fetch: typeof fetch
  /** The clock the CLI's own loads and questions are timed by. */
  readonly clock: Clock

  constructor(fetchImpl?: typeof fetch, importGraphql: GraphqlImporter = importGraphqlPackage, clock: Clock = systemClock) {
    this.fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init))
    this.clock = clock
    this.#importGraphql = importGraphql
    const formatRequest = formatRequests()
    this.#inner = createNodeLoader({
      fetch: this.fetch,
      // A URL found to be a GraphQL endpoint is one whatever its path or the source's type says so far.
      prepareRequest: async (source) => (this.#introspected.has(source.id) ? graphqlIntrospectionRequest() : formatRequest(source)),
    })
  }

  /** Loads this source with the GraphQL introspection POST from now on (`false` undoes it). */
  useIntrospection(sourceId: string, enabled = true): void {
    if (enabled) this.#introspected.add(sourceId)
    else this.#introspected.delete(sourceId)
  }

  /** The GraphQL format, reading through this loader's `graphql` importer. */
  graphqlFormat(): SpecFormat {
    return createGraphqlFormat({ importGraphql: this.#importGraphql })
  }

  /** Rejects with an `InvalidSpecError` saying to install `graphql` when it cannot be loaded. */
  async requireGraphql(sourceId: string): Promise<void> {
    await createGraphqlLoader(this.#importGraphql)(sourceId)
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

  /** One load outside the service, with its own timeout on the loader's clock; `signal` cancels it (the user pressed Ctrl-C). */
  async loadOnce(source: LiveSourceConfig, timeoutMs: number, signal?: AbortSignal): Promise<LoadedDocument> {
    const loaded = await loadOnce(source, { loader: this.#inner, clock: this.clock, timeoutMs, signal, request: { maxBytes: CLI_MAX_BYTES } })
    if (loaded.notModified === true) throw new Error('unexpected "not modified" answer to a request without validators')
    return loaded
  }
}
