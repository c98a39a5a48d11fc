import type { LiveSourceConfig } from '../config/config.js'
import { LiveSyncError, NetworkError } from '../errors/errors.js'
import { detectSourceType } from '../formats/detect-type.js'
import type { SourceType } from '../formats/types.js'
import type { CliLoader, LoadedDocument } from './cli-loader.js'

/** What one look at a source found. */
export interface ProbedSource {
  /** The document, when it could be loaded. */
  loaded?: LoadedDocument
  /** Its type, when the content says. */
  detected?: SourceType
  /** The document came from a GraphQL endpoint's introspection POST (the loader keeps using it). */
  introspected: boolean
  /** Why nothing could be loaded. */
  error?: LiveSyncError
}

/**
 * Loads a source once and tells its type from the content. A URL whose GET answer is no API
 * definition (a GraphQL endpoint answers GET with an error or a GraphiQL page) is asked the GraphQL
 * introspection query; if that works, the loader keeps introspecting this source.
 */
export async function probeSource(config: LiveSourceConfig, loader: CliLoader, timeoutMs: number, signal?: AbortSignal): Promise<ProbedSource> {
  let plain: ProbedSource
  try {
    const loaded = await loader.loadOnce(config, timeoutMs, signal)
    const detected = detectSourceType(loaded.content, loaded.contentType)
    if (detected !== undefined) return { loaded, detected, introspected: false }
    plain = { loaded, introspected: false }
  } catch (error) {
    plain = { introspected: false, error: asLiveSyncError(error, config.id) }
  }
  if (config.url === undefined || signal?.aborted === true) return plain
  loader.useIntrospection(config.id)
  try {
    const loaded = await loader.loadOnce(config, timeoutMs, signal)
    if (detectSourceType(loaded.content, loaded.contentType) === 'graphql') return { loaded, detected: 'graphql', introspected: true }
  } catch {
    // Not a GraphQL endpoint either (or `graphql` is not installed): report the plain GET's outcome.
  }
  loader.useIntrospection(config.id, false)
  return plain
}

function asLiveSyncError(error: unknown, sourceId: string): LiveSyncError {
  if (error instanceof LiveSyncError) return error
  return new NetworkError(`Source "${sourceId}": ${error instanceof Error ? error.message : String(error)}`, { sourceId, cause: error })
}
