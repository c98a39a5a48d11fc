import { existsSync, readFileSync } from 'node:fs'
import { openapiFormat } from '../../src/formats/openapi/index.js'
import type { ApiSnapshot } from '../../src/model/snapshot.js'

/** The large shared fixtures (../shared/fixtures/specs); tests using them skip when it is missing. */
export const SHARED_SPECS_DIR = new URL('../../../shared/fixtures/specs/', import.meta.url).pathname

export const sharedSpecsPresent = existsSync(SHARED_SPECS_DIR)

/** A suffix for a describe name explaining why it is skipped. */
export const sharedSpecsSkipNote = sharedSpecsPresent ? '' : ` (skipped: ${SHARED_SPECS_DIR} is missing)`

const normalized = new Map<string, Promise<ApiSnapshot>>()

/**
 * Normalizes a shared OpenAPI fixture into a snapshot (fingerprint left as the file name). Each file
 * is normalized once per test file (Stripe takes seconds); every caller gets its own copy.
 */
export async function sharedSnapshot(file: string): Promise<ApiSnapshot> {
  let snapshot = normalized.get(file)
  if (snapshot === undefined) {
    snapshot = openapiFormat.normalize(readFileSync(SHARED_SPECS_DIR + file, 'utf8'), { sourceId: file }).then((result) => ({ ...result.snapshot, fingerprint: file }))
    normalized.set(file, snapshot)
  }
  return structuredClone(await snapshot)
}
