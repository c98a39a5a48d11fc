import type { ApiSnapshot } from '../model/snapshot.js'

/**
 * Canonical JSON: object keys sorted, no whitespace, so two documents that differ only in key
 * order or formatting give the same text. Same output as `JSON.stringify` with sorted keys
 * (undefined and functions dropped in objects, `null` in arrays), written out directly because a
 * sorting replacer that rebuilds every object costs several times more on multi-megabyte documents.
 * Subtrees whose keys are already in sorted order (as builders that insert keys sorted make
 * them) are handed to the native `JSON.stringify`, which then writes exactly the same text.
 */
export function canonicalJson(value: unknown): string {
  return writeCanonical(value) ?? 'null'
}

/**
 * True when `JSON.stringify(value)` is already canonical: every object plain, without `toJSON`,
 * its keys in sorted order as enumerated (array-index keys enumerate first, in numeric order, so
 * `{ "10": .., "9": .. }` is not), and no BigInt anywhere.
 */
function stringifiesCanonically(value: unknown): boolean {
  if (typeof value === 'bigint') return false
  if (typeof value !== 'object' || value === null) return true
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) if (!stringifiesCanonically(value[index])) return false
    return true
  }
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) return false
  const record = value as Record<string, unknown>
  if (typeof record['toJSON'] === 'function') return false
  const keys = Object.keys(record)
  for (let index = 0; index < keys.length; index++) {
    if (index > 0 && keys[index - 1]! > keys[index]!) return false
    if (!stringifiesCanonically(record[keys[index]!])) return false
  }
  return true
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
  if (stringifiesCanonically(value)) return JSON.stringify(value)
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

/** The parts of a snapshot its Merkle summary is made of. */
export type SummarizedSnapshot = Pick<ApiSnapshot, 'type' | 'specVersion' | 'title' | 'version' | 'servers' | 'securitySchemes' | 'operations' | 'schemaHashes'>

/**
 * Canonical text of a snapshot's Merkle summary: `{ type, specVersion, title, version, servers,
 * securitySchemes, operations: [key, identity, hash] rows in snapshot order, schemaHashes }`.
 * Operation and schema hashes cover their full content, so the text changes whenever any
 * operation or schema does, while staying a few bytes per operation instead of the whole
 * resolved document. Equal for documents that differ only in key order or formatting.
 */
export function canonicalSummary(snapshot: SummarizedSnapshot): string {
  return canonicalJson({
    type: snapshot.type,
    specVersion: snapshot.specVersion,
    title: snapshot.title,
    version: snapshot.version,
    servers: snapshot.servers,
    securitySchemes: snapshot.securitySchemes,
    operations: snapshot.operations.map((operation) => [operation.key, operation.identity, operation.hash]),
    schemaHashes: snapshot.schemaHashes ?? {},
  })
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

/** Two hex digits of every byte: formatting a hash by table costs as much as hashing a short text otherwise. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/** An unsigned 32-bit value as 8 hex digits. */
function hex32(value: number): string {
  return HEX_BYTES[(value >>> 24) & 0xff]! + HEX_BYTES[(value >>> 16) & 0xff]! + HEX_BYTES[(value >>> 8) & 0xff]! + HEX_BYTES[value & 0xff]!
}

/** Texts up to this many UTF-8 bytes are encoded into one reused buffer; longer ones get a buffer of their own. */
const SCRATCH_LIMIT = 1 << 20
let scratch = new Uint8Array(1 << 16)
let scratchWords = new Int32Array(scratch.buffer)
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * The library's one fast hash: a synchronous 64-bit hash of a text's UTF-8 bytes, read four at a
 * time (a Murmur3-style lane and a multiply-xorshift lane), for content-addressing the parts of a
 * normalized document (the Merkle hashes of operations and schemas), where Web Crypto's async
 * digest per node would cost more than the work it guards. Chosen over an FNV-1a hash of UTF-16
 * units by measurement (`bench/hash.ts`: 2 to 7 times faster on the JSON of document parts, about as
 * fast on short keys). Not for security; the same on every platform. UTF-8 has no lone surrogates (they
 * encode as U+FFFD), so hash JSON text, where `JSON.stringify` escapes them, when the text may
 * hold one. (Not to be confused with a baseline's `contentHash`: the SHA-256 of the raw body.)
 */
export function fastHash(text: string): string {
  // A UTF-16 code unit takes at most 3 UTF-8 bytes; 4 more bytes pad the last word.
  const capacity = text.length * 3 + 4
  let bytes = scratch
  let words = scratchWords
  if (capacity > bytes.length) {
    const size = (capacity + 3) & ~3
    bytes = new Uint8Array(size)
    words = new Int32Array(bytes.buffer)
    if (size <= SCRATCH_LIMIT) {
      scratch = bytes
      scratchWords = words
    }
  }
  const { written } = encoder.encodeInto(text, bytes)
  bytes[written] = 0
  bytes[written + 1] = 0
  bytes[written + 2] = 0
  const count = (written + 3) >>> 2
  let h1 = 0x9747b28c
  let h2 = 0x811c9dc5 ^ written
  for (let index = 0; index < count; index++) {
    const offset = index << 2
    const word = LITTLE_ENDIAN ? words[index]! : bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)
    let mixed = Math.imul(word, 0xcc9e2d51)
    mixed = Math.imul((mixed << 15) | (mixed >>> 17), 0x1b873593)
    h1 ^= mixed
    h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0
    h2 = Math.imul(h2 ^ word, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  return hex32(finalMix(h1 ^ written)) + hex32(finalMix(h2 ^ h1))
}

/** Murmur3's finalizer: every input bit affects every output bit. */
function finalMix(value: number): number {
  let mixed = value ^ (value >>> 16)
  mixed = Math.imul(mixed, 0x85ebca6b)
  mixed ^= mixed >>> 13
  mixed = Math.imul(mixed, 0xc2b2ae35)
  return mixed ^ (mixed >>> 16)
}
