import { lookup } from 'node:dns/promises'
import type { LiveSourceConfig } from '../config/config.js'
import { createHttpLoader, type HttpLoaderOptions } from '../loaders/http-loader.js'
import type { LoadRequest, LoadResult, SourceLoader } from '../model/loader.js'
import { createFileLoader } from './file-loader.js'

/** Options of {@link createNodeLoader}: those of the HTTP loader, used for `url` sources; `resolveHost` defaults to `dns.lookup`. */
export type NodeLoaderOptions = HttpLoaderOptions

/**
 * The loader for Node hosts: `filePath` sources are read from disk ({@link createFileLoader}),
 * `url` sources are fetched ({@link createHttpLoader} with the given options, the request of each
 * source's format among them: the introspection POST for a GraphQL endpoint).
 *
 * @example new LiveSyncService({ loader: createNodeLoader(), watcher: createFileWatcher() })
 */
export function createNodeLoader(options: NodeLoaderOptions = {}): SourceLoader {
  const files = createFileLoader()
  const http = createHttpLoader({ resolveHost: resolveWithDns, ...options })
  return {
    load(source: LiveSourceConfig, request: LoadRequest): Promise<LoadResult> {
      return source.filePath !== undefined ? files.load(source, request) : http.load(source, request)
    },
  }
}

/** Every address `hostname` resolves to, as the system resolver (and so fetch) sees it. */
async function resolveWithDns(hostname: string): Promise<string[]> {
  const addresses = await lookup(hostname, { all: true, verbatim: true })
  return addresses.map(({ address }) => address)
}
