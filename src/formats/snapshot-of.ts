import { InvalidSpecError, LiveSyncError, toError } from '../errors/errors.js'
import type { ApiSnapshot } from '../model/snapshot.js'
import type { TimeSlice } from '../runtime/yield.js'
import { sha256Hex } from './hash.js'
import type { ParseContext, SpecFormat } from './types.js'

/**
 * Reads one document into a snapshot: the format parses and normalizes the text, and the
 * fingerprint is the SHA-256 of its canonical text, so documents that differ only in key order or
 * formatting get the same one. The one place this is done: the service's syncs, `diffDocuments`,
 * `testSource` and the CLI's `diff`.
 *
 * Throws what the format throws (`ParseError`, `InvalidSpecError`, ...); anything else (a stack
 * overflow on absurdly nested input, a bug in a custom format) becomes an `InvalidSpecError`
 * naming `context.sourceId`, since the document caused it. `slice` lets a long read yield to the
 * event loop between its phases (issue 11, item 9), and its signal stops the read at its next turn.
 */
export async function snapshotOf(format: SpecFormat, text: string, context: ParseContext, slice?: TimeSlice): Promise<ApiSnapshot> {
  try {
    // The slice's signal (a sync's) also aborts the format's own turns.
    const signal = context.signal ?? slice?.signal
    const { snapshot, canonical } = await format.normalize(text, signal === context.signal ? context : { ...context, signal })
    await slice?.yieldIfDue()
    return { ...snapshot, fingerprint: await sha256Hex(canonical) }
  } catch (error) {
    if (error instanceof LiveSyncError) throw error
    const cause = toError(error)
    const reason = error instanceof RangeError ? 'it is nested too deeply' : cause.message
    throw new InvalidSpecError(`The document of source "${context.sourceId}" could not be read as ${format.type}: ${reason}`, {
      sourceId: context.sourceId,
      cause,
    })
  }
}
