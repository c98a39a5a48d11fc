import { createHash } from 'node:crypto'
import type { StateStore } from '../store/state-store.js'

/**
 * The store of one `watch --out` run: every key is scoped to the source's full location (resolved
 * path, full URL) and the output file, hashed into a short file-safe name. Two projects writing
 * `--out ../collections/x.json` from their own `openapi.json`, or one spec kept in two collections,
 * never share a merge base; a URL's query values and credentials tell sources apart without ever
 * reaching a file name.
 */
export function scopedStore(store: StateStore, sourceLocation: string, outFile: string): StateStore {
  const scoped = (key: string) => `watch-${createHash('sha256').update(JSON.stringify([sourceLocation, outFile, key])).digest('hex').slice(0, 32)}`
  return {
    get: (key) => store.get(scoped(key)),
    set: (key, value) => store.set(scoped(key), value),
    delete: (key) => store.delete(scoped(key)),
  }
}
