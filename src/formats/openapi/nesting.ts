/**
 * Nesting bound for every walk over input-controlled structures. Real API definitions nest a few
 * dozen levels; the bound keeps a hostile 10,000-level document from overflowing the stack.
 */
export const MAX_NESTING = 500

/** Thrown by a walk that went deeper than MAX_NESTING; the caller adds where it happened. */
export class NestingTooDeepError extends Error {
  override readonly name = 'NestingTooDeepError'
  /** Where in the document the walk was (`#/components/schemas/Pet`, `GET /pets`), once known. */
  location: string | undefined
  constructor() {
    super(`nested more than ${MAX_NESTING} levels deep`)
  }
}

/** Throws NestingTooDeepError when `depth` passes the bound. */
export function checkNesting(depth: number): void {
  if (depth > MAX_NESTING) throw new NestingTooDeepError()
}

/** Runs `work`; a NestingTooDeepError escaping it learns `location` unless an inner step named one. */
export function atLocation<T>(location: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof NestingTooDeepError) error.location ??= location
    throw error
  }
}
