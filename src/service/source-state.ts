import type { LiveSourceConfig } from '../config/config.js'
import type { LiveSyncError } from '../errors/errors.js'
import type { ApiSnapshot } from '../formats/types.js'
import type { SyncStatus } from './types.js'

/** Everything the service knows about one source. Changed only through `reduceSourceState`. */
export interface SourceState {
  readonly config: LiveSourceConfig
  readonly status: 'pending' | 'success' | 'failed'
  readonly syncing: boolean
  readonly lastSync: Date | null
  readonly lastSuccess: Date | null
  readonly nextSync: Date | null
  readonly changesDetected: boolean
  readonly consecutiveFailures: number
  readonly error: LiveSyncError | null
  /** Last good snapshot: the baseline the next change is diffed against. */
  readonly snapshot: ApiSnapshot | undefined
  /** SHA-256 of the raw bytes of the last good document: equal bytes skip all further work. */
  readonly contentHash: string | undefined
  readonly etag: string | undefined
  readonly lastModified: string | undefined
  /** Bumped whenever the source's location changes: a sync commits validators only for the location it loaded. */
  readonly locationGeneration: number
}

/** Fields a successful sync commits. */
export interface SyncCommit {
  snapshot: ApiSnapshot | undefined
  contentHash: string | undefined
  etag: string | undefined
  lastModified: string | undefined
}

export type SourceAction =
  | { type: 'configUpdated'; config: LiveSourceConfig; locationChanged: boolean }
  | { type: 'syncStarted' }
  | { type: 'syncSucceeded'; at: Date; changesDetected: boolean; commit: SyncCommit; locationGeneration: number }
  | { type: 'syncFailed'; at: Date; error: LiveSyncError }
  | { type: 'syncCancelled' }
  | { type: 'pollScheduled'; at: Date | null }
  | { type: 'restored'; commit: SyncCommit; lastSuccess: Date | null }

export function initialSourceState(config: LiveSourceConfig): SourceState {
  return {
    config,
    status: 'pending',
    syncing: false,
    lastSync: null,
    lastSuccess: null,
    nextSync: null,
    changesDetected: false,
    consecutiveFailures: 0,
    error: null,
    snapshot: undefined,
    contentHash: undefined,
    etag: undefined,
    lastModified: undefined,
    locationGeneration: 0,
  }
}

/** The one place a source's state changes (TanStack Query's `#dispatch` pattern). */
export function reduceSourceState(state: SourceState, action: SourceAction): SourceState {
  switch (action.type) {
    case 'configUpdated':
      // A new location invalidates the conditional-request validators, never the baseline:
      // the next sync still diffs against the last good snapshot.
      return action.locationChanged
        ? {
            ...state,
            config: action.config,
            etag: undefined,
            lastModified: undefined,
            contentHash: undefined,
            locationGeneration: state.locationGeneration + 1,
          }
        : { ...state, config: action.config }
    case 'syncStarted':
      return { ...state, syncing: true }
    case 'syncSucceeded':
      return {
        ...state,
        ...commitFor(state, action.commit, action.locationGeneration),
        status: 'success',
        syncing: false,
        lastSync: action.at,
        lastSuccess: action.at,
        changesDetected: action.changesDetected,
        consecutiveFailures: 0,
        error: null,
      }
    case 'syncFailed':
      // The snapshot, hashes and validators stay: a failed sync never loses the last good state.
      return {
        ...state,
        status: 'failed',
        syncing: false,
        lastSync: action.at,
        consecutiveFailures: state.consecutiveFailures + 1,
        error: action.error,
      }
    case 'syncCancelled':
      return { ...state, syncing: false }
    case 'pollScheduled':
      return { ...state, nextSync: action.at }
    case 'restored':
      return { ...state, ...action.commit, status: 'success', lastSuccess: action.lastSuccess, lastSync: action.lastSuccess }
  }
}

/**
 * What of a sync's commit applies now: all of it when the source still has the location that sync
 * loaded; otherwise only the snapshot, since the old location's validators and content hash would
 * make the new location answer 304 or look unchanged (issue 11, item 2).
 */
export function commitFor(state: SourceState, commit: SyncCommit, locationGeneration: number): SyncCommit {
  if (locationGeneration === state.locationGeneration) return commit
  return { snapshot: commit.snapshot, contentHash: state.contentHash, etag: state.etag, lastModified: state.lastModified }
}

/** The public status of a source, derived from its state. */
export function toSyncStatus(state: SourceState): SyncStatus {
  const status: SyncStatus = {
    sourceId: state.config.id,
    name: state.config.name,
    status: state.status,
    syncing: state.syncing,
    enabled: state.config.enabled,
    lastSync: state.lastSync,
    lastSuccess: state.lastSuccess,
    nextSync: state.nextSync,
    changesDetected: state.changesDetected,
    consecutiveFailures: state.consecutiveFailures,
    fingerprint: state.snapshot?.fingerprint ?? null,
  }
  if (state.status === 'failed' && state.error) {
    status.errorCode = state.error.code
    status.errorMessage = state.error.message
  }
  return status
}
