import type { Clock } from '../model/clock.js'

/** Resolves after `ms` on the given clock; rejects with the signal's reason when aborted first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      clock.clearTimeout(handle)
      reject(signal?.reason)
    }
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts, so a loader
 * that ignores its signal can never make a cancelled sync hang.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {})
    return Promise.reject(signal.reason)
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {})
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/** A controller aborted when any of the parents aborts; `dispose` detaches it from them. */
export function linkedAbortController(...parents: AbortSignal[]): { controller: AbortController; dispose(): void } {
  const controller = new AbortController()
  const listeners: Array<[AbortSignal, () => void]> = []
  for (const parent of parents) {
    if (parent.aborted) {
      controller.abort(parent.reason)
      break
    }
    const onAbort = () => controller.abort(parent.reason)
    parent.addEventListener('abort', onAbort, { once: true })
    listeners.push([parent, onAbort])
  }
  return {
    controller,
    dispose() {
      for (const [parent, onAbort] of listeners) parent.removeEventListener('abort', onAbort)
      listeners.length = 0
    },
  }
}
