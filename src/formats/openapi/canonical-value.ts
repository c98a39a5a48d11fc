import { checkNesting } from './nesting.js'
import { setOwn } from './own.js'

/**
 * Returns `value` with every object's keys in sorted order (so `JSON.stringify` of it is
 * canonical), copying only the objects whose keys are out of order. Used for values kept as
 * they are: examples, enums, defaults, extensions.
 */
export function canonicalValue(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value
  checkNesting(depth)
  if (Array.isArray(value)) return canonicalArray(value, depth)
  return canonicalObject(value as Record<string, unknown>, depth)
}

function canonicalArray(array: readonly unknown[], depth: number): unknown[] {
  let copy: unknown[] | undefined
  for (let index = 0; index < array.length; index++) {
    const entry = array[index]
    const canonical = canonicalValue(entry, depth + 1)
    if (canonical !== entry && copy === undefined) copy = array.slice(0, index)
    if (copy !== undefined) copy.push(canonical)
  }
  return copy ?? (array as unknown[])
}

function canonicalObject(object: Record<string, unknown>, depth: number): Record<string, unknown> {
  const keys = Object.keys(object)
  let changed = !inCanonicalOrder(keys)
  const values: unknown[] = new Array(keys.length)
  for (let index = 0; index < keys.length; index++) {
    const entry = object[keys[index]!]
    const canonical = canonicalValue(entry, depth + 1)
    values[index] = canonical
    if (canonical !== entry) changed = true
  }
  if (!changed) return object
  const order = keys.map((key, index) => ({ key, index })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const copy: Record<string, unknown> = {}
  for (const { key, index } of order) setOwn(copy, key, values[index])
  return copy
}

/**
 * JavaScript enumerates array-index keys first, ascending, whatever the insertion order; the other
 * keys follow in insertion order. An object is canonical when those other keys are sorted.
 */
function inCanonicalOrder(keys: readonly string[]): boolean {
  for (let index = 1; index < keys.length; index++) {
    const previous = keys[index - 1]!
    const current = keys[index]!
    if (isArrayIndex(previous)) continue
    if (previous > current) return false
  }
  return true
}

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0)
  if (first < 48 || first > 57) return false
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295
}
