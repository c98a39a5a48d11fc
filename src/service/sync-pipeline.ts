import type { LiveSourceConfig } from '../config/config.js'
import { allAddedChangeSet } from '../diff/change-set.js'
import { applySeverityOverrides, type SeverityOverrides } from '../diff/severity-overrides.js'
import type { ChangeSet } from '../model/change.js'
import { InvalidSpecError, LiveSyncError } from '../errors/errors.js'
import type { FormatRegistry } from '../formats/format-registry.js'
import { sha256Hex } from '../formats/hash.js'
import type { ApiSnapshot } from '../model/snapshot.js'
import { snapshotOf } from '../formats/snapshot-of.js'
import { diffInSlices } from '../formats/stepwise-diff.js'
import type { LoadResult } from '../model/loader.js'
import { TimeSlice } from '../runtime/yield.js'
import type { Baseline } from '../model/baseline.js'
import type { SourceState } from './source-state.js'

/**
 * The last document each source's normalization refused, by its config object (a new object after
 * `updateSource`, so a config change tries again; gone with the source). Parsing and normalizing
 * depend on nothing but the bytes and the config, so the error would be the same.
 */
const lastRejected = new WeakMap<LiveSourceConfig, { contentHash: string; error: LiveSyncError }>()

/** What one sync found, before anything is committed. */
export type SyncOutcome =
  | { kind: 'unchanged'; commit: Baseline }
  | { kind: 'changed'; commit: Baseline & { snapshot: ApiSnapshot }; changes: ChangeSet }

/**
 * Turns a load result into an outcome: skip when the server said 304 or the bytes are the
 * ones of the last good document, else parse, normalize and fingerprint, and diff only when
 * the fingerprint moved. Pure with respect to the state it is given.
 */
export async function processLoadResult(
  state: SourceState,
  loaded: LoadResult,
  formats: FormatRegistry,
  slice: TimeSlice = new TimeSlice(),
  severityOverrides: SeverityOverrides = {},
): Promise<SyncOutcome> {
  const unchangedCommit: Baseline = {
    snapshot: state.snapshot,
    contentHash: state.contentHash,
    etag: state.etag,
    lastModified: state.lastModified,
  }
  if (loaded.notModified === true) {
    // "Not modified" only means something against a baseline; without one no document was received.
    if (!state.snapshot) throw notModifiedWithoutBaseline(state.config.id)
    return { kind: 'unchanged', commit: unchangedCommit }
  }
  const commitBase = { etag: loaded.etag, lastModified: loaded.lastModified }
  // Bytes, when the loader kept them, hash without re-encoding the text (the bulk of the cost).
  const contentHash = await sha256Hex(loaded.bytes ?? loaded.content)
  if (state.snapshot && contentHash === state.contentHash) {
    return { kind: 'unchanged', commit: { ...unchangedCommit, ...commitBase, contentHash } }
  }
  const config = state.config
  // The same bad bytes fail the same way: answer at once instead of parsing them again on every poll.
  const rejected = lastRejected.get(config)
  if (rejected?.contentHash === contentHash) throw rejected.error
  const format = formats.get(config.type, config.id)
  // Each phase of a large document is long: the event loop turns between them (issue 11, item 9).
  await slice.yieldIfDue()
  const snapshot = await snapshotOf(format, loaded.content, { sourceId: config.id, contentType: loaded.contentType, ...(loaded.parsed === undefined ? {} : { parsed: loaded.parsed }) }, slice).catch((error: unknown) => {
    if (isDocumentVerdict(error)) lastRejected.set(config, { contentHash, error })
    throw error
  })
  const previous = state.snapshot
  if (previous && previous.type === snapshot.type && previous.fingerprint === snapshot.fingerprint) {
    return { kind: 'unchanged', commit: { ...commitBase, snapshot: previous, contentHash } }
  }
  await slice.yieldIfDue()
  const changes = previous && previous.type === snapshot.type ? await diffInSlices(format, previous, snapshot, slice) : allAddedChangeSet(snapshot)
  await slice.yieldIfDue()
  return { kind: 'changed', commit: { ...commitBase, snapshot, contentHash }, changes: applySeverityOverrides(changes, severityOverrides) }
}

/** An error that only the document's bytes caused (not a cancellation or a passing failure). */
function isDocumentVerdict(error: unknown): error is LiveSyncError {
  return error instanceof LiveSyncError && (error.code === 'PARSE_ERROR' || error.code === 'INVALID_SPEC' || error.code === 'TOO_LARGE')
}

function notModifiedWithoutBaseline(sourceId: string): InvalidSpecError {
  return new InvalidSpecError(
    `The loader of source "${sourceId}" answered "not modified" although the source has no last good document to compare with`,
    { sourceId },
  )
}
