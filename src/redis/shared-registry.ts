import type { Redis } from 'ioredis'
import type { LiveSourceConfig } from '../config/config.js'
import { InvalidConfigError } from '../errors/errors.js'

/**
 * A source as the shared registry keeps it: the config without header values (secrets never reach
 * Redis; each worker gets them from its `resolveHeaders`), with the header names so two
 * registrations can still be told apart.
 */
export type StoredSourceConfig = Omit<LiveSourceConfig, 'headers'> & { headerNames?: string[] }

export function toStoredConfig(config: LiveSourceConfig): StoredSourceConfig {
  if (config.url !== undefined && hasCredentials(config.url)) {
    throw new InvalidConfigError(
      `Source "${config.id}": url carries credentials, which would be saved in Redis in clear; give them as a header through resolveHeaders`,
      [{ path: 'url', message: 'must not carry credentials on a shared registry' }],
      { sourceId: config.id },
    )
  }
  const { headers, ...rest } = config
  return headers === undefined ? rest : { ...rest, headerNames: Object.keys(headers).sort() }
}

/** Configs equal field by field, whatever the key order. */
export function sameStoredConfig(a: StoredSourceConfig, b: StoredSourceConfig): boolean {
  return canonical(a) === canonical(b)
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, entry]) => entry !== undefined).sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.username !== '' || parsed.password !== ''
  } catch {
    return false
  }
}

/** The registry hash: source id → stored config (JSON). */
export class SharedRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** Adds when absent; otherwise returns what is registered under that id. */
  async addIfAbsent(config: StoredSourceConfig): Promise<StoredSourceConfig | undefined> {
    const added = await this.redis.hsetnx(this.key, config.id, JSON.stringify(config))
    if (added === 1) return undefined
    return this.get(config.id)
  }

  async replace(config: StoredSourceConfig): Promise<void> {
    await this.redis.hset(this.key, config.id, JSON.stringify(config))
  }

  async get(sourceId: string): Promise<StoredSourceConfig | undefined> {
    const text = await this.redis.hget(this.key, sourceId)
    return text === null ? undefined : (JSON.parse(text) as StoredSourceConfig)
  }

  async has(sourceId: string): Promise<boolean> {
    return (await this.redis.hexists(this.key, sourceId)) === 1
  }

  async remove(sourceId: string): Promise<boolean> {
    return (await this.redis.hdel(this.key, sourceId)) === 1
  }

  async list(): Promise<StoredSourceConfig[]> {
    const all = await this.redis.hgetall(this.key)
    return Object.values(all).map((text) => JSON.parse(text) as StoredSourceConfig)
  }
}
