import type { LiveSyncError } from '../errors/errors.js'
import type { ChangeSet } from './change.js'
import type { MergeReport } from './collection.js'
import type { LiveSourceConfig } from './source-config.js'

/** What started a sync. */
export type SyncTrigger = 'manual' | 'poll' | 'watch'

/** Outcome of one sync. */
export interface SyncResult {
  sourceId: string
  status: 'success' | 'failed' | 'cancelled'
  trigger: SyncTrigger
  /** True when the definition changed in a way the diff could see (always true on a first successful sync with operations). */
  changesDetected: boolean
  /** Present on success: what changed since the last good snapshot (everything added on a first sync). */
  changes?: ChangeSet
  /** Load attempts made, retries included. */
  attempts: number
  startedAt: Date
  finishedAt: Date
  durationMs: number
  /** Fingerprint of the snapshot now in place (success only). */
  fingerprint?: string
  /** What merging into the attached target did, when the sync wrote one. */
  merge?: MergeReport
  /** Why the sync failed or was cancelled. */
  error?: LiveSyncError
}

/** A source's state as hosts show it; derived from the per-source reducer. */
export interface SyncStatus {
  sourceId: string
  name: string
  /** Outcome of the last finished sync; `pending` before the first one. */
  status: 'pending' | 'success' | 'failed'
  syncing: boolean
  enabled: boolean
  lastSync: Date | null
  lastSuccess: Date | null
  nextSync: Date | null
  /** Whether the last successful sync found changes. */
  changesDetected: boolean
  consecutiveFailures: number
  errorCode?: string
  errorMessage?: string
  fingerprint: string | null
}

/** A source config as it appears in events: header values and URL credentials removed. */
export type PublicSourceConfig = LiveSourceConfig
