import type { LiveSyncError } from '../errors/errors.js'
import type { Baseline } from '../model/baseline.js'
import type { LiveSourceConfig } from '../model/source-config.js'
import type { SyncStatus } from '../model/sync.js'

/** Everything the service knows about one source. Changed only through `reduceSourceState`. */
export interface SourceState extends Baseline {
  readonly config: LiveSourceConfig
  readonly status: 'pending' | 'success' | 'failed'
  readonly syncing: boolean
  readonly lastSync: Date | null
  readonly lastSuccess: Date | null
  readonly nextSync: Date | null
  readonly changesDetected: boolean
  readonly consecutiveFailures: number
  readonly error: LiveSyncError | null
  /** Bumped whenever the source's location changes: a sync commits validators only for the location it loaded. */
  readonly locationGeneration: number
}

/** A baseline saved by an earlier service over the same store. */
export interface RestoredBaseline {
  readonly baseline: Baseline
  readonly lastSuccess: Date | null
}

export type SourceAction =
  | { type: 'registered'; restored: RestoredBaseline | undefined }
  | { type: 'configUpdated'; config: LiveSourceConfig; locationChanged: boolean }
  | { type: 'syncStarted' }
  | { type: 'syncSucceeded'; at: Date; changesDetected: boolean; commit: Baseline; locationGeneration: number }
  | { type: 'syncFailed'; at: Date; error: LiveSyncError }
  | { type: 'syncCancelled' }
  | { type: 'pollScheduled'; at: Date | null }

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

/** The one place a source's state changes (TanStack Query's `#dispatch` pattern); `Source.dispatch` runs it. */
export function reduceSourceState(state: SourceState, action: SourceAction): SourceState {
  switch (action.type) {
    case 'registered': {
      // Only a saved snapshot makes a baseline; a saved base collection alone leaves the source pending.
      const restored = action.restored
      if (!restored?.baseline.snapshot) return state
      return { ...state, ...baselineOf(restored.baseline), status: 'success', lastSuccess: restored.lastSuccess, lastSync: restored.lastSuccess }
    }
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
  }
}

/** Whether `next` loads from elsewhere than `previous` (URL, file, type or headers): the validators no longer apply. */
export function isNewLocation(previous: LiveSourceConfig, next: LiveSourceConfig): boolean {
  return previous.url !== next.url || previous.filePath !== next.filePath || previous.type !== next.type || !sameHeaders(previous.headers, next.headers)
}

function sameHeaders(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const aKeys = Object.keys(a ?? {})
  const bKeys = Object.keys(b ?? {})
  return aKeys.length === bKeys.length && aKeys.every((key) => a?.[key] === b?.[key])
}

/** The baseline part of a state (or of anything that extends a baseline). */
export function baselineOf(from: Baseline): Baseline {
  return { snapshot: from.snapshot, contentHash: from.contentHash, etag: from.etag, lastModified: from.lastModified }
}

/**
 * What of a sync's commit applies now: all of it when the source still has the location that sync
 * loaded; otherwise only the snapshot, since the old location's validators and content hash would
 * make the new location answer 304 or look unchanged (issue 11, item 2).
 */
export function commitFor(state: SourceState, commit: Baseline, locationGeneration: number): Baseline {
  if (locationGeneration === state.locationGeneration) return baselineOf(commit)
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

/** Whether a host rendering `a` would show anything different for `b` (Dates compared by time). */
export function sameSyncStatus(a: SyncStatus, b: SyncStatus): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as Array<keyof SyncStatus>)
  for (const key of keys) {
    const x = a[key]
    const y = b[key]
    if (x instanceof Date && y instanceof Date ? x.getTime() !== y.getTime() : x !== y) return false
  }
  return true
}
