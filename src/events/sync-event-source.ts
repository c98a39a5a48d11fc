import type { SyncEventListener, SyncEventName, SyncEventPayloads } from './events.js'
import { SafeEmitter, type ListenerErrorHandler } from './safe-emitter.js'

/** Sends one event to every listener of a service; what a service's parts get instead of its emitter. */
export type EmitSyncEvent = <E extends SyncEventName>(event: E, payload: SyncEventPayloads[E]) => void

/**
 * The listening half of a service's public API, one home for `LiveSyncService` and `RedisLiveSync`:
 * typed `on` / `once` / `off` over one emitter whose listeners are isolated from each other and from
 * the syncs that emit.
 */
export abstract class SyncEventSource {
  readonly #emitter: SafeEmitter

  protected constructor(onListenerError: ListenerErrorHandler | undefined) {
    this.#emitter = new SafeEmitter(onListenerError)
  }

  on<E extends SyncEventName>(event: E, listener: SyncEventListener<E>): this {
    this.#emitter.on(event, listener)
    return this
  }

  once<E extends SyncEventName>(event: E, listener: SyncEventListener<E>): this {
    this.#emitter.once(event, listener)
    return this
  }

  off<E extends SyncEventName>(event: E, listener: SyncEventListener<E>): this {
    this.#emitter.off(event, listener)
    return this
  }

  protected emit<E extends SyncEventName>(event: E, payload: SyncEventPayloads[E]): void {
    this.#emitter.emit(event, payload)
  }

  /** After disposal: nothing more reaches anyone. */
  protected removeAllListeners(): void {
    this.#emitter.removeAllListeners()
  }
}
