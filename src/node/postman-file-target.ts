import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fromPostmanCollection, toPostmanCollection } from '../collections/postman.js'
import type { Collection } from '../model/collection.js'
import type { SyncTarget } from '../service/target-sync.js'
import { removeStaleTempFilesOf, writeFileAtomic } from './atomic-file.js'

/** What the file held when it was last read or written: its content hash, or `null` when there was no file. */
type FileVersion = string | null

/**
 * A sync target that is a Postman collection v2.1 file: the service merges spec changes into it
 * and the user's edits in the file (made in Postman or by hand) survive. Writes are atomic (temp
 * file, then rename); a file that is not valid JSON is reported, never overwritten. A file that
 * changed since the service read it (the user saved in between) is never replaced: the write fails
 * (`TARGET_ERROR`) and the next sync merges the user's save (issue 11, item 4). Temp files a crashed
 * process left beside the file are removed on the first read.
 */
export function postmanFileTarget(filePath: string): SyncTarget {
  let cleaned: Promise<void> | undefined
  /** The version the merge being written was made from; undefined before any read. */
  let readVersion: FileVersion | undefined
  return {
    async read(): Promise<Collection | undefined> {
      await (cleaned ??= removeStaleTempFilesOf(filePath))
      const text = await readText(filePath)
      readVersion = versionOf(text)
      if (text === undefined) return undefined
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch (error) {
        throw new Error(`${filePath} is not valid JSON (fix or delete it; it is never overwritten while broken): ${(error as Error).message}`)
      }
      return fromPostmanCollection(json)
    },
    async write(collection): Promise<void> {
      const text = `${JSON.stringify(toPostmanCollection(collection), null, 2)}\n`
      const expected = readVersion
      // Checked as late as possible, right before the rename: what the merge did not see is never replaced.
      await writeFileAtomic(filePath, text, async () => {
        if (expected === undefined) return
        const now = versionOf(await readText(filePath))
        if (now !== expected) {
          throw new Error(`${filePath} changed since it was read (saved meanwhile?); not overwritten, the next sync merges it`)
        }
      })
      readVersion = versionOf(text)
    },
  }
}

async function readText(filePath: string): Promise<string | undefined> {
  try {
    return await readFile(filePath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function versionOf(text: string | undefined): FileVersion {
  return text === undefined ? null : createHash('sha256').update(text).digest('hex')
}
