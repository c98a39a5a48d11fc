import { Queue, QueueEvents, Worker, type Job } from 'bullmq'
import type { Redis } from 'ioredis'
import { parseSourceConfig, type LiveSourceConfigInput } from '../config/config.js'
import { redactConfig } from '../config/redact-config.js'
import { DisposedError, DuplicateSourceError, SourceNotFoundError, TimeoutError } from '../errors/errors.js'
import { SyncEvents, type SyncEventName, type SyncEventPayloads } from '../events/events.js'
import type { ListenerErrorHandler } from '../events/safe-emitter.js'
import { SyncEventSource } from '../events/sync-event-source.js'
import type { SyncResult, SyncStatus, SyncTrigger } from '../model/sync.js'
import { bullmqConnection, closeRedis, openRedis, type RedisConnection } from './connection.js'
import { redisStore, type RedisStateStore } from './redis-store.js'
import { initialSourceState, toSyncStatus } from '../service/source-state.js'
import { SharedRegistry, sameStoredConfig, toStoredConfig, type StoredSourceConfig } from './shared-registry.js'
import { runSyncJob, type SyncJobData, type SyncJobOutcome, type SyncWorkerOptions } from './sync-job.js'
import { decodeWire, encodeWire } from './wire.js'

export interface RedisLiveSyncOptions {
  /** Where Redis is: ioredis options or a `redis://` URL. Each instance opens its own connections and closes them on `dispose()`. */
  readonly connection: RedisConnection
  /** The BullMQ queue, and the namespace of every key: instances with the same name share sources. @default 'api-live-sync' */
  readonly queueName?: string
  /**
   * Run syncs on this instance (`start()` starts the worker). `false` for an instance that only
   * registers sources and listens (a dashboard). @default {}
   */
  readonly worker?: false | SyncWorkerOptions
  /** Receives errors thrown by event listeners. @default logs them */
  readonly onListenerError?: ListenerErrorHandler
  /**
   * How long `syncSource` waits for some worker to finish the sync before it rejects with TIMEOUT
   * (no instance runs a worker, or every worker is gone): a call never hangs for good.
   * @default 600000 (10 minutes: longer than a sync's own attempts, timeouts and back-off)
   */
  readonly syncWaitTimeout?: number
}

const DEFAULT_SYNC_WAIT_TIMEOUT_MS = 600_000

interface WireEvent {
  event: SyncEventName
  payload: unknown
}

/**
 * Several instances (processes, machines) sharing one set of sources through Redis and BullMQ:
 * one registry, each source polled once per interval across all instances by a BullMQ Job
 * Scheduler, syncs run by whichever instance's worker takes the job, events re-emitted on every
 * instance. Made with `await createRedisLiveSync(options)`; the methods mirror LiveSyncService.
 */
export class RedisLiveSync extends SyncEventSource {
  readonly #options: RedisLiveSyncOptions
  readonly #queueName: string
  readonly #prefix: string
  readonly #redis: Redis
  readonly #subscriber: Redis
  readonly #registry: SharedRegistry
  readonly #store: RedisStateStore
  readonly #queue: Queue<SyncJobData>
  #queueEvents: QueueEvents | undefined
  #worker: Worker<SyncJobData> | undefined
  /** What this instance knows of the shared registry and statuses, kept current by the event channel. */
  readonly #configs = new Map<string, StoredSourceConfig>()
  readonly #statuses = new Map<string, SyncStatus>()
  /** Manual syncs this instance asked for, shared by concurrent callers (like LiveSyncService.syncSource). */
  readonly #manual = new Map<string, Promise<SyncResult>>()
  #disposed = false
  /** Set while the worker closes, so a manual job waiting for a busy source gives up. */
  #workerStopping = false

