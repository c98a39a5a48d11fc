// api-live-sync/redis: several instances share sources through Redis and BullMQ (Node only).
export { redisStore, StaleWriteError, type RedisStateStore, type RedisStoreOptions } from './redis-store.js'
export type { RedisConnection } from './connection.js'
export { createRedisLiveSync, RedisLiveSync, type RedisLiveSyncOptions } from './redis-live-sync.js'
export type { HeaderResolver, SyncWorkerOptions } from './sync-job.js'
