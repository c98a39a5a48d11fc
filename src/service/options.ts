import * as z from 'zod'
import { InvalidConfigError } from '../errors/errors.js'
import { describeIssues } from '../config/issues.js'
import { systemClock, withLongTimers } from '../runtime/clock.js'
import { type Clock } from '../model/clock.js'
import type { SourceLoader } from '../model/loader.js'
import type { HostResolver } from '../loaders/network-guard.js'
import type { SpecFormat } from '../formats/types.js'
import type { ListenerErrorHandler } from '../events/safe-emitter.js'
import type { RetryOptions } from '../runtime/retry-policy.js'
import type { SourceWatcher } from './watcher.js'
import type { StateStore } from '../store/state-store.js'
import { severityOverridesSchema, type SeverityOverrides } from '../diff/severity-overrides.js'

export interface LiveSyncServiceOptions {
  /** Syncs that may run at once across all sources. @default 4 */
  readonly concurrency?: number
  /** Retries of a failing load within one sync, with exponential backoff. @default { retries: 3, minTimeout: 1000, maxTimeout: 30000, factor: 2, randomize: true } */
  readonly retry?: Partial<RetryOptions>
  /** Timeout of one load attempt in ms (a source's own `timeout` wins). @default 30000 */
  readonly timeout?: number
  /** Largest document accepted, in bytes. @default 52428800 (50 MiB) */
  readonly maxBytes?: number
  /** Longest wait between polls while a source keeps failing, in ms (never shorter than its refreshInterval). @default 300000 */
  readonly maxPollBackoff?: number
  /** Replaces the default loader (HTTP): how tests and custom sources plug in. */
  readonly loader?: SourceLoader
  /** `fetch` used by the default HTTP loader. @default globalThis.fetch */
  readonly fetch?: typeof fetch
  /**
   * Whether the default HTTP loader may reach loopback, link-local, private or unspecified addresses,
   * redirects included. Hosts that let their users add source URLs set `false` (SSRF guard). @default true
   */
  readonly allowPrivateNetworks?: boolean
  /** Resolves host names for the guard of `allowPrivateNetworks: false`; without one only literal IPs and `localhost` are checked. */
  readonly resolveHost?: HostResolver
  /** Timer seam. @default the global timers, read at call time */
  readonly clock?: Clock
  /** Watches sources for changes between polls (file sources: `createFileWatcher()` from `api-live-sync/node`). */
  readonly watcher?: SourceWatcher
  /**
   * Keeps each source's baseline (snapshot, validators, base collection) across restarts: a new service
   * with the same store and source id resumes incrementally. @default in memory, for this service only
   */
  readonly store?: StateStore
  /** Extra or replacement formats, by `type`. */
  readonly formats?: readonly SpecFormat[]
  /**
   * Longest wait, in ms, of `stop()`, `dispose()` and `removeSource()` for a sync once it is inside a
   * host's `target.read()`, `target.write()` or `store.set()`: a host call that never settles cannot hang
   * them. The sync keeps its concurrency slot until the call settles, and writes nothing more. @default 10000
   */
  readonly shutdownTimeout?: number
  /** Receives errors thrown by event listeners. @default logs them with console.error */
  readonly onListenerError?: ListenerErrorHandler
  /**
   * A severity for some rule kinds, replacing the rule's own in every change set the service
   * reports (`{ 'schema-property-enum-value-added': 'info' }`); `breaking`, the summary and the
   * order follow. Unknown kinds are INVALID_CONFIG. @default {}
   */
  readonly severityOverrides?: SeverityOverrides
}

const isFunction = (value: unknown): boolean => typeof value === 'function'
const hasMethod = (name: string) => (value: unknown) =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[name] === 'function'

const retrySchema = z.strictObject({
  retries: z.number().int().min(0).default(3),
  minTimeout: z.number().min(0).default(1000),
  maxTimeout: z.number().min(0).default(30_000),
  factor: z.number().positive().default(2),
  randomize: z.boolean().default(true),
})

const optionsSchema = z.strictObject({
  concurrency: z.number().int().min(1).default(4),
  retry: retrySchema.default(retrySchema.parse({})),
  timeout: z.number().int().positive().default(30_000),
  maxBytes: z.number().int().positive().default(50 * 1024 * 1024),
  maxPollBackoff: z.number().int().positive().default(300_000),
  loader: z.custom<SourceLoader>(hasMethod('load'), 'must be an object with a load(source, request) method').optional(),
  fetch: z.custom<typeof fetch>(isFunction, 'must be a fetch function').optional(),
  allowPrivateNetworks: z.boolean().default(true),
  resolveHost: z.custom<HostResolver>(isFunction, 'must be a function (hostname) => Promise<string[]>').optional(),
  clock: z
    .custom<Clock>(
      (value) => hasMethod('setTimeout')(value) && hasMethod('clearTimeout')(value) && hasMethod('now')(value),
      'must have now, setTimeout and clearTimeout',
    )
    .default(systemClock)
    .transform(withLongTimers),
  watcher: z.custom<SourceWatcher>(hasMethod('watch'), 'must be an object with a watch(source, onChange) method').optional(),
  store: z
    .custom<StateStore>(
      (value) => hasMethod('get')(value) && hasMethod('set')(value) && hasMethod('delete')(value),
      'must have async get, set and delete methods',
    )
    .optional(),
  shutdownTimeout: z.number().int().min(0).default(10_000),
  formats: z.array(z.custom<SpecFormat>(hasMethod('normalize'), 'must be a SpecFormat')).default([]),
  onListenerError: z.custom<ListenerErrorHandler>(isFunction, 'must be a function').optional(),
  severityOverrides: severityOverridesSchema.default({}),
})

export type ResolvedServiceOptions = z.output<typeof optionsSchema>

/** Validates and fills in service options once, at the boundary; throws INVALID_CONFIG naming each bad option. */
export function resolveServiceOptions(options: LiveSyncServiceOptions = {}): ResolvedServiceOptions {
  const result = optionsSchema.safeParse(options)
  if (result.success) return result.data
  const { issues, text } = describeIssues(result.error.issues)
  throw new InvalidConfigError(`Invalid LiveSyncService options: ${text}`, issues, { cause: result.error })
}
