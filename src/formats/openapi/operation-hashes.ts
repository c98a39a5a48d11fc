import { fastHash } from '../hash.js'
import type { RequestBodySpec, ResponseSpec } from '../../model/snapshot.js'
import type { NormalizeContext } from './context.js'
import type { OperationDraft } from './operations.js'

/**
 * Hash of one normalized part of an operation (parameter, request body, response, media type),
 * from its canonical text (parts are built with sorted keys, so `JSON.stringify` is canonical).
 * Parts normalized once and shared (a `$ref`'d response, a path-level parameter) are the same
 * object wherever they are used, so each is serialized and hashed once per document.
 */
export function partHash(context: NormalizeContext, part: object): string {
  let hash = context.partHashes.get(part)
  if (hash === undefined) {
    hash = fastHash(JSON.stringify(part))
    context.partHashes.set(part, hash)
  }
  return hash
}

/**
 * Hash of a request body or response: its fields with each media type replaced by the media
 * type's part hash. Swagger 2.0 gives every `consumes` / `produces` media type one shared
 * object, which is then serialized once instead of once per media type.
 */
function bodyHash(context: NormalizeContext, body: RequestBodySpec | ResponseSpec): string {
  let hash = context.partHashes.get(body)
  if (hash === undefined) {
    const content: Array<[string, string]> = []
    for (const mediaType of Object.keys(body.content)) content.push([mediaType, partHash(context, body.content[mediaType]!)])
    hash = fastHash(JSON.stringify({ ...body, content }))
    context.partHashes.set(body, hash)
  }
  return hash
}

/**
 * Merkle hash of an operation: its own fields with each part replaced by the part's hash,
 * plus the hash of every schema it references. A change anywhere in the operation, in a shared
 * part or inside a referenced schema (however deep) changes it; nothing is serialized twice.
 * `own` is the hash of the operation's own fields alone (see `SnapshotOperation.ownHash`).
 */
export function operationHash(context: NormalizeContext, draft: OperationDraft, schemaHashes: ReadonlyMap<string, string>): { hash: string; own: string } {
  const operation = draft.value
  // Plain loops rather than closures over `context` (see normalizeParsedOpenApi).
  const parameters: string[] = []
  for (const parameter of operation.parameters) parameters.push(partHash(context, parameter))
  // `[status, hash]` rows in the responses' own (deterministic) key order: no object keyed by status codes to build.
  const responses: Array<[string, string]> = []
  for (const status of Object.keys(operation.responses)) responses.push([status, bodyHash(context, operation.responses[status]!)])
  // Spreading keeps the sorted key order; the parts take their own places.
  const outline = {
    ...operation,
    parameters,
    requestBody: operation.requestBody === undefined ? undefined : bodyHash(context, operation.requestBody),
    responses,
  }
  const referenced = [...draft.refs].sort().map((ref) => `${JSON.stringify(ref)}=${schemaHashes.get(ref) ?? 'missing'}`)
  const outlineText = JSON.stringify(outline)
  return { hash: fastHash(`${outlineText}\n${referenced.join('\n')}`), own: fastHash(outlineText) }
}
