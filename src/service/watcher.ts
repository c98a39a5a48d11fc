import type { LiveSourceConfig } from '../config/config.js'

/**
 * Tells the service when a source may have changed (a file on disk, a push channel), so it syncs
 * with trigger `'watch'` in addition to polling. `api-live-sync/node` provides one for files.
 */
export interface SourceWatcher {
  /** Starts watching; returns a function that stops, or `undefined` when this source cannot be watched. */
  watch(source: LiveSourceConfig, onChange: () => void): (() => void) | undefined
}
