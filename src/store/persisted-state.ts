import * as z from 'zod'
import { StateError } from '../errors/errors.js'
import type { Baseline } from '../model/baseline.js'
import type { ApiSnapshot } from '../model/snapshot.js'

/** Bumped when the saved shape changes; older states are refused with a clear error, never misread. */
export const STATE_VERSION = 1

/**
 * Bumped whenever a format starts keeping more or other things in its snapshots. A saved snapshot of
 * another model is not diffed against (that would report what the normalizer learned as API changes):
 * it is dropped, while the base collection is kept so a target's merge stays incremental.
 * 2: Postman operations record where inherited auth is set (`extra.authFrom`); OpenAPI operations carry `ownHash`.
 * 3: one operation identity (`shared/operation-identity.ts`): a trailing slash and `:id` segments no longer
 *    count, paths a document declares twice get `<identity>#<path>`. A user's collection keeps its request
 *    ids across the upgrade: the merge pairs by the identity of each request's operation key, never by id.
 * 4: one fast hash (`formats/hash.ts` `fastHash`, Murmur3 style) for every format's operation and schema
 *    hashes; Postman and GraphQL ones had an FNV hash. Generated ids keep theirs (`collections/ids.ts`).
 */
export const SNAPSHOT_MODEL_VERSION = 4

/** What a service saves per source: the baseline and what is needed to resume incrementally. Never the config (headers). */
export interface PersistedSourceState extends Baseline {
  /** Its `snapshot` is undefined when the saved one came from another snapshot model (see SNAPSHOT_MODEL_VERSION). */
  lastSuccess: Date | null
  /** The collection generated from `snapshot`: the merge base of an attached target. */
  baseCollection: unknown
  /**
   * Saved just before a target write: the base that write makes. Present when the write may have
   * reached the target without the state that goes with it being saved (a crash or a failing store
   * in between); the next sync reconciles it against the target (issue 11, item 3).
   */
  pendingBase?: unknown
}

const persistedSchema = z.object({
  version: z.literal(STATE_VERSION),
  sourceId: z.string(),
  model: z.number().int().optional(),
  // Absent only while a first sync's target write is pending (see `pendingBase`).
  snapshot: z
    .looseObject({
      type: z.enum(['openapi', 'graphql', 'postman']),
      fingerprint: z.string(),
      operations: z.array(z.looseObject({ key: z.string(), identity: z.string(), hash: z.string() })),
      schemas: z.record(z.string(), z.unknown()),
    })
    .optional(),
  contentHash: z.string().optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  lastSuccess: z.iso.datetime().nullable(),
  baseCollection: z.unknown().optional(),
  pendingBase: z.unknown().optional(),
})

export function stateKey(sourceId: string): string {
  return `source:${sourceId}`
}

export function serializeSourceState(sourceId: string, state: PersistedSourceState): string {
  return JSON.stringify({
    version: STATE_VERSION,
    sourceId,
    model: SNAPSHOT_MODEL_VERSION,
    snapshot: state.snapshot,
    contentHash: state.contentHash,
    etag: state.etag,
    lastModified: state.lastModified,
    lastSuccess: state.lastSuccess?.toISOString() ?? null,
    baseCollection: state.baseCollection,
    ...(state.pendingBase === undefined ? {} : { pendingBase: state.pendingBase }),
  })
}

/** Reads saved state back; anything unreadable is a StateError naming the source, never a silent reset. */
export function deserializeSourceState(sourceId: string, text: string): PersistedSourceState {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw corrupt(sourceId, 'it is not valid JSON', error)
  }
  const parsed = persistedSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw corrupt(sourceId, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unexpected shape'}`, parsed.error)
  }
  if (parsed.data.sourceId !== sourceId) throw corrupt(sourceId, `it belongs to source "${parsed.data.sourceId}"`)
  const data = parsed.data
  const lastSuccess = data.lastSuccess === null ? null : new Date(data.lastSuccess)
  const pending = data.pendingBase === undefined ? {} : { pendingBase: data.pendingBase }
  if (data.model !== SNAPSHOT_MODEL_VERSION || data.snapshot === undefined) {
    // Validators and the content hash go too: they would let the first sync skip the document.
    return { snapshot: undefined, contentHash: undefined, etag: undefined, lastModified: undefined, lastSuccess, baseCollection: data.baseCollection, ...pending }
  }
  return {
    ...pending,
    snapshot: data.snapshot as unknown as ApiSnapshot,
    contentHash: data.contentHash,
    etag: data.etag,
    lastModified: data.lastModified,
    lastSuccess,
    baseCollection: data.baseCollection,
  }
}

function corrupt(sourceId: string, reason: string, cause?: unknown): StateError {
  return new StateError(
    `The saved state of source "${sourceId}" cannot be used (${reason}); delete it from the store to start over`,
    { sourceId, cause },
  )
}
