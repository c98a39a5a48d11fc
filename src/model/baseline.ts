import type { ApiSnapshot } from './snapshot.js'

/**
 * What a source's last successful sync left to compare the next one with: the last good snapshot (its
 * `fingerprint` is the hash of the canonical form the diff compares), the SHA-256 of the raw bytes that
 * made it (equal bytes skip all further work), and the HTTP validators of the conditional request.
 * One type for the service's state, a sync's commit and the saved state.
 */
export interface Baseline {
  /** Undefined until a sync succeeds (or when a saved snapshot came from another snapshot model). */
  readonly snapshot: ApiSnapshot | undefined
  readonly contentHash: string | undefined
  readonly etag: string | undefined
  readonly lastModified: string | undefined
}
