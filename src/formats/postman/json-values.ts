/** Narrowing helpers for reading loosely typed collection JSON without casts scattered around. */

import { isRecord } from '../../shared/json.js'

export { isRecord }

/** The value when it is a string, else `undefined`. */
export function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/**
 * Postman writes most scalar values as strings but older exporters wrote numbers and booleans
 * (`"value": 10`); they mean the same text.
 */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/** Text of a Postman description, which is a string or `{ content, type, version }`; empty means absent. */
export function descriptionText(value: unknown): string | undefined {
  const text = isRecord(value) ? stringOr(value.content) : stringOr(value)
  return text === undefined || text.trim() === '' ? undefined : text
}

/** Names what a JSON value is, for error messages. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
