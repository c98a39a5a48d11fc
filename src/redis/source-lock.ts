import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'

// Only the holder may extend or release: a lock that expired and was taken by another worker stays theirs.
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`

/**
 * One lock per source across every instance, so no two syncs of a source ever overlap (a scheduler
 * tick that lands while a long sync runs, a manual sync, a stalled job retried elsewhere). It
 * expires `ttlMs` after its holder stops renewing it: a killed worker's sources come free on their own.
 */
export class SourceLock {
  readonly #token = randomUUID()
  #renewal: ReturnType<typeof setInterval> | undefined

  private constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** The lock, or undefined when another sync holds it. */
  static async tryAcquire(redis: Redis, key: string, ttlMs: number): Promise<SourceLock | undefined> {
    const lock = new SourceLock(redis, key)
    const taken = await redis.set(key, lock.#token, 'PX', ttlMs, 'NX')
    if (taken !== 'OK') return undefined
    lock.#renewal = setInterval(() => {
      redis.eval(EXTEND, 1, key, lock.#token, ttlMs).catch(() => {})
    }, Math.max(100, Math.floor(ttlMs / 3)))
    return lock
  }

  async release(): Promise<void> {
    clearInterval(this.#renewal)
    this.#renewal = undefined
    await this.redis.eval(RELEASE, 1, this.key, this.#token)
  }
}
