/** Stable error codes: users and acceptance tests match on these. */
export type LiveSyncErrorCode =
  | 'INVALID_CONFIG'
  | 'SOURCE_NOT_FOUND'
  | 'DUPLICATE_SOURCE'
  | 'HTTP_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'PARSE_ERROR'
  | 'INVALID_SPEC'
  | 'TOO_LARGE'
  | 'TARGET_ERROR'
  | 'CANCELLED'
  | 'DISPOSED'
  | 'STATE_ERROR'
  | 'STALE_PLAN'

export interface LiveSyncErrorOptions {
  sourceId?: string | undefined
  retryable?: boolean
  cause?: unknown
}

/** Base class of every error the library throws or reports. */
export class LiveSyncError extends Error {
  override readonly name: string = 'LiveSyncError'
  readonly code: LiveSyncErrorCode
  readonly sourceId: string | undefined
  readonly retryable: boolean

  constructor(code: LiveSyncErrorCode, message: string, options: LiveSyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.sourceId = options.sourceId
    this.retryable = options.retryable ?? false
  }

  /**
   * What `JSON.stringify` keeps of the error (a failed `SyncResult`, an event logged as JSON): its
   * name, code, message and the subclass's own fields (`status`, `timeoutMs`, `issues`, ...). An
   * Error's message is not enumerable, so without this it would be lost; the `cause` and stack stay
   * out, as they may hold what is not meant for logs.
   */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, code: this.code, message: this.message }
  }
}

/** One problem found while validating a config or options object. */
export interface ConfigIssue {
  /** Dotted path of the bad field, e.g. `refreshInterval` or `headers.Authorization`. */
  path: string
  message: string
}

export class InvalidConfigError extends LiveSyncError {
  override readonly name = 'InvalidConfigError'
  readonly issues: readonly ConfigIssue[]
  constructor(message: string, issues: readonly ConfigIssue[], options: LiveSyncErrorOptions = {}) {
    super('INVALID_CONFIG', message, options)
    this.issues = issues
  }
}

export class SourceNotFoundError extends LiveSyncError {
  override readonly name = 'SourceNotFoundError'
  constructor(sourceId: string) {
    super('SOURCE_NOT_FOUND', `Source "${sourceId}" is not registered`, { sourceId })
  }
}

export class DuplicateSourceError extends LiveSyncError {
  override readonly name = 'DuplicateSourceError'
  constructor(sourceId: string) {
    super('DUPLICATE_SOURCE', `Source "${sourceId}" is already registered`, { sourceId })
  }
}

export class HttpError extends LiveSyncError {
  override readonly name = 'HttpError'
  readonly status: number
  /** Delay the server asked for through `Retry-After`, in ms, when it sent one. */
  readonly retryAfterMs: number | undefined
  constructor(message: string, status: number, options: LiveSyncErrorOptions & { retryAfterMs?: number | undefined } = {}) {
    super('HTTP_ERROR', message, { ...options, retryable: options.retryable ?? isRetryableStatus(status) })
    this.status = status
    this.retryAfterMs = options.retryAfterMs
  }
}

export class NetworkError extends LiveSyncError {
  override readonly name = 'NetworkError'
  constructor(message: string, options: LiveSyncErrorOptions = {}) {
    super('NETWORK_ERROR', message, { retryable: true, ...options })
  }
}

export class TimeoutError extends LiveSyncError {
  override readonly name = 'TimeoutError'
  readonly timeoutMs: number
  constructor(message: string, timeoutMs: number, options: LiveSyncErrorOptions = {}) {
    super('TIMEOUT', message, { retryable: true, ...options })
    this.timeoutMs = timeoutMs
  }
}

export class ParseError extends LiveSyncError {
  override readonly name = 'ParseError'
  /** `json`, `yaml`, `graphql`, ... */
  readonly format: string
  readonly line: number | undefined
  readonly column: number | undefined
  constructor(
    message: string,
    details: { format: string; line?: number | undefined; column?: number | undefined },
    options: LiveSyncErrorOptions = {},
  ) {
    super('PARSE_ERROR', message, { ...options, retryable: false })
    this.format = details.format
    this.line = details.line
    this.column = details.column
  }
}

