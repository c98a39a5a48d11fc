import type { CliIo } from './cli-io.js'

/** Resolves when the user asks a long-running command to stop. */
export interface StopRequest {
  /** Resolves with what asked: `SIGINT`, `SIGTERM` or `abort` (the io's signal). */
  readonly stopped: Promise<string>
  /** Removes the listeners; call once the command is done. */
  dispose(): void
}

/** Waits for Ctrl-C (SIGINT), SIGTERM or the io's abort signal, whichever comes first. */
export function waitForStop(io: CliIo): StopRequest {
  const cleanups: Array<() => void> = []
  const stopped = new Promise<string>((resolve) => {
    if (io.signal?.aborted) {
      resolve('abort')
      return
    }
    const onAbort = () => resolve('abort')
    io.signal?.addEventListener('abort', onAbort, { once: true })
    cleanups.push(() => io.signal?.removeEventListener('abort', onAbort))
    if (!io.handleProcessSignals) return
    for (const name of ['SIGINT', 'SIGTERM'] as const) {
      const onSignal = () => resolve(name)
      process.once(name, onSignal)
      cleanups.push(() => process.off(name, onSignal))
    }
  })
  return {
    stopped,
    dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup()
    },
  }
}
