/**
 * Deterministic ids, so generating a collection twice from one snapshot gives the same ids and a
 * merge can tell a generated folder or request from one the user made.
 */

/** Id of the request generated for an operation identity (`GET /users/{}`). */
export function requestId(identity: string): string {
  return `req-${idHash(identity)}`
}

/** Id of a folder from its path of names from the collection root (`['pets']`). */
export function folderId(namePath: readonly string[]): string {
  return `folder-${idHash(JSON.stringify(namePath))}`
}

/** Id of a request read from a file that had none: from where it sits, so re-reading gives the same id. */
export function locatedRequestId(folderPath: readonly string[], name: string, position: number): string {
  return `req-${idHash(JSON.stringify([...folderPath, name, position]))}`
}

/**
 * The hash of every generated id, frozen: ids live on in hosts' collections (their history, notes
 * and shares are keyed by them), so this must give what every earlier version gave, whatever hash
 * the formats use (issue 10, move 6). Two 32-bit FNV-1a style lanes over UTF-16 units, 16 hex digits.
 */
export function idHash(text: string): string {
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
  return hex32(h1) + hex32(h2)
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0')
}