export class InvalidSpecError extends LiveSyncError {
  override readonly name = 'InvalidSpecError'
  constructor(message: string, options: LiveSyncErrorOptions = {}) {
    super('INVALID_SPEC', message, { ...options, retryable: false })
  }
}

export class TooLargeError extends LiveSyncError {
  override readonly name = 'TooLargeError'
  readonly maxBytes: number
  constructor(message: string, maxBytes: number, options: LiveSyncErrorOptions = {}) {
    super('TOO_LARGE', message, { ...options, retryable: false })
    this.maxBytes = maxBytes
  }
}

export class TargetError extends LiveSyncError {
  override readonly name = 'TargetError'
  constructor(message: string, options: LiveSyncErrorOptions = {}) {
    super('TARGET_ERROR', message, { retryable: false, ...options })
  }
}

export class CancelledError extends LiveSyncError {
  override readonly name = 'CancelledError'
  constructor(message: string, options: LiveSyncErrorOptions = {}) {
    super('CANCELLED', message, { ...options, retryable: false })
  }
}

export class DisposedError extends LiveSyncError {
  override readonly name = 'DisposedError'
  constructor(message = 'The LiveSyncService has been disposed') {
    super('DISPOSED', message, { retryable: false })
  }
}

/** Saved state could not be read, parsed or written (a corrupt state file is reported, never silently reset). */
export class StateError extends LiveSyncError {
  override readonly name = 'StateError'
  constructor(message: string, options: LiveSyncErrorOptions = {}) {
    super('STATE_ERROR', message, { retryable: false, ...options })
  }
}

/**
 * A review plan cannot be applied any more: a newer sync replaced it, it was dropped, or the user's
 * collection changed since it was made. Nothing was written; show the pending plan (if any) again.
 */
export class StalePlanError extends LiveSyncError {
  override readonly name = 'StalePlanError'
  /** Id of the plan that was refused. */
  readonly planId: string
  constructor(message: string, planId: string, options: LiveSyncErrorOptions = {}) {
    super('STALE_PLAN', message, { retryable: false, ...options })
    this.planId = planId
  }
}

/** 408, 429 and 5xx are worth another attempt; every other status is the server's final word. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

export const isLiveSyncError = (error: unknown): error is LiveSyncError => error instanceof LiveSyncError
const hasCode =
  <T extends LiveSyncError>(code: LiveSyncErrorCode) =>
  (error: unknown): error is T =>
    error instanceof LiveSyncError && error.code === code
export const isInvalidConfigError = hasCode<InvalidConfigError>('INVALID_CONFIG')
export const isSourceNotFoundError = hasCode<SourceNotFoundError>('SOURCE_NOT_FOUND')
export const isDuplicateSourceError = hasCode<DuplicateSourceError>('DUPLICATE_SOURCE')
export const isHttpError = hasCode<HttpError>('HTTP_ERROR')
export const isNetworkError = hasCode<NetworkError>('NETWORK_ERROR')
export const isTimeoutError = hasCode<TimeoutError>('TIMEOUT')
export const isParseError = hasCode<ParseError>('PARSE_ERROR')
export const isInvalidSpecError = hasCode<InvalidSpecError>('INVALID_SPEC')
export const isTooLargeError = hasCode<TooLargeError>('TOO_LARGE')
export const isTargetError = hasCode<TargetError>('TARGET_ERROR')
export const isCancelledError = hasCode<CancelledError>('CANCELLED')
export const isDisposedError = hasCode<DisposedError>('DISPOSED')
export const isStateError = hasCode<StateError>('STATE_ERROR')
export const isStalePlanError = hasCode<StalePlanError>('STALE_PLAN')

/** Wraps anything thrown (including non-Error values) into an Error, keeping LiveSyncErrors as they are. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value
  return new Error(typeof value === 'string' ? value : `Non-error thrown: ${safeString(value)}`)
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
