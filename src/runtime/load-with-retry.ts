import pRetry, { AbortError } from 'p-retry'
import type { LiveSourceConfig } from '../model/source-config.js'
import { LiveSyncError, NetworkError, TimeoutError, toError } from '../errors/errors.js'
import type { LoadRequest, LoadResult, SourceLoader } from '../model/loader.js'
import { linkedAbortController, raceAbort, sleep } from './abort.js'
import type { Clock } from '../model/clock.js'
import { isRetryable, retryDelay, type RetryOptions } from './retry-policy.js'

export interface LoadWithRetryOptions {
  loader: SourceLoader
  clock: Clock
  retry: RetryOptions
  timeoutMs: number
  /** Cancels the whole load, retries and waits included. */
  signal: AbortSignal
  request: Omit<LoadRequest, 'signal'>
  /** Called before each wait between attempts. */
  onRetry?: (info: { attempt: number; error: LiveSyncError; delayMs: number }) => void
  /** Counts attempts as they start, so a failed sync can still say how many it made. */
  onAttempt?: (attempt: number) => void
}

/**
 * Loads a source with p-retry: one attempt per call of the loader, each with its own timeout
 * (the clock plus an AbortController, so fake timers drive it). Waits between attempts go
 * through the clock too, because their length depends on the error (`Retry-After`), which
 * p-retry's own fixed schedule cannot express.
 */
export async function loadWithRetry(source: LiveSourceConfig, options: LoadWithRetryOptions): Promise<LoadResult> {
  const { signal, retry } = options
  return pRetry(
    async (attempt) => {
      options.onAttempt?.(attempt)
      try {
        return await loadOnce(source, options, attempt)
      } catch (thrown) {
        if (signal.aborted) throw new AbortError(toError(signal.reason))
        const error = asLiveSyncError(thrown, source)
        if (!isRetryable(error)) throw new AbortError(error)
        throw error
      }
    },
    {
      retries: retry.retries,
      // p-retry must not add a delay of its own: ours (below) is the only wait between attempts.
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      signal,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft <= 0) return
        const liveError = error as LiveSyncError
        const delayMs = retryDelay(attemptNumber, liveError, retry)
        options.onRetry?.({ attempt: attemptNumber, error: liveError, delayMs })
        await sleep(options.clock, delayMs, signal)
      },
    },
  )
}

async function loadOnce(source: LiveSourceConfig, options: LoadWithRetryOptions, attempt: number): Promise<LoadResult> {
  const { controller, dispose } = linkedAbortController(options.signal)
  const timeoutMs = source.timeout ?? options.timeoutMs
  const timer = options.clock.setTimeout(() => {
    controller.abort(new TimeoutError(`Source "${source.id}" did not answer within ${timeoutMs} ms`, timeoutMs, { sourceId: source.id }))
  }, timeoutMs)
  try {
    return await raceAbort(options.loader.load(source, { ...options.request, attempt, clock: options.clock, signal: controller.signal }), controller.signal)
  } catch (error) {
    // A timeout surfaces as the TimeoutError we aborted with, whatever the loader threw.
    if (controller.signal.aborted && !options.signal.aborted) throw controller.signal.reason
    throw error
  } finally {
    options.clock.clearTimeout(timer)
    dispose()
  }
}

function asLiveSyncError(error: unknown, source: LiveSourceConfig): LiveSyncError {
  if (error instanceof LiveSyncError) return error
  const cause = toError(error)
  return new NetworkError(`Loading source "${source.id}" failed: ${cause.message}`, { sourceId: source.id, cause })
}
