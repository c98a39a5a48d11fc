import { fastHash } from '../formats/hash.js'

/**
 * Deterministic ids, so generating a collection twice from one snapshot gives the same ids and a
 * merge can tell a generated folder or request from one the user made.
 */

/** Id of the request generated for an operation identity (`GET /users/{}`). */
export function requestId(identity: string): string {
  return `req-${fastHash(identity)}`
}

/** Id of a folder from its path of names from the collection root (`['pets']`). */
export function folderId(namePath: readonly string[]): string {
  return `folder-${fastHash(JSON.stringify(namePath))}`
}

/** Id of a request read from a file that had none: from where it sits, so re-reading gives the same id. */
export function locatedRequestId(folderPath: readonly string[], name: string, position: number): string {
  return `req-${fastHash(JSON.stringify([...folderPath, name, position]))}`
}