  private constructor(options: RedisLiveSyncOptions) {
    super(options.onListenerError)
    this.#options = options
    this.#queueName = options.queueName ?? 'api-live-sync'
    this.#prefix = `als:${this.#queueName}:`
    this.#redis = openRedis(options.connection)
    this.#subscriber = openRedis(options.connection)
    this.#registry = new SharedRegistry(this.#redis, `${this.#prefix}sources`)
    this.#store = redisStore(this.#redis, { prefix: this.#prefix })
    this.#queue = new Queue<SyncJobData>(this.#queueName, { connection: bullmqConnection(options.connection), prefix: 'als-bull' })
    // Each waiting syncSource also listens for the queue's close (BullMQ's waitUntilFinished): eleven at
    // once is normal here, and Node's leak warning would land on the host's stderr.
    this.#queue.setMaxListeners(0)
  }

  /** Connects, subscribes to the event channel and loads the shared registry. */
  static async create(options: RedisLiveSyncOptions): Promise<RedisLiveSync> {
    const instance = new RedisLiveSync(options)
    try {
      await instance.#connect()
    } catch (error) {
      await instance.dispose()
      throw error
    }
    return instance
  }

  async #connect(): Promise<void> {
    this.#subscriber.on('message', (_channel: string, message: string) => this.#receive(decodeWire<WireEvent>(message)))
    await this.#subscriber.subscribe(this.#channel)
    // Subscribed first, loaded second: a change made in between arrives as an event, never lost.
    for (const config of await this.#registry.list()) this.#configs.set(config.id, config)
    const statuses = await this.#redis.hgetall(this.#statusKey)
    for (const [sourceId, text] of Object.entries(statuses)) {
      if (this.#configs.has(sourceId)) this.#statuses.set(sourceId, decodeWire<SyncStatus>(text))
    }
  }

  get #channel(): string {
    return `${this.#prefix}events`
  }

