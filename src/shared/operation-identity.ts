/**
 * The one answer to "is this the same operation" (issue 10, move 2). Every format's snapshot, the
 * diff's pairing and the collection merge key operations by these functions and nothing else.
 *
 * The rules, decided once from what a user calling the API sees:
 * - The method is upper-case: `get` and `GET` are one method.
 * - A path parameter matches whatever its name and however it is written: `{id}`, `{petId}`, a
 *   Postman `{{id}}` variable and a whole `:id` segment are one parameter (`/pets/{}`). Renaming
 *   one changes no URL a client builds.
 * - A trailing slash is not significant: `/pets` and `/pets/` are one operation. Users treat them
 *   as one; a spec that switches between them is reported as that operation's path changing
 *   (`operation-path-changed`), never as one operation removed and another added. A document that
 *   declares both keeps them apart (see `disambiguatedIdentity`).
 * - The identity is relative to the document's base path (server URL or Swagger `basePath`): a
 *   server move keeps every operation and is reported once, as a server change. The full URL
 *   (`fullUrlIdentity`) pairs an operation whose path moved into or out of the base path (`rebased`).
 * - GraphQL: method `QUERY` / `MUTATION` / `SUBSCRIPTION` and the field name, which has no
 *   parameters or slashes, so the same function gives its key back.
 *
 * What the homes it replaces decided, and why they disagreed (so no one brings one back):
 * - `formats/openapi/operations.ts` `operationIdentity`: `{x}` -> `{}`; a trailing slash and a
 *   `:id` segment counted, so `/pets/` -> `/pets` was one removed and one added operation; paths
 *   declared twice used their key, which could equal another version's canonical identity.
 * - `formats/postman/path-template.ts` `identityPath`/`baseIdentity`: `{x}` -> `{}` after the reader
 *   turned `:id` and `{{id}}` into `{id}`; a trailing slash counted.
 * - `collections/operation-identity.ts` `operationIdentity`/`identityPath` (+ the merge's memoized
 *   `identityOf`): `{{x}}`, `{x}`, `:x` -> `{}`, one trailing slash dropped: the merge saw one
 *   operation where the diff saw two.
 * - `formats/openapi/diff/operations.ts` `pathIdentity`: `{x}` -> `{}` to tell a move from a rename; and
 *   `diff/match-operations.ts` `fullIdentity`: base path + identity, for rebased paths.
 * - Pairing: `diff/match-operations.ts` (identity, full URL, unique operationId), Postman's
 *   `pairRequests` (that, then label/summary/folder among twins) and the merge's
 *   `pairSpecRequests` (identity groups, then renames it recovered by filtering change records by
 *   kind strings in `service/target-sync.ts`, then name + folder) are now tiers of
 *   `shared/pair-in-tiers.ts`; the renames come as data (`ChangeSet.renamed`).
 */

const COLLECTION_VARIABLE = /\{\{[^{}]*\}\}/g
const TEMPLATE_PARAMETER = /\{[^{}]*\}/g
const COLON_SEGMENT = /(^|\/):[^/]+/g

/**
 * The path with every parameter written `{}` (`/pets/{}`), trailing slash kept: the URL shape a
 * client calls. Two paths with equal shapes differ only in parameter names.
 */
export function pathShape(path: string): string {
  return path.replace(COLLECTION_VARIABLE, '{}').replace(TEMPLATE_PARAMETER, '{}').replace(COLON_SEGMENT, '$1{}')
}

/** The identity form of a path: its shape without a trailing slash (`/pets/{}`); `/` for the root or an empty path. */
export function identityPath(path: string): string {
  const shape = pathShape(path.trim()).replace(/\/+$/, '')
  return shape === '' ? '/' : shape
}

/** The canonical identity of an operation: upper-case method plus identity path (`GET /pets/{}`). */
export function operationIdentity(method: string, path: string): string {
  return `${method.toUpperCase()} ${identityPath(path)}`
}

/**
 * The identity of an operation that shares its canonical identity with another of the same
 * document (`/pets` and `/pets/`, `/a/{x}` and `/a/{y}`): the canonical identity plus the path as
 * written, so it stays unique, never equals a canonical identity, and does not depend on document
 * order. Pairing still finds it by shape (`operationIdentity`).
 */
export function disambiguatedIdentity(method: string, path: string): string {
  return `${operationIdentity(method, path)}#${path}`
}

/** Operation identities already computed, by operation key (a merge asks for each several times). */
const identitiesByKey = new Map<string, string>()

/**
 * The canonical identity of an operation key (`"GET /pets/{petId}"` -> `GET /pets/{}`), memoized;
 * the cache is cleared when it grows past ten thousand keys.
 */
export function keyIdentity(operationKey: string): string {
  let identity = identitiesByKey.get(operationKey)
  if (identity === undefined) {
    if (identitiesByKey.size > 10_000) identitiesByKey.clear()
    const space = operationKey.indexOf(' ')
    identity = space === -1 ? operationIdentity(operationKey, '') : operationIdentity(operationKey.slice(0, space), operationKey.slice(space + 1))
    identitiesByKey.set(operationKey, identity)
  }
  return identity
}

/** Whether two paths call the same URL shape: equal but for parameter names (`/pets/{id}`, `/pets/{petId}`). */
export function sameShape(before: string, after: string): boolean {
  return before === after || pathShape(before) === pathShape(after)
}

/**
 * The full-URL identity: the canonical identity of the path under the document's base path
 * (`GET /status` under `/api/v2` is `GET /api/v2/status`).
 */
export function fullUrlIdentity(method: string, path: string, basePath: string): string {
  return operationIdentity(method, basePath === '' ? path : `${basePath}${path === '/' ? '' : path}`)
}
