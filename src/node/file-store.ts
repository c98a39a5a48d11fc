import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { StateStore } from '../store/state-store.js'

/**
 * A StateStore that keeps one file per key in `dir`. Writes go to a temp file that is then renamed
 * over the target, so a crash mid-write leaves the old state intact, never half a file.
 */
export function fileStore(dir: string): StateStore {
  const pathOf = (key: string) => join(dir, `${encodeURIComponent(key)}.json`)
  return {
    async get(key) {
      try {
        return await readFile(pathOf(key), 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw new Error(`cannot read ${pathOf(key)}: ${(error as Error).message}`, { cause: error })
      }
    },
    async set(key, value) {
      await mkdir(dir, { recursive: true })
      const target = pathOf(key)
      const temp = `${target}.${randomUUID()}.tmp`
      try {
        await writeFile(temp, value, 'utf8')
        await rename(temp, target)
      } catch (error) {
        await rm(temp, { force: true })
        throw new Error(`cannot write ${target}: ${(error as Error).message}`, { cause: error })
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}