  get #statusKey(): string {
    return `${this.#prefix}status`
  }

  // ── events ────────────────────────────────────────────────────────────

  /** Every instance, this one included, hears each event once through the channel. */
  #receive({ event, payload }: WireEvent): void {
    if (this.#disposed) return
    if (event === SyncEvents.SOURCE_REMOVED) {
      const { sourceId } = payload as SyncEventPayloads['source:removed']
      this.#configs.delete(sourceId)
      this.#statuses.delete(sourceId)
    } else if (event === SyncEvents.STATUS_CHANGED) {
      const status = payload as SyncStatus
      if (this.#configs.has(status.sourceId)) this.#statuses.set(status.sourceId, status)
    } else if (event === SyncEvents.SOURCE_ADDED || event === SyncEvents.SOURCE_UPDATED) {
      // Known at once, so the status:changed right behind this event is kept. Header values are
      // redacted in events, which the registry never holds anyway; the URL carries no credentials.
      const { sourceId, config } = payload as SyncEventPayloads['source:added']
      const { headers, ...rest } = config
      this.#configs.set(sourceId, headers === undefined ? rest : { ...rest, headerNames: Object.keys(headers).sort() })
      if (!this.#statuses.has(sourceId)) this.#statuses.set(sourceId, initialStatus(this.#configs.get(sourceId)!))
    }
    this.emit(event, payload as never)
  }

  async #publish<E extends SyncEventName>(event: E, payload: SyncEventPayloads[E]): Promise<void> {
    await this.#redis.publish(this.#channel, encodeWire({ event, payload }))
  }

  // ── registry ──────────────────────────────────────────────────────────

  /**
   * Registers a source for every instance. Registering the same id with the identical config again
   * is a no-op (every instance may register its sources at boot); another config is DUPLICATE_SOURCE.
   */
  async addSource(input: LiveSourceConfigInput): Promise<void> {
    this.#assertUsable()
    const config = parseSourceConfig(input)
    const stored = toStoredConfig(config)
    const existing = await this.#registry.addIfAbsent(stored)
    if (existing) {
      if (!sameStoredConfig(existing, stored)) throw new DuplicateSourceError(config.id)
      this.#configs.set(config.id, existing)
      // Read-your-writes: this instance may register before the channel told it about the source.
      const status = await this.#redis.hget(this.#statusKey, config.id)
      if (status !== null && !this.#statuses.has(config.id)) this.#statuses.set(config.id, decodeWire<SyncStatus>(status))
      return
    }
    this.#configs.set(config.id, stored)
    const status = initialStatus(stored)
    this.#statuses.set(config.id, status)
    await this.#redis.hset(this.#statusKey, config.id, encodeWire(status))
    await this.#schedule(stored)
    await this.#publish(SyncEvents.SOURCE_ADDED, { sourceId: config.id, config: redactConfig(config) })
    await this.#publish(SyncEvents.STATUS_CHANGED, status)
  }

  /** Replaces a registered source's config for every instance; its schedule follows the new interval. */
  async updateSource(input: LiveSourceConfigInput): Promise<void> {
    this.#assertUsable()
    const config = parseSourceConfig(input)
    const stored = toStoredConfig(config)
    if ((await this.#registry.get(config.id)) === undefined) throw new SourceNotFoundError(config.id)
    await this.#registry.replace(stored)
    this.#configs.set(config.id, stored)
    await this.#schedule(stored)
    const previous = this.#statuses.get(config.id) ?? initialStatus(stored)
    const status: SyncStatus = { ...previous, name: stored.name, enabled: stored.enabled, ...(stored.enabled ? {} : { nextSync: null }) }
    this.#statuses.set(config.id, status)
    await this.#redis.hset(this.#statusKey, config.id, encodeWire(status))
    await this.#publish(SyncEvents.SOURCE_UPDATED, { sourceId: config.id, config: redactConfig(config) })
    await this.#publish(SyncEvents.STATUS_CHANGED, status)
  }

  /** Unregisters a source everywhere and forgets its saved state; a sync already running cannot write it back. */
  async removeSource(sourceId: string): Promise<void> {
    this.#assertUsable()
    if (!(await this.#registry.remove(sourceId))) throw new SourceNotFoundError(sourceId)
    this.#configs.delete(sourceId)
    this.#statuses.delete(sourceId)
    await this.#queue.removeJobScheduler(schedulerId(sourceId))
    await this.#redis.hdel(this.#statusKey, sourceId)
    await this.#store.delete(`source:${sourceId}`)
    await this.#publish(SyncEvents.SOURCE_REMOVED, { sourceId })
  }

  /** One Job Scheduler per polled source: BullMQ makes one job per interval, whatever the number of instances. */
  async #schedule(config: StoredSourceConfig): Promise<void> {
    if (!config.enabled || config.refreshInterval <= 0) {
      await this.#queue.removeJobScheduler(schedulerId(config.id))
      return
    }
    await this.#queue.upsertJobScheduler(
      schedulerId(config.id),
      { every: config.refreshInterval },
      { name: 'poll', data: { sourceId: config.id, trigger: 'poll' }, opts: { removeOnComplete: true, removeOnFail: true } },
    )
  }

  getSourceStatus(sourceId: string): SyncStatus {
    const status = this.#statuses.get(sourceId)
    if (!status) throw new SourceNotFoundError(sourceId)
    return status
  }

  getAllSourceStatuses(): SyncStatus[] {
    return [...this.#statuses.values()]
  }

  // ── syncing ───────────────────────────────────────────────────────────

  /**
   * Syncs one source now on whichever worker takes the job, and resolves with that sync's result.
   * Needs a worker on some instance: rejects with TIMEOUT after `syncWaitTimeout` when none finished
   * it. Rejects with SOURCE_NOT_FOUND when no instance registered it.
   */
  syncSource(sourceId: string, options: { trigger?: SyncTrigger } = {}): Promise<SyncResult> {
    if (this.#disposed) return Promise.reject(new DisposedError('This RedisLiveSync has been disposed'))
    const running = this.#manual.get(sourceId)
    if (running) return running
    const promise = this.#runManual(sourceId, options.trigger ?? 'manual').finally(() => this.#manual.delete(sourceId))
    this.#manual.set(sourceId, promise)
    return promise
  }

  async #runManual(sourceId: string, trigger: SyncTrigger): Promise<SyncResult> {
    if ((await this.#registry.get(sourceId)) === undefined) throw new SourceNotFoundError(sourceId)
    const events = await this.#events()
    const job = await this.#queue.add('sync', { sourceId, trigger }, { removeOnComplete: { age: 60 }, removeOnFail: { age: 60 } })
    const waitMs = this.#options.syncWaitTimeout ?? DEFAULT_SYNC_WAIT_TIMEOUT_MS
    const finished = await job.waitUntilFinished(events, waitMs).catch((error: unknown) => {
      // BullMQ's own words for its ttl: "Job wait <name> timed out before finishing, ...".
      if (error instanceof Error && /timed out before finishing/.test(error.message)) {
        throw new TimeoutError(`Source "${sourceId}": no worker finished its sync within ${waitMs} ms; does any instance run a worker?`, waitMs, { sourceId, cause: error })
      }
      throw error
    })
    const outcome = decodeWire<SyncJobOutcome>(finished)
    if (outcome.kind !== 'synced') throw new SourceNotFoundError(sourceId)
    return outcome.result
  }

  async #events(): Promise<QueueEvents> {
    if (!this.#queueEvents) {
      this.#queueEvents = new QueueEvents(this.#queueName, { connection: bullmqConnection(this.#options.connection), prefix: 'als-bull' })
      // Every waiting syncSource listens for its job's events here: many at once is normal, not a leak.
      this.#queueEvents.setMaxListeners(0)
      await this.#queueEvents.waitUntilReady()
    }
    return this.#queueEvents
  }

  /** Syncs every enabled registered source. */
  async syncAllSources(): Promise<SyncResult[]> {
    const configs = await this.#registry.list()
    return Promise.all(configs.filter((config) => config.enabled).map((config) => this.syncSource(config.id)))
  }

  // ── lifecycle ─────────────────────────────────────────────────────────

  /** Starts this instance's worker (when it has one): from now on it takes sync jobs. */
  start(): void {
    this.#assertUsable()
    if (this.#worker || this.#options.worker === false) return
    const workerOptions = this.#options.worker ?? {}
    const lockMs = workerOptions.lockDuration ?? 30_000
    this.#worker = new Worker<SyncJobData>(
      this.#queueName,
      (job: Job<SyncJobData>) =>
        runSyncJob(job.data, {
          redis: this.#redis,
          registry: this.#registry,
          store: this.#store,
          prefix: this.#prefix,
          statusKey: this.#statusKey,
          lockMs,
          options: workerOptions,
          publish: (event, payload) => this.#publish(event, payload),
          closing: () => this.#workerStopping || this.#disposed,
        }).then(encodeWire),
      {
        connection: bullmqConnection(this.#options.connection),
        prefix: 'als-bull',
        concurrency: workerOptions.concurrency ?? 4,
        lockDuration: lockMs,
        stalledInterval: workerOptions.stalledInterval ?? lockMs,
        maxStalledCount: 2,
      },
    )
    // A worker's connection errors are retried by ioredis; they must not crash the host.
    this.#worker.on('error', () => {})
  }

  /** Stops this instance's worker, waiting for the syncs it runs to finish. Sources stay registered and scheduled. */
  async stop(): Promise<void> {
    const worker = this.#worker
    if (!worker) return
    this.#workerStopping = true
    try {
      await worker.close()
    } finally {
      this.#worker = undefined
      this.#workerStopping = false
    }
  }

  /** Stops the worker and closes every connection of this instance. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.#disposed) return
    this.#disposed = true
    await this.stop()
    await Promise.allSettled([...this.#manual.values()])
    await this.#queueEvents?.close()
    await this.#queue.close()
    await closeRedis(this.#subscriber)
    await closeRedis(this.#redis)
    this.removeAllListeners()
  }

  #assertUsable(): void {
    if (this.#disposed) throw new DisposedError('This RedisLiveSync has been disposed')
  }
}

/** `await createRedisLiveSync({ connection, queueName, worker, resolveHeaders })`: one instance of a shared set of sources. */
export function createRedisLiveSync(options: RedisLiveSyncOptions): Promise<RedisLiveSync> {
  return RedisLiveSync.create(options)
}

/** BullMQ ids may not contain ':'; source ids may. */
function schedulerId(sourceId: string): string {
  return `source-${encodeURIComponent(sourceId)}`
}

/** The status of a source no instance has synced yet: the service's own, from its reducer. */
function initialStatus(config: StoredSourceConfig): SyncStatus {
  return toSyncStatus(initialSourceState(config))
}
