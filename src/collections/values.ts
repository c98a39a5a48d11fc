/** Small helpers for plain JSON-like values shared by the collection modules. */

export { isRecord, sameJson } from '../shared/json.js'

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
