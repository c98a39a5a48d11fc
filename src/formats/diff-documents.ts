import { InvalidSpecError } from '../errors/errors.js'
import { defaultFormats } from './default-formats.js'
import { inspectDocument } from './detect-type.js'
import { FormatRegistry } from './format-registry.js'
import { snapshotOf } from './snapshot-of.js'
import { diffInSlices } from './stepwise-diff.js'
import { TimeSlice } from '../runtime/yield.js'
import type { ApiSnapshot } from '../model/snapshot.js'
import type { SourceType } from '../model/identity.js'
import type { SpecFormat } from './types.js'
import { emptyChangeSet } from '../diff/change-set.js'
import type { ChangeSet } from '../model/change.js'

/** Options of `diffDocuments` and `diffSnapshots`. */
export interface DiffDocumentsOptions {
  /** The kind of both documents; detected from each document's content when absent. */
  type?: SourceType
  /** Content type of the documents (picks JSON or YAML); detected from the text when absent. */
  contentType?: string
  /** Formats to read and compare with. @default the built-in OpenAPI, GraphQL and Postman formats */
  formats?: readonly SpecFormat[]
}

/** Which document of a pair: errors name it as their `sourceId` (`"old"` or `"new"`). */
type Side = 'old' | 'new'

/**
 * Compares two API definitions given as text (OpenAPI 2.0/3.x JSON or YAML, GraphQL SDL or
 * introspection JSON, Postman collection v2.x) and returns their change set, by cause, without a
 * service. The kind is detected from each document when `type` is absent, and both must be of
 * the same kind. Each text is parsed once.
 *
 * Throws `ParseError` (`PARSE_ERROR`) for a syntax error and `InvalidSpecError` (`INVALID_SPEC`)
 * for a document that is not an API definition or not of the kind the other one is; the error's
 * `sourceId` is `"old"` or `"new"` and its message names that document.
 *
 * @example const changes = await diffDocuments(oldText, newText); if (changes.breaking) process.exitCode = 1
 */
export async function diffDocuments(oldText: string, newText: string, options: DiffDocumentsOptions = {}): Promise<ChangeSet> {
  const registry = new FormatRegistry(options.formats ?? defaultFormats())
  const before = await readDocument('old', oldText, options, registry)
  const after = await readDocument('new', newText, options, registry)
  if (before.type !== after.type) {
    throw new InvalidSpecError(`The old document is ${describeType(before.type)} and the new document is ${describeType(after.type)}: only documents of one kind can be compared`, {
      sourceId: 'new',
    })
  }
  // Equal fingerprints mean equal definitions, as in the service's unchanged check.
  if (before.snapshot.fingerprint === after.snapshot.fingerprint) return emptyChangeSet()
  // A diff of large documents runs in slices, as the service's does: a host's UI keeps turning.
  return diffInSlices(registry.get(after.type), before.snapshot, after.snapshot, new TimeSlice())
}

/**
 * Compares two snapshots already normalized by one format (`LiveSyncService.getSnapshot`, a saved
 * state) and returns their change set. Throws `InvalidSpecError` when they are of different kinds.
 */
export function diffSnapshots(before: ApiSnapshot, after: ApiSnapshot, options: Pick<DiffDocumentsOptions, 'formats'> = {}): ChangeSet {
  if (before.type !== after.type) {
    throw new InvalidSpecError(`The old snapshot is ${describeType(before.type)} and the new snapshot is ${describeType(after.type)}: only snapshots of one kind can be compared`, {
      sourceId: 'new',
    })
  }
  return new FormatRegistry(options.formats ?? defaultFormats()).get(after.type).diff(before, after)
}

async function readDocument(side: Side, text: string, options: DiffDocumentsOptions, registry: FormatRegistry): Promise<{ type: SourceType; snapshot: ApiSnapshot }> {
  const { type, parsed } = options.type === undefined ? detect(side, text, options.contentType) : { type: options.type, parsed: undefined }
  const context = { sourceId: side, ...(options.contentType === undefined ? {} : { contentType: options.contentType }), ...(parsed === undefined ? {} : { parsed }) }
  return { type, snapshot: await snapshotOf(registry.get(type, side), text, context) }
}

/** The kind of one document, and its parsed value when it is JSON or YAML (handed to the format, which then does not parse again). */
function detect(side: Side, text: string, contentType: string | undefined): { type: SourceType; parsed: unknown } {
  const { type, parsed, parseError } = inspectDocument(text, { sourceId: side, contentType })
  if (type !== undefined) return { type, parsed }
  if (parseError !== undefined) throw parseError
  throw new InvalidSpecError(`The document of source "${side}" is not an OpenAPI, GraphQL or Postman document`, { sourceId: side })
}

function describeType(type: SourceType): string {
  return type === 'openapi' ? 'an OpenAPI document' : type === 'graphql' ? 'a GraphQL schema' : 'a Postman collection'
}
