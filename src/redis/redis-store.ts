import type { Redis } from 'ioredis'
import type { StateStore } from '../store/state-store.js'
import { closeRedis, openRedis, type RedisConnection } from './connection.js'

export interface RedisStoreOptions {
  /** Prepended to every key, so several services or tests share one Redis. @default 'api-live-sync:' */
  readonly prefix?: string
}

/**
 * A StateStore on Redis whose writes are compare-and-set: each key carries a version bumped by
 * every write and delete, and a `set` succeeds only while the key still has the version this store
 * last read or wrote. A slow writer whose read is older than the stored value is refused (the
 * service reports STATE_ERROR and keeps its old baseline), so a newer baseline is never overwritten.
 */
export interface RedisStateStore extends StateStore {
  /**
   * A store over the same keys with its own memory of versions: one per sync that runs on a shared
   * registry, so each sync's write is checked against the read that sync made.
   */
  fork(): RedisStateStore
  /** Closes the connection when the store opened it (given options or a URL); a given client stays open. */
  close(): Promise<void>
}

/** Thrown by `set` when another writer changed the key since this store read it. */
export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError'
  constructor(key: string) {
    super(`"${key}" was written by another worker since it was read; the newer value is kept`)
  }
}

// KEYS[1] = the hash of one key; ARGV[1] = expected version ('' = never written), ARGV[2] = value.
const SET_IF_VERSION = `
local current = redis.call('HGET', KEYS[1], 'version') or ''
if current ~= ARGV[1] then return false end
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'value', ARGV[2])
return version`

// A delete keeps the version (a tombstone), so a writer that read before the delete cannot revive the key.
const DELETE = `
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HDEL', KEYS[1], 'value')
return version`

/**
 * `redisStore(connection, { prefix })`: pass an ioredis client (left open) or connection options /
 * a `redis://` URL (opened here, closed by `close()`).
 */
export function redisStore(connection: Redis | RedisConnection, options: RedisStoreOptions = {}): RedisStateStore {
  const owned = !isClient(connection)
  const redis = isClient(connection) ? connection : openRedis(connection)
  return createStore(redis, options.prefix ?? 'api-live-sync:', owned)
}

function createStore(redis: Redis, prefix: string, owned: boolean): RedisStateStore {
  /** The version this store last saw per key: what its next write expects to find. */
  const seen = new Map<string, string>()
  const hashKey = (key: string) => `${prefix}state:${key}`
  return {
    async get(key) {
      const [value, version] = await redis.hmget(hashKey(key), 'value', 'version')
      seen.set(key, version ?? '')
      return value ?? undefined
    },
    async set(key, value) {
      const version = (await redis.eval(SET_IF_VERSION, 1, hashKey(key), seen.get(key) ?? '', value)) as number | null
      if (version === null) throw new StaleWriteError(key)
      seen.set(key, String(version))
    },
    async delete(key) {
      const version = (await redis.eval(DELETE, 1, hashKey(key))) as number
      seen.set(key, String(version))
    },
    fork: () => createStore(redis, prefix, false),
    close: async () => {
      if (owned) await closeRedis(redis)
    },
  }
}

function isClient(value: unknown): value is Redis {
  return typeof value === 'object' && value !== null && typeof (value as { hmget?: unknown }).hmget === 'function'
}
