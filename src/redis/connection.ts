import { Redis, type RedisOptions } from 'ioredis'

/** How to reach Redis: ioredis options (`{ host, port, password, ... }`) or a `redis://` URL. */
export type RedisConnection = RedisOptions | string

/**
 * A connection of our own, closed by whoever opened it. BullMQ needs `maxRetriesPerRequest: null`
 * on blocking connections; the same holds harmlessly for ours.
 */
export function openRedis(connection: RedisConnection): Redis {
  return typeof connection === 'string'
    ? new Redis(connection, { maxRetriesPerRequest: null })
    : new Redis({ ...connection, maxRetriesPerRequest: null })
}

/** The options BullMQ opens its own connections with (it closes them itself). */
export function bullmqConnection(connection: RedisConnection): RedisOptions {
  if (typeof connection !== 'string') return { ...connection, maxRetriesPerRequest: null }
  const url = new URL(connection)
  const db = Number(url.pathname.slice(1))
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(Number.isInteger(db) && db > 0 ? { db } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  }
}

/** Closes a connection, waiting for its pending replies; a connection already gone is fine. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return
  try {
    await redis.quit()
  } catch {
    redis.disconnect()
  }
}
