/** Small helpers for plain JSON-like values shared by the collection modules. */

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Structural equality of JSON-like values; key order does not matter, an `undefined` property counts as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, index) => deepEqual(item, b[index]))
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined)
  const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined)
  if (leftKeys.length !== rightKeys.length) return false
  return leftKeys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]))
}

/**
 * A deep copy of plain JSON-like data (objects, arrays, scalars), so results never share objects
 * with the inputs (callers may mutate what they get). Faster than `structuredClone` on the
 * many small objects of a collection; `undefined` properties are left out.
 */
export function clone<T>(value: T): T {
  return copy(value) as T
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(copy)
  const result: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key]
    if (item === undefined) continue
    // A literal "__proto__" key stays data instead of replacing the prototype.
    if (key === '__proto__') Object.defineProperty(result, key, { value: copy(item), enumerable: true, writable: true, configurable: true })
    else result[key] = copy(item)
  }
  return result
}

/** The value when it is a string, else `undefined`. */
export function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
