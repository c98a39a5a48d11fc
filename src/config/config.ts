import * as z from 'zod'
import { InvalidConfigError } from '../errors/errors.js'
import type { LiveSourceConfig } from '../model/source-config.js'
import { describeIssues } from './issues.js'

/** Shortest poll interval accepted, so a typo cannot hammer a server. */
export const MIN_REFRESH_INTERVAL_MS = 1000

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https URL' })

export const liveSourceConfigSchema = z
  .strictObject({
    /** Unique id of the source in its service. */
    id: z.string().trim().min(1, 'must be a non-empty string'),
    /** Name shown to people. */
    name: z.string().trim().min(1, 'must be a non-empty string'),
    /** Format of the definition the source serves. */
    type: z.enum(['openapi', 'graphql', 'postman']),
    /** http(s) URL of the definition; exactly one of `url` and `filePath`. */
    url: httpUrl.optional(),
    /** Path of the definition on disk (needs `api-live-sync/node`); exactly one of `url` and `filePath`. */
    filePath: z.string().min(1, 'must be a non-empty string').optional(),
    /** Poll interval in ms; 0 means manual syncs only, otherwise at least 1000. */
    refreshInterval: z
      .number()
      .int('must be an integer number of milliseconds')
      .refine((ms) => ms === 0 || ms >= MIN_REFRESH_INTERVAL_MS, {
        error: `must be 0 (manual only) or at least ${MIN_REFRESH_INTERVAL_MS} ms`,
      }),
    /** Disabled sources are kept but never polled nor synced by `syncAllSources`. @default true */
    enabled: z.boolean().default(true),
    /** Headers sent with every HTTP request of this source. Never shown in status, errors, events or saved state. */
    headers: z.record(z.string(), z.string()).optional(),
    /** Per-attempt timeout in ms for this source; overrides the service's `timeout`. */
    timeout: z.number().int().positive('must be a positive number of milliseconds').optional(),
  })
  .superRefine((config, context) => {
    const hasUrl = config.url !== undefined
    const hasFile = config.filePath !== undefined
    if (hasUrl === hasFile) {
      context.addIssue({
        code: 'custom',
        path: hasUrl ? ['filePath'] : ['url'],
        message: hasUrl ? 'give either url or filePath, not both' : 'one of url or filePath is required',
      })
    }
  })

/** A source as users write it (`enabled` may be left out): the type to give a config you write, e.g. `const pets: LiveSourceConfigInput = {...}`. */
export type LiveSourceConfigInput = z.input<typeof liveSourceConfigSchema>
export type { LiveSourceConfig } from '../model/source-config.js'

/** Validates a source config; throws `InvalidConfigError` naming every bad field. */
export function parseSourceConfig(input: unknown): LiveSourceConfig {
  const result = liveSourceConfigSchema.safeParse(input)
  if (result.success) return result.data
  const sourceId = typeof (input as { id?: unknown } | null)?.id === 'string' ? (input as { id: string }).id : undefined
  const { issues, text } = describeIssues(result.error.issues)
  const label = sourceId === undefined ? 'Invalid source config' : `Invalid config for source "${sourceId}"`
  throw new InvalidConfigError(`${label}: ${text}`, issues, { sourceId, cause: result.error })
}
