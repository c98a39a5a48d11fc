import { EventEmitter } from 'eventemitter3'
import type { SyncEventListener, SyncEventName, SyncEventPayloads } from './events.js'

/** Receives errors thrown by event listeners, which never reach the sync that emitted. */
export type ListenerErrorHandler = (error: unknown, event: SyncEventName) => void

export const logListenerError: ListenerErrorHandler = (error, event) => {
  console.error(`[api-live-sync] a listener of "${event}" threw:`, error)
}

type AnyListener = (payload: never) => void

/**
 * A typed emitter whose listeners are isolated: each is wrapped at registration so one that
 * throws neither breaks the emitting sync nor stops the listeners after it.
 */
export class SafeEmitter {
  readonly #emitter = new EventEmitter()
  readonly #wrapped = new Map<SyncEventName, Map<AnyListener, Array<(payload: unknown) => void>>>()
  readonly #onError: ListenerErrorHandler

  constructor(onError: ListenerErrorHandler = logListenerError) {
    this.#onError = onError
  }

  on<E extends SyncEventName>(event: E, listener: SyncEventListener<E>): this {
    this.#emitter.on(event, this.#wrap(event, listener, false))
    return this
  }

  once<E extends SyncEventName>(event: E, listener: SyncEventListener<E>): this {
    this.#emitter.once(event, this.#wrap(event, listener, true))
    return this
  }

  off<E extends SyncEventName>(event: E, listener: SyncEventListener<E>): this {
    const wrappers = this.#wrapped.get(event)?.get(listener as AnyListener)
    const wrapper = wrappers?.pop()
    if (wrapper) {
      this.#emitter.off(event, wrapper)
      if (wrappers!.length === 0) this.#wrapped.get(event)!.delete(listener as AnyListener)
    }
    return this
  }

  emit<E extends SyncEventName>(event: E, payload: SyncEventPayloads[E]): void {
    this.#emitter.emit(event, payload)
  }

  listenerCount(event: SyncEventName): number {
    return this.#emitter.listenerCount(event)
  }

  removeAllListeners(): void {
    this.#emitter.removeAllListeners()
    this.#wrapped.clear()
  }

  #wrap<E extends SyncEventName>(event: E, listener: SyncEventListener<E>, once: boolean): (payload: unknown) => void {
    const byListener = this.#wrapped.get(event) ?? new Map<AnyListener, Array<(payload: unknown) => void>>()
    this.#wrapped.set(event, byListener)
    const wrappers = byListener.get(listener as AnyListener) ?? []
    byListener.set(listener as AnyListener, wrappers)
    const wrapper = (payload: unknown) => {
      if (once) this.#forget(event, listener as AnyListener, wrapper)
      try {
        listener(payload as SyncEventPayloads[E])
      } catch (error) {
        this.#onError(error, event)
      }
    }
    wrappers.push(wrapper)
    return wrapper
  }

  #forget(event: SyncEventName, listener: AnyListener, wrapper: (payload: unknown) => void): void {
    const wrappers = this.#wrapped.get(event)?.get(listener)
    if (!wrappers) return
    const index = wrappers.indexOf(wrapper)
    if (index !== -1) wrappers.splice(index, 1)
    if (wrappers.length === 0) this.#wrapped.get(event)!.delete(listener)
  }
}
