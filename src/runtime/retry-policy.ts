import { isLiveSyncError, isHttpError, type LiveSyncError } from '../errors/errors.js'

export interface RetryOptions {
  /** Retries after the first attempt. @default 3 */
  retries: number
  /** Delay before the first retry, in ms. @default 1000 */
  minTimeout: number
  /** Longest delay between attempts, in ms; also caps `Retry-After`. @default 30000 */
  maxTimeout: number
  /** Growth of the delay per retry. @default 2 */
  factor: number
  /** Multiply each delay by a random factor in [1, 2) so many clients do not retry in step. @default true */
  randomize: boolean
}

/**
 * The one place that decides whether a failed attempt is worth another: network errors,
 * timeouts, 408, 429 and 5xx are; other 4xx, parse, validation and size errors are not.
 * Errors that are not LiveSyncErrors come from custom loaders and are retried (DESIGN.md).
 */
export function isRetryable(error: unknown): boolean {
  return isLiveSyncError(error) ? error.retryable : true
}

/** Delay before retry number `retry` (1 for the first retry), honouring a capped `Retry-After`. */
export function retryDelay(retry: number, error: LiveSyncError, options: RetryOptions, random: () => number = Math.random): number {
  if (isHttpError(error) && error.retryAfterMs !== undefined) {
    return Math.min(Math.max(0, error.retryAfterMs), options.maxTimeout)
  }
  const jitter = options.randomize ? 1 + random() : 1
  const exponential = options.minTimeout * options.factor ** (retry - 1)
  return Math.round(Math.min(exponential * jitter, options.maxTimeout))
}

/**
 * Delay before the next poll of a source: its refresh interval after a success, growing
 * exponentially with consecutive failures, capped at `max(refreshInterval, maxBackoff)`.
 */
export function pollDelay(refreshInterval: number, consecutiveFailures: number, maxBackoff: number): number {
  if (consecutiveFailures === 0) return refreshInterval
  const cap = Math.max(refreshInterval, maxBackoff)
  // Exponent bounded so 2 ** n cannot overflow to Infinity after a very long outage.
  return Math.min(refreshInterval * 2 ** Math.min(consecutiveFailures, 30), cap)
}
