import { getOwn, isRecord } from './own.js'

/**
 * Splits a same-document reference (`#/components/schemas/Pet`) into unescaped JSON Pointer
 * segments (RFC 6901: `~1` is `/`, `~0` is `~`; the fragment is percent-decoded first, RFC 6901 §6).
 * `#` alone gives `[]` (the document root). Returns undefined for anything that is not a `#` pointer.
 */
export function parseFragmentPointer(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined
  const fragment = percentDecode(ref.slice(1))
  if (fragment === '') return []
  if (!fragment.startsWith('/')) return undefined
  return fragment
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/** Formats segments as a `#` pointer, escaping `~` and `/` (the canonical spelling of a reference). */
export function formatFragmentPointer(segments: readonly string[]): string {
  let pointer = '#'
  for (const segment of segments) pointer += '/' + segment.replaceAll('~', '~0').replaceAll('/', '~1')
  return pointer
}

/** Follows pointer segments through own properties and array indexes; undefined when any step is missing. */
export function resolvePointer(root: unknown, segments: readonly string[]): unknown {
  let current: unknown = root
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^(?:0|[1-9]\d*)$/.test(segment)) return undefined
      current = current[Number(segment)]
    } else if (isRecord(current)) {
      current = getOwn(current, segment)
    } else {
      return undefined
    }
    if (current === undefined) return undefined
  }
  return current
}

function percentDecode(text: string): string {
  if (!text.includes('%')) return text
  try {
    return decodeURIComponent(text)
  } catch {
    // A stray `%` that starts no escape is taken literally.
    return text
  }
}
