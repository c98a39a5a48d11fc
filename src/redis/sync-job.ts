import type { Redis } from 'ioredis'
import { SyncEvents, type SyncEventName, type SyncEventPayloads } from '../events/events.js'
import { LiveSyncService } from '../service/LiveSyncService.js'
import type { LiveSyncServiceOptions } from '../service/options.js'
import type { SyncResult, SyncStatus, SyncTrigger } from '../model/sync.js'
import type { RedisStateStore } from './redis-store.js'
import type { SharedRegistry } from './shared-registry.js'
import { SourceLock } from './source-lock.js'
import { decodeWire, encodeWire } from './wire.js'

/** Gives a worker the headers of a source (secrets stay out of Redis): from a vault, the environment, ... */
export type HeaderResolver = (sourceId: string) => Record<string, string> | undefined | Promise<Record<string, string> | undefined>

export interface SyncWorkerOptions {
  /** Syncs this instance runs at once. @default 4 */
  readonly concurrency?: number
  /**
   * How long a sync's job and source lock outlive a worker that stopped renewing them (killed,
   * frozen): then another worker takes the job again and the source's next poll runs. @default 30000
   */
  readonly lockDuration?: number
  /** How often this worker looks for jobs of dead workers, in ms. @default lockDuration */
  readonly stalledInterval?: number
  /** Headers of a source, asked before each of its syncs (the registry keeps only their names). */
  readonly resolveHeaders?: HeaderResolver
  /** Options of the syncs this worker runs: loader, fetch, retry, timeout, maxBytes, formats. */
  readonly service?: Omit<LiveSyncServiceOptions, 'store' | 'watcher' | 'clock' | 'concurrency' | 'onListenerError'>
}

export interface SyncJobData {
  sourceId: string
  trigger: SyncTrigger
}

/** What a job returns: the sync's result, or why no sync ran. */
export type SyncJobOutcome = { kind: 'synced'; result: SyncResult } | { kind: 'skipped' } | { kind: 'notFound' }

export interface SyncJobContext {
  redis: Redis
  registry: SharedRegistry
  store: RedisStateStore
  prefix: string
  statusKey: string
  lockMs: number
  options: SyncWorkerOptions
  publish<E extends SyncEventName>(event: E, payload: SyncEventPayloads[E]): Promise<void>
  /** True once this worker is closing: a manual job stops waiting for a busy source. */
  closing(): boolean
}

/** Events of a sync that every instance hears; registry events come from the registry calls instead. */
const FORWARDED = [
  SyncEvents.SYNC_STARTED,
  SyncEvents.SYNC_PROGRESS,
  SyncEvents.SYNC_RETRY,
  SyncEvents.CHANGES_DETECTED,
  SyncEvents.CONFLICTS_DETECTED,
  SyncEvents.SYNC_COMPLETED,
  SyncEvents.SYNC_FAILED,
] as const

/**
 * Runs one sync job: under the source's lock, a LiveSyncService made for this one sync restores the
 * baseline from the shared store (so it diffs against whatever worker synced last), syncs, and
 * commits through a compare-and-set write. Its events go to the channel every instance listens to.
 */
export async function runSyncJob(data: SyncJobData, context: SyncJobContext): Promise<SyncJobOutcome> {
  const lockKey = `${context.prefix}lock:${data.sourceId}`
  let lock = await SourceLock.tryAcquire(context.redis, lockKey, context.lockMs)
  // A poll that finds its source syncing is covered by that sync; a manual sync waits its turn.
  if (!lock && data.trigger === 'poll') return { kind: 'skipped' }
  while (!lock) {
    if (context.closing()) return { kind: 'skipped' }
    await new Promise((resolve) => setTimeout(resolve, 25))
    lock = await SourceLock.tryAcquire(context.redis, lockKey, context.lockMs)
  }
  try {
    const config = await context.registry.get(data.sourceId)
    if (!config) return { kind: 'notFound' }
    const { headerNames: _names, ...rest } = config
    const headers = await context.options.resolveHeaders?.(config.id)
    const service = new LiveSyncService({ ...context.options.service, store: context.store.fork(), concurrency: 1 })
    try {
      await service.addSource({ ...rest, ...(headers ? { headers } : {}) })
      const sent: Array<Promise<void>> = []
      for (const event of FORWARDED) service.on(event, (payload) => sent.push(context.publish(event, payload as never)))
      const previous = await readStatus(context, config.id)
      service.on(SyncEvents.STATUS_CHANGED, (status) => sent.push(sharedStatus(context, previous, status, config.refreshInterval)))
      const result = await service.syncSource(config.id, { trigger: data.trigger })
      await Promise.all(sent)
      return { kind: 'synced', result }
    } finally {
      await service.dispose()
    }
  } finally {
    await lock.release()
  }
}

async function readStatus(context: SyncJobContext, sourceId: string): Promise<SyncStatus | undefined> {
  const text = await context.redis.hget(context.statusKey, sourceId)
  return text === null ? undefined : decodeWire<SyncStatus>(text)
}

/**
 * The status every instance shows. The one-sync service starts from the saved baseline only, so
 * what only the shared status remembers (failures in a row, the last success) is carried over.
 */
async function sharedStatus(context: SyncJobContext, previous: SyncStatus | undefined, status: SyncStatus, refreshInterval: number): Promise<void> {
  let shared: SyncStatus
  if (status.syncing) shared = { ...(previous ?? status), name: status.name, enabled: status.enabled, syncing: true }
  else if (status.status === 'failed') {
    shared = {
      ...status,
      lastSuccess: previous?.lastSuccess ?? status.lastSuccess,
      changesDetected: previous?.changesDetected ?? false,
      consecutiveFailures: (previous?.consecutiveFailures ?? 0) + 1,
    }
  } else shared = status
  if (!shared.syncing && shared.lastSync && refreshInterval > 0) shared = { ...shared, nextSync: new Date(shared.lastSync.getTime() + refreshInterval) }
  // A source removed while it synced keeps no status behind.
  if (!(await context.registry.has(status.sourceId))) return
  await context.redis.hset(context.statusKey, status.sourceId, encodeWire(shared))
  await context.publish(SyncEvents.STATUS_CHANGED, shared)
}
