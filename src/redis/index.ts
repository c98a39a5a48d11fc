// api-live-sync/redis: several instances share sources through Redis and BullMQ (Node only).
export { redisStore, StaleWriteError, type RedisStateStore, type RedisStoreOptions } from './redis-store.js'
export type { RedisConnection } from './connection.js'
