import { createRequire } from 'node:module'

// Bruno's own converter and writer, as the Bruno app's "Import Postman collection" uses them.
const require = createRequire(import.meta.url)

interface BrunoConverters {
  postmanToBruno(collection: unknown): Promise<{ collection: unknown; issues: unknown[] }>
}
interface BrunoCollectionWriter {
  createCollectionFromBrunoObject(collection: unknown, dir: string): Promise<void>
}

/** Converts a Postman collection with `@usebruno/converters` and writes it as a Bruno collection folder. */
export async function writeBrunoCollection(postman: unknown, dir: string): Promise<void> {
  const { postmanToBruno } = require('@usebruno/converters') as BrunoConverters
  const { createCollectionFromBrunoObject } = require('@usebruno/cli/src/utils/collection') as BrunoCollectionWriter
  const { collection } = await postmanToBruno(postman)
  await createCollectionFromBrunoObject(collection, dir)
}
