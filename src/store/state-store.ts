/**
 * Where a service keeps per-source state across restarts. All methods are async and values are
 * strings, so anything from `localStorage` to a database row fits.
 */
export interface StateStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}

/** A store that lives as long as the process (the default). */
export function memoryStore(): StateStore {
  const values = new Map<string, string>()
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      values.set(key, value)
    },
    delete: async (key) => {
      values.delete(key)
    },
  }
}

/** A store over the browser's `localStorage` (or any Storage), every key prefixed. */
export function localStorageStore(prefix = 'api-live-sync:', storage?: Storage): StateStore {
  const resolve = (): Storage => {
    const target = storage ?? (globalThis as { localStorage?: Storage }).localStorage
    if (!target) throw new Error('localStorageStore needs window.localStorage (or pass a Storage)')
    return target
  }
  return {
    get: async (key) => resolve().getItem(prefix + key) ?? undefined,
    set: async (key, value) => resolve().setItem(prefix + key, value),
    delete: async (key) => resolve().removeItem(prefix + key),
  }
}
