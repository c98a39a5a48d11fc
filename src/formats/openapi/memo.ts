import type { NormalizeContext, WithRefs } from './context.js'

/**
 * Normalizes a part (parameter, response, request body, header, example) once per source object
 * and reuses the result wherever that object is used again: a `$ref`'d component, a path-level
 * parameter shared by every method of its path, a YAML alias. `kind` keeps apart uses of one
 * object whose result depends on more than the object (a 2.0 response under other `produces`).
 */
export function remembered<T>(context: NormalizeContext, kind: string, source: object, build: () => WithRefs<T>): WithRefs<T> {
  let bySource = context.memo.get(kind)
  if (bySource === undefined) {
    bySource = new Map()
    context.memo.set(kind, bySource)
  }
  const cached = bySource.get(source) as WithRefs<T> | undefined
  if (cached !== undefined) return cached
  const result = build()
  bySource.set(source, result)
  return result
}

/** An empty reference set, shared by parts that reference no schema. */
export const NO_REFS: ReadonlySet<string> = new Set()
