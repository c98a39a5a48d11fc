import { StateError, toError } from '../errors/errors.js'
import type { Collection } from '../model/collection.js'
import type { Clock } from '../model/clock.js'
import { sleep } from '../runtime/abort.js'
import { deserializeSourceState, serializeSourceState, stateKey, type PersistedSourceState } from '../store/persisted-state.js'
import type { StateStore } from '../store/state-store.js'
import type { Source } from './source.js'
import { baselineOf, commitFor, type RestoredBaseline } from './source-state.js'
import type { SyncOutcome } from './sync-pipeline.js'
import type { TargetWrite } from './target-sync.js'

/** A source's saved state, split into what the reducer takes and what the target link takes. */
export interface RestoredSource {
  readonly restored: RestoredBaseline
  readonly baseCollection: Collection | undefined
  readonly pendingBase: Collection | undefined
}

/**
 * Each source's state in the host's `StateStore` (when one is given: a private in-memory store would hold
 * nothing a restart could read), with the write-order guarantees of issue 11: the store learns a target
 * is about to move before it moves, and nothing is written once `removeSource` or `dispose` resolved,
 * whose waits for a sync stuck in a host call are bounded by `shutdownTimeout`.
 */
export class Persistence {
  readonly #store: StateStore | undefined
  readonly #clock: Clock
  readonly #shutdownTimeout: number

  constructor(store: StateStore | undefined, clock: Clock, shutdownTimeout: number) {
    this.#store = store
    this.#clock = clock
    this.#shutdownTimeout = shutdownTimeout
  }

  /** What an earlier service saved for `sourceId`, if anything. */
  async restore(sourceId: string): Promise<RestoredSource | undefined> {
    const store = this.#store
    if (!store) return undefined
    let text: string | undefined
    try {
      text = await store.get(stateKey(sourceId))
    } catch (error) {
      throw new StateError(`Reading the saved state of source "${sourceId}" failed: ${toError(error).message}`, { sourceId, cause: error })
    }
    if (text === undefined) return undefined
    const saved = deserializeSourceState(sourceId, text)
    return {
      restored: { baseline: baselineOf(saved), lastSuccess: saved.lastSuccess },
      baseCollection: saved.baseCollection as Collection | undefined,
      pendingBase: saved.pendingBase as Collection | undefined,
    }
  }

  /** First phase of a target write: the committed state, plus the base the write is about to make. */
  async saveBeforeTargetWrite(source: Source, pendingBase: Collection, markHostCall: () => void): Promise<void> {
    const { state, target } = source
    await this.#save(source.id, markHostCall, {
      ...baselineOf(state),
      lastSuccess: state.lastSuccess,
      baseCollection: target.baseCollection,
      pendingBase,
    })
  }

  /** Saves what a restart needs after a sync, when something worth saving moved. */
  async saveSynced(source: Source, outcome: SyncOutcome, targetWrite: TargetWrite | undefined, locationGeneration: number, markHostCall: () => void): Promise<void> {
    const { snapshot } = outcome.commit
    if (!this.#store || !snapshot) return
    const { state, target } = source
    // Validators of a location the source no longer has are not saved (issue 11, item 2).
    const { contentHash, etag, lastModified } = commitFor(state, outcome.commit, locationGeneration)
    const moved =
      outcome.kind === 'changed' ||
      targetWrite !== undefined ||
      contentHash !== state.contentHash ||
      etag !== state.etag ||
      lastModified !== state.lastModified
    if (!moved) return
    await this.#save(source.id, markHostCall, {
      snapshot,
      contentHash,
      etag,
      lastModified,
      lastSuccess: new Date(this.#clock.now()),
      baseCollection: target.baseCollection,
      pendingBase: target.pendingBase,
    })
  }

  /** Saves the merge base an applied review moved, with the rest of the source's state. */
  async saveBase(source: Source): Promise<void> {
    const { state, target } = source
    if (!this.#store || !state.snapshot) return
    await this.#save(source.id, () => {}, { ...baselineOf(state), lastSuccess: state.lastSuccess, baseCollection: target.baseCollection })
  }

  /**
   * Removing a source forgets it (a restart over the same store is what resumes): waits for its sync
   * (bounded), deletes its state, and deletes it again if a host call still running past the bound
   * writes later.
   */
  async forget(source: Source): Promise<void> {
    const running = source.inFlight
    const settled = await this.waitForSync(source)
    const store = this.#store
    if (!store) return
    await store.delete(stateKey(source.id))
    if (!settled && running) void running.then(() => store.delete(stateKey(source.id))).catch(() => {})
  }

  /** `stop` and `dispose`: waits (bounded) for every sync in flight, then for reviews being applied. */
  async settle(sources: readonly Source[]): Promise<void> {
    await Promise.all(sources.map((source) => this.waitForSync(source)))
    await Promise.allSettled(sources.map((source) => source.target.applying))
  }

  /**
   * Waits for the sync of `source` to end, but once it is inside a call into the host (target read or
   * write, store save) at most `shutdownTimeout` ms more (through the clock): a host call that never
   * settles cannot hang stop, dispose or removeSource, while loading and processing are waited for.
   * Resolves whether the sync ended in time.
   */
  async waitForSync(source: Source): Promise<boolean> {
    const running = source.running
    if (running === undefined) return true
    const bound = new AbortController()
    const ended = running.promise.then(
      () => true,
      () => true,
    )
    try {
      const timedOut = running.hostCalled
        .then(() => sleep(this.#clock, this.#shutdownTimeout, bound.signal))
        .then(
          () => false,
          () => true, // aborted below, once the sync ended first
        )
      return await Promise.race([ended, timedOut])
    } finally {
      bound.abort()
    }
  }

  async #save(sourceId: string, markHostCall: () => void, state: PersistedSourceState): Promise<void> {
    const store = this.#store
    if (!store) return
    markHostCall()
    try {
      await store.set(stateKey(sourceId), serializeSourceState(sourceId, state))
    } catch (error) {
      throw new StateError(`Saving the state of source "${sourceId}" failed: ${toError(error).message}`, { sourceId, cause: error })
    }
  }
}
