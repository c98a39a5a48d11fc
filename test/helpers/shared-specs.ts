import { existsSync, readFileSync } from 'node:fs'
import { openapiFormat } from '../../src/formats/openapi/index.js'
import type { ApiSnapshot } from '../../src/model/snapshot.js'

/** The large shared fixtures (../shared/fixtures/specs); tests using them skip when it is missing. */
export const SHARED_SPECS_DIR = new URL('../../../shared/fixtures/specs/', import.meta.url).pathname

export const sharedSpecsPresent = existsSync(SHARED_SPECS_DIR)

/** A suffix for a describe name explaining why it is skipped. */
export const sharedSpecsSkipNote = sharedSpecsPresent ? '' : ` (skipped: ${SHARED_SPECS_DIR} is missing)`

/** Normalizes a shared OpenAPI fixture into a snapshot (fingerprint left as the file name). */
export async function sharedSnapshot(file: string): Promise<ApiSnapshot> {
  const { snapshot } = await openapiFormat.normalize(readFileSync(SHARED_SPECS_DIR + file, 'utf8'), { sourceId: file })
  return { ...snapshot, fingerprint: file }
}
