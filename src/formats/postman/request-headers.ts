import { keyValueEntries, type KeyValueEntry } from './request-url.js'

/**
 * Reads `request.header`: a list of `{ key, value, disabled }` rows, or (collection v2.0) one
 * string of `Key: value` lines where a line starting with `//` is disabled.
 */
export function readHeaders(header: unknown): KeyValueEntry[] {
  if (Array.isArray(header)) return keyValueEntries(header)
  if (typeof header !== 'string') return []
  const entries: KeyValueEntry[] = []
  for (const line of header.split(/\r?\n/)) {
    const disabled = line.trimStart().startsWith('//')
    const text = disabled ? line.trimStart().slice(2) : line
    const colon = text.indexOf(':')
    const key = (colon === -1 ? text : text.slice(0, colon)).trim()
    if (key === '') continue
    entries.push(colon === -1 ? { key, disabled } : { key, value: text.slice(colon + 1).trim(), disabled })
  }
  return entries
}

/** Value of the enabled header `name` (case-insensitive), if the request sets one. */
export function headerValue(headers: readonly KeyValueEntry[], name: string): string | undefined {
  const wanted = name.toLowerCase()
  return headers.find((header) => !header.disabled && header.key.toLowerCase() === wanted)?.value
}
