import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { fromPostmanCollection, toPostmanCollection } from '../collections/postman.js'
import type { Collection } from '../collections/model.js'
import type { SyncTarget } from '../service/target-sync.js'

/**
 * A sync target that is a Postman collection v2.1 file: the service merges spec changes into it
 * and the user's edits in the file (made in Postman or by hand) survive. Writes are atomic (temp
 * file, then rename); a file that is not valid JSON is reported, never overwritten.
 */
export function postmanFileTarget(filePath: string): SyncTarget {
  return {
    async read(): Promise<Collection | undefined> {
      let text: string
      try {
        text = await readFile(filePath, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch (error) {
        throw new Error(`${filePath} is not valid JSON (fix or delete it; it is never overwritten while broken): ${(error as Error).message}`)
      }
      return fromPostmanCollection(json)
    },
    async write(collection): Promise<void> {
      const temp = `${filePath}.${randomUUID()}.tmp`
      try {
        await writeFile(temp, `${JSON.stringify(toPostmanCollection(collection), null, 2)}\n`, 'utf8')
        await rename(temp, filePath)
      } catch (error) {
        await rm(temp, { force: true })
        throw error
      }
    },
  }
}
