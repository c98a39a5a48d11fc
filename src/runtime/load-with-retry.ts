import pRetry, { AbortError } from 'p-retry'
import type { LiveSourceConfig } from '../model/source-config.js'
import { LiveSyncError, NetworkError, toError } from '../errors/errors.js'
import type { LoadRequest, LoadResult, SourceLoader } from '../model/loader.js'
import { sleep } from './abort.js'
import { loadOnce } from './load-once.js'
import type { Clock } from '../model/clock.js'
import { isRetryable, retryDelay, type RetryOptions } from './retry-policy.js'

export interface LoadWithRetryOptions {
  loader: SourceLoader
  clock: Clock
  retry: RetryOptions
  timeoutMs: number
  /** Cancels the whole load, retries and waits included. */
  signal: AbortSignal
  request: Omit<LoadRequest, 'signal' | 'clock' | 'attempt'>
  /** Called before each wait between attempts. */
  onRetry?: (info: { attempt: number; error: LiveSyncError; delayMs: number }) => void
  /** Counts attempts as they start, so a failed sync can still say how many it made. */
  onAttempt?: (attempt: number) => void
}

/**
 * Loads a source with p-retry: one attempt per call of the loader, each a {@link loadOnce} with
 * its own timeout on the clock. Waits between attempts go
 * through the clock too, because their length depends on the error (`Retry-After`), which
 * p-retry's own fixed schedule cannot express.
 */
export async function loadWithRetry(source: LiveSourceConfig, options: LoadWithRetryOptions): Promise<LoadResult> {
  const { signal, retry } = options
  return pRetry(
    async (attempt) => {
      options.onAttempt?.(attempt)
      try {
        return await loadOnce(source, { ...options, request: { ...options.request, attempt } })
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

function asLiveSyncError(error: unknown, source: LiveSourceConfig): LiveSyncError {
  if (error instanceof LiveSyncError) return error
  const cause = toError(error)
  return new NetworkError(`Loading source "${source.id}" failed: ${cause.message}`, { sourceId: source.id, cause })
}
