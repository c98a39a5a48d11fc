import type { LiveSourceConfig } from '../config/config.js'
import { InvalidSpecError, LiveSyncError, NetworkError, isHttpError } from '../errors/errors.js'
import { askGraphqlEndpoint, type GraphqlEndpointAnswer } from '../discovery/ask-graphql-endpoint.js'
import { inspectSourceText } from '../formats/detect-type.js'
import type { SourceType } from '../model/identity.js'
import { redactUrl } from '../shared/redact.js'
import { buildRequestHeaders } from '../loaders/request-headers.js'
import { splitUrlCredentials } from '../loaders/url-credentials.js'
import { sourceTimeoutError, withTimeout } from '../runtime/load-once.js'
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
  /** The server answered, and its answer will not change by waiting (introspection refused): stop here. */
  final?: boolean
}

/**
 * Loads a source once and tells its type from the content. A URL whose answer is no API definition
 * (a GraphQL endpoint answers GET with an error or a GraphiQL page) is asked the smallest
 * introspection query, which needs no `graphql` package: a GraphQL endpoint is then loaded with the
 * full introspection query (and the loader keeps introspecting it), and an endpoint that refuses
 * introspection is reported as such, with the status and message the server gave.
 */
export async function probeSource(config: LiveSourceConfig, loader: CliLoader, timeoutMs: number, signal?: AbortSignal): Promise<ProbedSource> {
  let plain: ProbedSource
  try {
    const loaded = await loader.loadOnce(config, timeoutMs, signal)
    const { type: detected, parsed } = inspectSourceText(loaded.content, loaded.contentType)
    // The parsed value travels with the document, so its format does not parse it again.
    if (detected !== undefined) return { loaded: withParsed(loaded, parsed), detected, introspected: false }
    plain = { loaded, introspected: false }
  } catch (error) {
    plain = { introspected: false, error: asLiveSyncError(error, config.id) }
  }
  // Nothing answered (refused connection, timeout): asking again with a POST cannot tell more.
  const answered = plain.loaded !== undefined || (plain.error !== undefined && isHttpError(plain.error))
  if (config.url === undefined || signal?.aborted === true || !answered) return plain
  const answer = await askWithTimeout(config, config.url, loader, timeoutMs, signal)
  if (answer?.kind === 'refused') return { introspected: false, error: refusedError(config, config.url, answer), final: true }
  if (answer?.kind !== 'introspectable') return plain
  loader.useIntrospection(config.id)
  try {
    const loaded = await loader.loadOnce(config, timeoutMs, signal)
    const { type, parsed } = inspectSourceText(loaded.content, loaded.contentType)
    if (type === 'graphql') return { loaded: withParsed(loaded, parsed), detected: 'graphql', introspected: true }
  } catch (error) {
    return { introspected: true, error: asLiveSyncError(error, config.id) }
  }
  loader.useIntrospection(config.id, false)
  return plain
}

function withParsed(loaded: LoadedDocument, parsed: unknown): LoadedDocument {
  return parsed === undefined ? loaded : { ...loaded, parsed }
}

async function askWithTimeout(
  config: LiveSourceConfig,
  url: string,
  loader: CliLoader,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<GraphqlEndpointAnswer | undefined> {
  const target = splitUrlCredentials(url)
  const headers = buildRequestHeaders({ sourceId: config.id, configHeaders: config.headers, basicAuthorization: target.basicAuthorization })
  try {
    return await withTimeout((timed) => askGraphqlEndpoint(loader.fetch, target.url, headers, timed, config.id), {
      clock: loader.clock,
      timeoutMs,
      signal,
      timeoutError: () => sourceTimeoutError(config.id, timeoutMs),
    })
  } catch {
    return undefined
  }
}

function refusedError(config: LiveSourceConfig, url: string, answer: Extract<GraphqlEndpointAnswer, { kind: 'refused' }>): InvalidSpecError {
  const said = `HTTP ${answer.status}: "${answer.message}"`
  const what = answer.introspectionDisabled
    ? `is a GraphQL endpoint with introspection disabled (${said}): enable introspection on the server (at least in development), or watch its schema file (SDL) instead`
    : `is a GraphQL endpoint that refused the introspection query (${said}): check the headers it needs (--header "Authorization: ...")`
  return new InvalidSpecError(`${redactUrl(url)} ${what}`, { sourceId: config.id })
}

function asLiveSyncError(error: unknown, sourceId: string): LiveSyncError {
  if (error instanceof LiveSyncError) return error
  return new NetworkError(`Source "${sourceId}": ${error instanceof Error ? error.message : String(error)}`, { sourceId, cause: error })
}
