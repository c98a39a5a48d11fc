import PQueue from 'p-queue'
import { emptyChangeSet } from '../diff/change-set.js'
import { CancelledError, InvalidSpecError, LiveSyncError, toError } from '../errors/errors.js'
import { SyncEvents, type SyncEventName, type SyncEventPayloads } from '../events/events.js'
import { defaultFormats } from '../formats/default-formats.js'
import { FormatRegistry } from '../formats/format-registry.js'
import { createHttpLoader } from '../loaders/http-loader.js'
import type { SourceLoader } from '../model/loader.js'
import type { SyncResult, SyncTrigger } from '../model/sync.js'
import { loadWithRetry } from '../runtime/load-with-retry.js'
import { TimeSlice } from '../runtime/yield.js'
import type { ResolvedServiceOptions } from './options.js'
import type { Persistence } from './persistence.js'
import type { Poller } from './poller.js'
import type { RunningSync, Source } from './source.js'
import { processLoadResult, type SyncOutcome } from './sync-pipeline.js'
import type { TargetWrite } from './target-sync.js'

export interface SyncRunnerParts {
  options: ResolvedServiceOptions
  persistence: Persistence
  poller: Poller
  emit: <E extends SyncEventName>(event: E, payload: SyncEventPayloads[E]) => void
}

/** What a sync did before it ended, kept until its ending is dispatched. */
type Ended =
  | { ok: true; outcome: SyncOutcome; targetWrite: TargetWrite | undefined; locationGeneration: number; startedAt: Date }
  | { ok: false; thrown: unknown; startedAt: Date | undefined }

/**
 * One sync of one source, from its queue slot to its ending: load (with retries), process, the
 * target phase, the save, then one batch of dispatches (the outcome and the next poll) so the sync's
 * last `status:changed` tells the real `nextSync` (issue 10, defect 1).
 */
export class SyncRunner {
  readonly #parts: SyncRunnerParts & { queue: PQueue; loader: SourceLoader; formats: FormatRegistry }

  constructor(parts: SyncRunnerParts) {
    const { options } = parts
    const loader =
      options.loader ??
      createHttpLoader({
        formats: options.formats,
        allowPrivateNetworks: options.allowPrivateNetworks,
        resolveHost: options.resolveHost,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      })
    const formats = new FormatRegistry([...defaultFormats(), ...options.formats])
    this.#parts = { ...parts, queue: new PQueue({ concurrency: options.concurrency }), loader, formats }
  }

  async run(source: Source, trigger: SyncTrigger, running: RunningSync): Promise<SyncResult> {
    const { poller } = this.#parts
    poller.syncStarting(source)
    const signal = running.signal
    // p-queue drops a task aborted while it waits, but rejects a running one at once and frees its slot
    // while the task goes on: a running task must instead end itself, keeping its slot until it has.
    const queued = new AbortController()
    let inSlot = false
    const abortQueued = () => {
      if (!inSlot) queued.abort(signal.reason)
    }
    signal.addEventListener('abort', abortQueued, { once: true })
    const attempts = { count: 0 }
    let startedAt: Date | undefined
    let ended: Ended
    try {
      // A plan being applied writes the collection this sync would read: let it finish first.
      if (source.target.applying) await Promise.allSettled([source.target.applying])
      const done = await this.#parts.queue.add(
        async () => {
          inSlot = true
          signal.throwIfAborted()
          startedAt = new Date(this.#parts.options.clock.now())
          return this.#work(source, trigger, running, attempts)
        },
        { signal: queued.signal },
      )
      ended = { ok: true, ...done, startedAt: startedAt! }
    } catch (thrown) {
      ended = { ok: false, thrown, startedAt }
    } finally {
      signal.removeEventListener('abort', abortQueued)
    }
    return source.batch(() => {
      const result = ended.ok
        ? this.#succeed(source, trigger, ended, attempts.count)
        : this.#fail(source, trigger, ended.thrown, signal, ended.startedAt, attempts.count)
      poller.syncEnded(source)
      return result
    })
  }

