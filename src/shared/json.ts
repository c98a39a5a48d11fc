/** Helpers for plain JSON-like values, shared by the formats, the diff and the collection tools. */

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Structural equality of JSON-like values without serializing them: key order does not matter and
 * a property holding `undefined` counts as absent, as in JSON.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    if (a.length !== other.length) return false
    for (let index = 0; index < a.length; index++) if (!sameJson(a[index], other[index])) return false
    return true
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  let count = 0
  for (const key of Object.keys(left)) {
    if (left[key] === undefined) continue
    if (!Object.hasOwn(right, key) || !sameJson(left[key], right[key])) return false
    count++
  }
  for (const key of Object.keys(right)) if (right[key] !== undefined) count--
  return count === 0
}
