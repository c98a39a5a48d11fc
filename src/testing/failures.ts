import { HttpError, NetworkError, TooLargeError } from '../errors/errors.js'
import { parseRetryAfter } from '../loaders/retry-after.js'
import { sourceTimeoutError } from '../runtime/load-once.js'

/** A ready-made failure for `FakeSource.fail`: built into the library's own typed error when a request meets it. */
export type FakeFailure =
  | { readonly kind: 'httpStatus'; readonly status: number; readonly statusText?: string | undefined; readonly retryAfter?: number | string | undefined }
  | { readonly kind: 'networkError'; readonly code: string }
  | { readonly kind: 'timeout'; readonly timeoutMs?: number | undefined }
  | { readonly kind: 'tooLarge' }
  | { readonly kind: 'invalidDocument'; readonly body: string }

/**
 * The failures a source shows in real life, as the library reports them: each becomes the same typed
 * error (`HttpError`, `NetworkError`, `TimeoutError`, `TooLargeError`, a parse error) with the same
 * `retryable` as the real loaders and the service give it.
 */
export const failures = {
  /**
   * The server answers with an error status: `HttpError`, retryable for 408, 429 and 5xx.
   * `retryAfter` is the `Retry-After` header: seconds (a number or `"120"`) or an HTTP date.
   */
  httpStatus(status: number, options: { retryAfter?: number | string; statusText?: string } = {}): FakeFailure {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`failures.httpStatus: status must be an error status (400..599), got ${status}`)
    }
    return { kind: 'httpStatus', status, statusText: options.statusText, retryAfter: options.retryAfter }
  },
  /** The connection fails (refused by default): a retryable `NetworkError` quoting `code`. */
  networkError(options: { code?: string } = {}): FakeFailure {
    return { kind: 'networkError', code: options.code ?? 'ECONNREFUSED' }
  },
  /**
   * The attempt times out: a retryable `TimeoutError` at once. Its `timeoutMs` is the source's
   * `timeout` (or 30000, the service's default) unless given. For a timeout the service's own timer
   * fires, on its clock, use `hang()` instead.
   */
  timeout(options: { timeoutMs?: number } = {}): FakeFailure {
    return { kind: 'timeout', timeoutMs: options.timeoutMs }
  },
  /** The document is larger than the service's `maxBytes`: a `TooLargeError`, not retried. */
  tooLarge(): FakeFailure {
    return { kind: 'tooLarge' }
  },
  /**
   * The server sends a document that cannot be read (by default truncated JSON): the service's parser
   * rejects it with its own `ParseError` or `InvalidSpecError`, not retried.
   */
  invalidDocument(body = '{ "openapi": "3.0.3", "paths": {'): FakeFailure {
    return { kind: 'invalidDocument', body }
  },
} as const

/** Who a failure is about, for messages that read like the real loaders'. */
export interface FailureContext {
  sourceId: string
  /** `Source "pets" (GET https://…)`. */
  label: string
  timeoutMs: number | undefined
  maxBytes: number
  nowMs: number
}

/** The error a failure throws; `invalidDocument` is a response, not an error, so it has none. */
export function failureError(failure: Exclude<FakeFailure, { kind: 'invalidDocument' }>, context: FailureContext): Error {
  const { sourceId, label } = context
  switch (failure.kind) {
    case 'httpStatus': {
      const statusText = failure.statusText ? ` ${failure.statusText}` : ''
      const retryAfter = failure.retryAfter === undefined ? undefined : String(failure.retryAfter)
      return new HttpError(`${label}: the server answered HTTP ${failure.status}${statusText}`, failure.status, {
        sourceId,
        retryAfterMs: parseRetryAfter(retryAfter, context.nowMs),
      })
    }
    case 'networkError':
      return new NetworkError(`${label}: the request failed (${failure.code})`, { sourceId })
    case 'timeout': {
      const timeoutMs = failure.timeoutMs ?? context.timeoutMs ?? 30_000
      // The very error a real timeout gives.
      return sourceTimeoutError(sourceId, timeoutMs)
    }
    case 'tooLarge':
      return tooLargeError(context)
  }
}

/** The error of a body over `maxBytes`, worded like the HTTP loader's. */
export function tooLargeError(context: FailureContext): TooLargeError {
  return new TooLargeError(`${context.label}: the server sent more than the limit of ${context.maxBytes} bytes`, context.maxBytes, {
    sourceId: context.sourceId,
  })
}