  async #work(source: Source, trigger: SyncTrigger, running: RunningSync, attempts: { count: number }) {
    const { options, emit, persistence } = this.#parts
    const { signal } = running
    const id = source.id
    source.dispatch({ type: 'syncStarted' }, () => emit(SyncEvents.SYNC_STARTED, { sourceId: id, trigger }))
    const state = source.state
    const loaded = await loadWithRetry(state.config, {
      loader: this.#parts.loader,
      clock: options.clock,
      retry: options.retry,
      timeoutMs: options.timeout,
      signal,
      request: {
        etag: state.etag,
        lastModified: state.lastModified,
        maxBytes: options.maxBytes,
        onProgress: ({ loadedBytes, totalBytes }) => emit(SyncEvents.SYNC_PROGRESS, { sourceId: id, loadedBytes, totalBytes }),
      },
      onAttempt: (attempt) => (attempts.count = attempt),
      onRetry: ({ attempt, error, delayMs }) => emit(SyncEvents.SYNC_RETRY, { sourceId: id, attempt, error, delayMs }),
    })
    signal.throwIfAborted()
    // Each turn of a long read, diff or merge is also where a cancelled sync stops.
    const slice = new TimeSlice(signal)
    const outcome = await processLoadResult(state, loaded, this.#parts.formats, slice, options.severityOverrides)
    signal.throwIfAborted()
    // Everything that must accept the new snapshot does so before it becomes the baseline.
    const targetWrite = await source.target.write({
      sourceId: id,
      outcome,
      trigger,
      signal,
      slice,
      markHostCall: running.markHostCall,
      saveBeforeWrite: (pendingBase) => persistence.saveBeforeTargetWrite(source, pendingBase, running.markHostCall),
    })
    // Checked before the save: once it has started, the sync is committed, whatever aborts meanwhile.
    signal.throwIfAborted()
    await persistence.saveSynced(source, outcome, targetWrite, state.locationGeneration, running.markHostCall)
    return { outcome, targetWrite, locationGeneration: state.locationGeneration }
  }

  #succeed(source: Source, trigger: SyncTrigger, ended: Extract<Ended, { ok: true }>, attempts: number): SyncResult {
    const { emit } = this.#parts
    const { outcome, targetWrite, startedAt } = ended
    const finishedAt = new Date(this.#parts.options.clock.now())
    const changesDetected = outcome.kind === 'changed'
    let result!: SyncResult
    source.dispatch({ type: 'syncSucceeded', at: finishedAt, changesDetected, commit: outcome.commit, locationGeneration: ended.locationGeneration }, () => {
      const review = source.target.settle(targetWrite)
      const fingerprint = source.state.snapshot?.fingerprint
      result = {
        sourceId: source.id,
        status: 'success',
        trigger,
        changesDetected,
        changes: outcome.kind === 'changed' ? outcome.changes : emptyChangeSet(),
        attempts,
        startedAt,
        finishedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        ...(fingerprint === undefined ? {} : { fingerprint }),
        ...(targetWrite ? { merge: targetWrite.report } : {}),
      }
      if (outcome.kind === 'changed') emit(SyncEvents.CHANGES_DETECTED, { sourceId: source.id, changes: outcome.changes })
      if (targetWrite && targetWrite.report.conflicts.length > 0) {
        emit(SyncEvents.CONFLICTS_DETECTED, { sourceId: source.id, conflicts: targetWrite.report.conflicts })
      }
      if (review) emit(SyncEvents.REVIEW_REQUIRED, { sourceId: source.id, plan: review })
      emit(SyncEvents.SYNC_COMPLETED, result)
    })
    return result
  }

  #fail(source: Source, trigger: SyncTrigger, thrown: unknown, signal: AbortSignal, startedAt: Date | undefined, attempts: number): SyncResult {
    const finishedAt = new Date(this.#parts.options.clock.now())
    const cancelled = signal.aborted
    const error = cancelled ? asCancelled(signal.reason, source.id) : asSyncError(thrown, source.id)
    const result: SyncResult = {
      sourceId: source.id,
      status: cancelled ? 'cancelled' : 'failed',
      trigger,
      changesDetected: false,
      attempts,
      startedAt: startedAt ?? finishedAt,
      finishedAt,
      durationMs: startedAt ? finishedAt.getTime() - startedAt.getTime() : 0,
      error,
    }
    source.target.discardProposal()
    // Only a sync that announced itself gets a closing event, so sync:started and its ending pair up.
    const announce = startedAt ? () => this.#parts.emit(SyncEvents.SYNC_FAILED, result) : undefined
    source.dispatch(cancelled ? { type: 'syncCancelled' } : { type: 'syncFailed', at: finishedAt, error }, announce)
    return result
  }
}

function asCancelled(reason: unknown, sourceId: string): LiveSyncError {
  const why = reason instanceof CancelledError ? `: ${reason.message}` : ''
  return new CancelledError(`The sync of source "${sourceId}" was cancelled${why}`, { sourceId, cause: reason })
}

function asSyncError(thrown: unknown, sourceId: string): LiveSyncError {
  if (thrown instanceof LiveSyncError) return thrown
  // Loader errors arrive wrapped already; anything else came from processing the document.
  const cause = toError(thrown)
  return new InvalidSpecError(`Syncing source "${sourceId}" failed while processing its document: ${cause.message}`, { sourceId, cause })
}
