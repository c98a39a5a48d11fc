/**
 * Safe access to parsed documents. A document may carry keys such as `__proto__` or
 * `constructor`: reads go through own properties only, and writes define data properties, so
 * no key from a document can reach or replace `Object.prototype`.
 */

/** A JSON object as parsed from a document. */
export type JsonObject = Record<string, unknown>

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The object's own property `key`, never an inherited one (`constructor`, `__proto__`, ...). */
export function getOwn(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined
}

/** Sets an own data property; a `__proto__` key stays data instead of replacing the prototype. */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
    return
  }
  if (startsWithDigit(key)) useSparseElements(target)
  target[key] = value
}

/** The largest array index: writing it makes V8 keep the object's indexed properties in a dictionary. */
const LARGEST_INDEX = '4294967294'

/**
 * Assigning `record['404']` to a plain `{}` makes V8 allocate a fast elements store of some 400
 * slots (about 5 KB for a responses map of three entries). Switching the object to dictionary
 * elements first keeps maps keyed by status codes or numeric names as small as parsed ones.
 */
function useSparseElements(target: JsonObject): void {
  if (Object.hasOwn(target, LARGEST_INDEX)) return
  target[LARGEST_INDEX] = undefined
  delete target[LARGEST_INDEX]
}

function startsWithDigit(key: string): boolean {
  const code = key.charCodeAt(0)
  return code >= 48 && code <= 57
}

/** The object's keys in sorted order; sorting is skipped when they already are (generated specs often are). */
export function sortedKeys(object: object): string[] {
  const keys = Object.keys(object)
  for (let index = 1; index < keys.length; index++) {
    if (keys[index - 1]! > keys[index]!) return keys.sort()
  }
  return keys
}

/**
 * Shallow copy with keys inserted in sorted order and `undefined` values left out, so that
 * `JSON.stringify` of a tree built from such objects is already canonical text.
 */
export function sortedShallow<T extends object>(value: T): T {
  const source = value as JsonObject
  const sorted: JsonObject = {}
  for (const key of sortedKeys(source)) {
    const entry = source[key]
    if (entry !== undefined) setOwn(sorted, key, entry)
  }
  return sorted as T
}

/** The value when it is a string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** The string entries of an array value, else undefined. */
export function stringsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.filter((entry): entry is string => typeof entry === 'string')
}
