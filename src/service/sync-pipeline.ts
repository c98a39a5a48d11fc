import type { LiveSourceConfig } from '../config/config.js'
import { allAddedChangeSet } from '../diff/change-set.js'
import { applySeverityOverrides, type SeverityOverrides } from '../diff/severity-overrides.js'
import type { ChangeSet } from '../diff/types.js'
import { InvalidSpecError, LiveSyncError, toError } from '../errors/errors.js'
import type { FormatRegistry } from '../formats/format-registry.js'
import { sha256Hex } from '../formats/hash.js'
import type { ApiSnapshot, SpecFormat } from '../formats/types.js'
import type { LoadResult } from '../loaders/types.js'
import type { SyncCommit, SourceState } from './source-state.js'

/** What one sync found, before anything is committed. */
export type SyncOutcome =
  | { kind: 'unchanged'; commit: SyncCommit }
  | { kind: 'changed'; commit: SyncCommit & { snapshot: ApiSnapshot }; changes: ChangeSet }

/**
 * Turns a load result into an outcome: skip when the server said 304 or the bytes are the
 * ones of the last good document, else parse, normalize and fingerprint, and diff only when
 * the fingerprint moved. Pure with respect to the state it is given.
 */
export async function processLoadResult(
  state: SourceState,
  loaded: LoadResult,
  formats: FormatRegistry,
  severityOverrides: SeverityOverrides = {},
): Promise<SyncOutcome> {
  const unchangedCommit: SyncCommit = {
    snapshot: state.snapshot,
    contentHash: state.contentHash,
    etag: state.etag,
    lastModified: state.lastModified,
  }
  if (loaded.notModified === true) {
    // Validators are only sent once a baseline exists, so a 304 always means "the last good snapshot still holds".
    return { kind: 'unchanged', commit: unchangedCommit }
  }
  const commitBase = { etag: loaded.etag, lastModified: loaded.lastModified }
  // Bytes, when the loader kept them, hash without re-encoding the text (the bulk of the cost).
  const contentHash = await sha256Hex(loaded.bytes ?? loaded.content)
  if (state.snapshot && contentHash === state.contentHash) {
    return { kind: 'unchanged', commit: { ...unchangedCommit, ...commitBase, contentHash } }
  }
  const config = state.config
  const format = formats.get(config.type, config.id)
  const snapshot = await normalize(format, loaded.content, config, loaded.contentType)
  const previous = state.snapshot
  if (previous && previous.type === snapshot.type && previous.fingerprint === snapshot.fingerprint) {
    return { kind: 'unchanged', commit: { ...commitBase, snapshot: previous, contentHash } }
  }
  const changes = previous && previous.type === snapshot.type ? format.diff(previous, snapshot) : allAddedChangeSet(snapshot)
  return { kind: 'changed', commit: { ...commitBase, snapshot, contentHash }, changes: applySeverityOverrides(changes, severityOverrides) }
}

async function normalize(format: SpecFormat, text: string, config: LiveSourceConfig, contentType: string | undefined): Promise<ApiSnapshot> {
  try {
    const { snapshot, canonical } = await format.normalize(text, { sourceId: config.id, contentType })
    return { ...snapshot, fingerprint: await sha256Hex(canonical) }
  } catch (error) {
    if (error instanceof LiveSyncError) throw error
    // A RangeError here is a stack overflow on absurdly nested input: the document's fault, not ours.
    const cause = toError(error)
    const reason = error instanceof RangeError ? 'it is nested too deeply' : cause.message
    throw new InvalidSpecError(`The document of source "${config.id}" could not be read as ${config.type}: ${reason}`, {
      sourceId: config.id,
      cause,
    })
  }
}
