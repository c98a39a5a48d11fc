/**
 * Canonical JSON: object keys sorted, no whitespace, so two documents that differ only in key
 * order or formatting give the same text. Same output as `JSON.stringify` with sorted keys
 * (undefined and functions dropped in objects, `null` in arrays), written out directly because a
 * sorting replacer that rebuilds every object costs several times more on multi-megabyte documents.
 */
export function canonicalJson(value: unknown): string {
  return writeCanonical(value) ?? 'null'
}

function writeCanonical(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      throw new TypeError('canonicalJson cannot serialize a BigInt')
    case 'object':
      break
    default:
      return undefined // undefined, functions and symbols, as JSON.stringify drops them
  }
  if (value === null) return 'null'
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return writeCanonical((value as { toJSON(): unknown }).toJSON())
  if (Array.isArray(value)) {
    let text = '['
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text += ','
      text += writeCanonical(value[index]) ?? 'null'
    }
    return text + ']'
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).sort()
  let text = '{'
  let first = true
  for (const key of keys) {
    const written = writeCanonical(record[key])
    if (written === undefined) continue
    text += (first ? '' : ',') + JSON.stringify(key) + ':' + written
    first = false
  }
  return text + '}'
}

const encoder = new TextEncoder()

/** SHA-256 (hex) of text (as UTF-8) or bytes, through Web Crypto, available in Node 20+ and browsers. */
export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return toHex(new Uint8Array(digest))
}

function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/**
 * Fast synchronous 64-bit string hash (two independent 32-bit FNV-1a style lanes), used to
 * content-address schemas and operations inside one snapshot where Web Crypto's async digest per
 * node would cost more than the work it guards. Not for security.
 */
export function fastHash(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193 ^ text.length
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    h1 = Math.imul(h1 ^ code, 0x01000193)
    h2 = Math.imul(h2 ^ code, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  h1 ^= h1 >>> 13
  h1 = Math.imul(h1, 0xc2b2ae35)
  h1 ^= h1 >>> 16
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0')
}
