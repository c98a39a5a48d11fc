import { createHash } from 'node:crypto'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { StateStore } from '../store/state-store.js'
import { removeStaleTempFiles, TEMP_SUFFIX_BYTES, writeFileAtomic } from './atomic-file.js'

/** Longest file name most file systems accept, in bytes. */
const MAX_NAME_BYTES = 255
/** Longest state file name, leaving room for the temp suffix of an atomic write. */
const MAX_STATE_NAME_BYTES = MAX_NAME_BYTES - TEMP_SUFFIX_BYTES
/** Characters of the readable part kept in a hashed name. */
const READABLE_PREFIX_CHARS = 80

/**
 * A StateStore that keeps one file per key in `dir`. Writes go to a temp file that is then renamed
 * over the target, so a crash mid-write leaves the old state intact, never half a file; temp files
 * a crashed process left behind are removed when the store is first used.
 */
export function fileStore(dir: string): StateStore {
  const pathOf = (key: string) => join(dir, stateFileName(key))
  let cleaned: Promise<void> | undefined
  const cleanOnce = () => (cleaned ??= removeStaleTempFiles(dir))
  return {
    async get(key) {
      await cleanOnce()
      try {
        return await readFile(pathOf(key), 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw new Error(`cannot read ${pathOf(key)}: ${(error as Error).message}`, { cause: error })
      }
    },
    async set(key, value) {
      await mkdir(dir, { recursive: true })
      await cleanOnce()
      const target = pathOf(key)
      try {
        await writeFileAtomic(target, value)
      } catch (error) {
        throw new Error(`cannot write ${target}: ${(error as Error).message}`, { cause: error })
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}

/**
 * The file name of a key: the key URI-encoded (the name every earlier version used, so existing
 * state keeps loading) while it fits; a longer one (24 CJK characters, a deep CLI path: issue 11,
 * item 10) becomes a readable prefix plus the SHA-256 of the whole key, always short enough.
 */
export function stateFileName(key: string): string {
  const plain = `${encodeURIComponent(key)}.json`
  if (Buffer.byteLength(plain) <= MAX_STATE_NAME_BYTES) return plain
  const hash = createHash('sha256').update(key).digest('hex')
  const prefix = encodeURIComponent([...key].slice(0, READABLE_PREFIX_CHARS).join('')).slice(0, READABLE_PREFIX_CHARS)
  // Whole escapes only; `%%` never occurs in a plain name, so a hashed name cannot equal one.
  return `${prefix.replace(/%[0-9A-F]?$/i, '')}%%${hash}.json`
}
