import type { LiveSyncError } from '../errors/errors.js'
import type { ChangeSet } from '../model/change.js'
import type { MergePlan } from '../model/merge-plan.js'
import type { PublicSourceConfig, SyncResult, SyncStatus, SyncTrigger } from '../model/sync.js'

/** Names of the events a LiveSyncService emits. */
export enum SyncEvents {
  SOURCE_ADDED = 'source:added',
  SOURCE_REMOVED = 'source:removed',
  SOURCE_UPDATED = 'source:updated',
  SYNC_STARTED = 'sync:started',
  SYNC_COMPLETED = 'sync:completed',
  SYNC_FAILED = 'sync:failed',
  SYNC_RETRY = 'sync:retry',
  CHANGES_DETECTED = 'changes:detected',
  CONFLICTS_DETECTED = 'conflicts:detected',
  STATUS_CHANGED = 'status:changed',
  /** Bytes received so far while a document downloads (for progress indicators on large documents). */
  SYNC_PROGRESS = 'sync:progress',
  /** A target in review mode has changes waiting: the plan to accept or skip item by item (`applyReview`). */
  REVIEW_REQUIRED = 'review:required',
}

export interface SyncRetryEvent {
  sourceId: string
  /** Number of the attempt that failed, starting at 1. */
  attempt: number
  error: LiveSyncError
  /** Wait before the next attempt. */
  delayMs: number
}

/** One conflict between a user's edit and a spec change, found while merging a collection. */
export interface ConflictsDetectedEvent<Conflict = unknown> {
  sourceId: string
  conflicts: Conflict[]
}

/** Payload of every event, by name (keys are the `SyncEvents` values): the one map that types `on`, `once`, `off` and `emit`. */
export interface SyncEventPayloads {
  'source:added': { sourceId: string; config: PublicSourceConfig }
  'source:removed': { sourceId: string }
  'source:updated': { sourceId: string; config: PublicSourceConfig }
  'sync:started': { sourceId: string; trigger: SyncTrigger }
  'sync:completed': SyncResult
  'sync:failed': SyncResult
  'sync:retry': SyncRetryEvent
  'changes:detected': { sourceId: string; changes: ChangeSet }
  'conflicts:detected': ConflictsDetectedEvent
  'status:changed': SyncStatus
  'sync:progress': { sourceId: string; loadedBytes: number; totalBytes?: number | undefined }
  'review:required': ReviewRequiredEvent
}

/** A plan waiting for the host's decisions; it replaces any earlier pending plan of the source. */
export interface ReviewRequiredEvent {
  sourceId: string
  plan: MergePlan
}

/** An event's name: a `SyncEvents` member or its string value (`'sync:completed'`). */
export type SyncEventName = keyof SyncEventPayloads
export type SyncEventListener<E extends SyncEventName> = (payload: SyncEventPayloads[E]) => void
