import { randomBytes } from 'node:crypto'
import { readdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Bytes a temp name adds to its file's name: `.<pid>.<8 hex>.tmp` (pid up to 10 digits). */
export const TEMP_SUFFIX_BYTES = 1 + 10 + 1 + 8 + 4

/** Temp files we write: `<name>.<pid>.<8 hex>.tmp`; the older `<name>.<uuid>.tmp` is recognized too. */
const TEMP_NAME = /\.(?:(\d{1,10})\.[0-9a-f]{8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.tmp$/

function tempPathFor(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
}

/**
 * Writes `text` to `path` atomically: to a temp file beside it, then renamed over it, so a crash
 * mid-write leaves the old file whole. `beforeRename` runs between the two and may throw to keep
 * the old file (the temp file is removed).
 */
export async function writeFileAtomic(path: string, text: string, beforeRename?: () => Promise<void>): Promise<void> {
  const temp = tempPathFor(path)
  try {
    await writeFile(temp, text, 'utf8')
    await beforeRename?.()
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/**
 * Removes the temp files a crashed process left in `dir` (issue 11): those of `name` only when
 * given, and only those whose writer is gone (its pid is not alive; the older uuid-named ones
 * always, no running version writes them), so a live process sharing the folder keeps its own.
 * Best effort: a folder that cannot be listed is left alone.
 */
export async function removeStaleTempFiles(dir: string, name?: string): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(dir)
  } catch {
    return
  }
  const stale = entries.filter((entry) => {
    if (name !== undefined && !entry.startsWith(`${name}.`)) return false
    const match = TEMP_NAME.exec(entry)
    if (!match) return false
    const pid = match[1]
    return pid === undefined || !isAlive(Number(pid))
  })
  await Promise.all(stale.map((entry) => rm(join(dir, entry), { force: true }).catch(() => {})))
}

/** Removes the stale temp files of one file (see {@link removeStaleTempFiles}). */
export function removeStaleTempFilesOf(path: string): Promise<void> {
  return removeStaleTempFiles(dirname(path), basename(path))
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
