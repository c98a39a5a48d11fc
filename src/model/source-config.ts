import type { SourceType } from './identity.js'

/**
 * A validated source config, every default filled in: what loaders, events and `parseSourceConfig`
 * give back. Validation lives in `config/config.ts` (zod); a type test keeps its output equal to this.
 */
export interface LiveSourceConfig {
  /** Unique id of the source in its service. */
  id: string
  /** Name shown to people. */
  name: string
  /** Format of the definition the source serves. */
  type: SourceType
  /** http(s) URL of the definition; exactly one of `url` and `filePath`. */
  url?: string | undefined
  /** Path of the definition on disk (needs `api-live-sync/node`); exactly one of `url` and `filePath`. */
  filePath?: string | undefined
  /** Poll interval in ms; 0 means manual syncs only, otherwise at least 1000. */
  refreshInterval: number
  /** Disabled sources are kept but never polled nor synced by `syncAllSources`. */
  enabled: boolean
  /** Headers sent with every HTTP request of this source. Never shown in status, errors, events or saved state. */
  headers?: Record<string, string> | undefined
  /** Per-attempt timeout in ms for this source; overrides the service's `timeout`. */
  timeout?: number | undefined
}
