import { LiveSyncError, NetworkError } from '../errors/errors.js'

/**
 * Turns a Node file-system error into a typed error naming the source and the path. File problems
 * use the NETWORK_ERROR code (the document could not be fetched), so hosts handle them like an
 * unreachable server:
 *
 * - ENOENT / ENOTDIR: retryable. Editors and build tools replace files by deleting and rewriting
 *   them, and a generated spec may not exist yet when watching starts; it usually comes back.
 * - EACCES / EPERM: not retryable within a sync. Permissions do not fix themselves in the seconds
 *   between retries, so the sync fails fast; the next poll still tries again.
 * - EISDIR: not retryable: the path names a directory, a config mistake.
 * - Anything else (EMFILE, EBUSY, EIO, ...): retryable, like a transient network failure.
 *
 * Only the code is quoted, never the system message, to keep messages short and predictable.
 */
export function fileError(error: unknown, sourceId: string, path: string): LiveSyncError {
  if (error instanceof LiveSyncError) return error
  const code = errorCode(error)
  const label = `Source "${sourceId}"`
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new NetworkError(`${label}: file not found: ${path}`, { sourceId, cause: error })
    case 'EACCES':
    case 'EPERM':
      return new NetworkError(`${label}: permission denied reading ${path} (${code})`, { sourceId, cause: error, retryable: false })
    case 'EISDIR':
      return new NetworkError(`${label}: ${path} is a directory, not a file`, { sourceId, cause: error, retryable: false })
    default:
      return new NetworkError(`${label}: could not read ${path}${code === undefined ? '' : ` (${code})`}`, { sourceId, cause: error })
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** The path exists but is not a regular file (a directory, a socket, a FIFO): a config mistake, not retried. */
export function notARegularFile(sourceId: string, path: string, isDirectory: boolean): LiveSyncError {
  const problem = isDirectory ? 'is a directory, not a file' : 'is not a regular file'
  return new NetworkError(`Source "${sourceId}": ${path} ${problem}`, { sourceId, retryable: false })
}
