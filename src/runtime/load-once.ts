import { TimeoutError } from '../errors/errors.js'
import type { Clock } from '../model/clock.js'
import type { LoadRequest, LoadResult, SourceLoader } from '../model/loader.js'
import type { LiveSourceConfig } from '../model/source-config.js'
import { linkedAbortController, raceAbort } from './abort.js'

/** Options of {@link withTimeout}. */
export interface WithTimeoutOptions {
  /** The clock the budget runs on: a fake clock, not real time, decides when it is up. */
  readonly clock: Clock
  readonly timeoutMs: number
  /** Cancels the work; it then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** What the work rejects with when the budget is spent (a `TimeoutError` naming what was slow). */
  readonly timeoutError: () => Error
}

/**
 * Runs `work` with a signal that aborts when `timeoutMs` pass on the clock or `options.signal`
 * aborts. The one place a budget is built (from the clock and an AbortController, never from the
 * platform's timers or `AbortSignal.timeout`, which fake clocks cannot drive). Settles as soon as
 * either fires, even when `work` ignores its signal; a timeout rejects with `timeoutError()`,
 * whatever `work` threw on seeing its signal abort.
 */
export async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, options: WithTimeoutOptions): Promise<T> {
  const { clock, timeoutMs, signal } = options
  const { controller, dispose } = linkedAbortController(...(signal === undefined ? [] : [signal]))
  const timer = clock.setTimeout(() => controller.abort(options.timeoutError()), timeoutMs)
  try {
    return await raceAbort(work(controller.signal), controller.signal)
  } catch (error) {
    if (controller.signal.aborted && signal?.aborted !== true) throw controller.signal.reason
    throw error
  } finally {
    clock.clearTimeout(timer)
    dispose()
  }
}

/** Options of {@link loadOnce}. */
export interface LoadOnceOptions {
  readonly loader: SourceLoader
  readonly clock: Clock
  /** Budget of the load in ms; the source's own `timeout` wins. */
  readonly timeoutMs: number
  /** Cancels the load; it then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined
  /** The rest of the loader's request (size limit, validators, attempt, progress). */
  readonly request: Omit<LoadRequest, 'signal' | 'clock'>
}

/**
 * One load of a source within its budget, on the given clock: the service's attempts (each retry
 * is one of these), `testSource` and the CLI's own looks at a source. A slow source rejects with a
 * `TimeoutError` that names it.
 */
export function loadOnce(source: LiveSourceConfig, options: LoadOnceOptions): Promise<LoadResult> {
  const { loader, clock } = options
  const timeoutMs = source.timeout ?? options.timeoutMs
  return withTimeout((signal) => loader.load(source, { ...options.request, clock, signal }), {
    clock,
    timeoutMs,
    signal: options.signal,
    timeoutError: () => sourceTimeoutError(source.id, timeoutMs),
  })
}

/** `Source "pets" did not answer within 30000 ms`. */
export function sourceTimeoutError(sourceId: string, timeoutMs: number): TimeoutError {
  return new TimeoutError(`Source "${sourceId}" did not answer within ${timeoutMs} ms`, timeoutMs, { sourceId })
}
