import { resolve } from 'node:path'
import type { LiveSourceConfig } from '../config/config.js'
import type { SourceWatcher } from '../service/watcher.js'
import { WatchedFile } from './watched-file.js'

/** Options of {@link createFileWatcher}. */
export interface FileWatcherOptions {
  /** Quiet time in ms after the last file event before the service is told, so one save is one sync. @default 100 */
  readonly debounceMs?: number
  /** Longest in ms a steady stream of events (a file written continuously) can postpone the sync. @default 10 × debounceMs, at least 1000 */
  readonly maxWaitMs?: number
  /** Wait in ms before trying again to watch a directory that is missing (or whose watch failed). @default 1000 */
  readonly retryMs?: number
}

/**
 * Watches `filePath` sources with `fs.watch` on each file's directory (see {@link WatchedFile}), so
 * the service syncs with trigger `'watch'` right after a save instead of waiting for the next poll.
 * Handles in-place writes, editors that save through a temp file renamed over the target, and files
 * deleted then recreated. `url` sources are not watched (`watch` returns `undefined`).
 *
 * Each watch keeps the process alive, like the service's poll timers; the service closes it on
 * `stop()`, `dispose()`, `removeSource()` and `updateSource()`.
 *
 * @example new LiveSyncService({ loader: createNodeLoader(), watcher: createFileWatcher({ debounceMs: 200 }) })
 */
export function createFileWatcher(options: FileWatcherOptions = {}): SourceWatcher {
  const debounceMs = nonNegative('debounceMs', options.debounceMs, 100)
  const maxWaitMs = nonNegative('maxWaitMs', options.maxWaitMs, Math.max(1000, debounceMs * 10))
  const retryMs = nonNegative('retryMs', options.retryMs, 1000)
  return {
    watch(source: LiveSourceConfig, onChange: () => void): (() => void) | undefined {
      if (source.filePath === undefined) return undefined
      const file = new WatchedFile(resolve(source.filePath), onChange, { debounceMs, maxWaitMs, retryMs })
      file.start()
      return () => file.close()
    },
  }
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`createFileWatcher: ${name} must be a non-negative number of milliseconds, received ${String(value)}`)
  }
  return value
}
