import { InvalidSpecError, ParseError } from '../../errors/errors.js'
import { canonicalSummary } from '../hash.js'
import { looksLikeSdl } from '../detect-type.js'
import { parseDocument } from '../parse-document.js'
import type { ApiSnapshot, NormalizedDocument, SchemaNode, SnapshotOperation } from '../../model/snapshot.js'
import type { ParseContext } from '../types.js'
import { computeSchemaHashes, type HashableSchema } from './component-hashes.js'
import { documentOrder } from './document-order.js'
import { drainSchemaQueue, registerComponentSchemas } from './component-schemas.js'
import type { NormalizeContext } from './context.js'
import { detectOpenApiVersion } from './detect-version.js'
import { MAX_NESTING, NestingTooDeepError } from './nesting.js'
import { operationHash } from './operation-hashes.js'
import { collectOperations } from './operations.js'
import { getOwn, isRecord, type JsonObject, setOwn } from './own.js'
import { SchemaRegistry } from './schema-registry.js'
import { normalizeSecuritySchemes } from './security.js'
import { normalizeServers } from './servers.js'
import { Warnings } from './warnings.js'
import { TimeSlice } from '../../runtime/yield.js'

/**
 * Parses and normalizes a Swagger 2.0 / OpenAPI 3.0 / 3.1 document into a snapshot and its
 * canonical text. Throws ParseError for syntax errors and InvalidSpecError for documents that are
 * not OpenAPI, are malformed at the top, or nest deeper than MAX_NESTING levels.
 */
export async function normalizeOpenApi(text: string, context: ParseContext): Promise<NormalizedDocument> {
  const slice = new TimeSlice(context.signal)
  const document = context.parsed !== undefined ? context.parsed : parseOpenApiText(text, context)
  try {
    await slice.yieldIfDue()
    return await normalizeParsedOpenApi(document, text, context.sourceId, slice)
  } catch (error) {
    throw asInvalidSpec(error, context.sourceId)
  }
}

function parseOpenApiText(text: string, context: ParseContext): unknown {
  try {
    return parseDocument(text, { sourceId: context.sourceId, contentType: context.contentType })
  } catch (error) {
    // GraphQL SDL is not YAML either; saying what it is helps more than a YAML syntax error.
    if (error instanceof ParseError && looksLikeSdl(text)) {
      throw new InvalidSpecError(
        `The document of source "${context.sourceId}" is not an OpenAPI or Swagger document: found a GraphQL schema (SDL)`,
        { sourceId: context.sourceId, cause: error },
      )
    }
    throw error
  }
}

/**
 * Normalizes an already parsed document (see normalizeOpenApi); `text` only serves error messages.
 * The snapshot shares unchanged leaf values (strings, examples, enums) with `document`, which
 * must therefore not be mutated afterwards. Long phases let the event loop turn through `slice`.
 */
export async function normalizeParsedOpenApi(
  document: unknown,
  text: string,
  sourceId: string,
  slice: TimeSlice = new TimeSlice(),
): Promise<NormalizedDocument> {
  const { root, family, specVersion } = detectOpenApiVersion(document, sourceId, text)
  const context: NormalizeContext = {
    family,
    root,
    warnings: new Warnings(),
    schemas: new SchemaRegistry(),
    memo: new Map(),
    refCache: new Map(),
    partHashes: new Map(),
  }
  registerComponentSchemas(context)
  const drafts = await collectOperations(context, sourceId, slice)
  await slice.yieldIfDue()
  drainSchemaQueue(context)
  await slice.yieldIfDue()
  const securitySchemes = normalizeSecuritySchemes(context)
  const servers = normalizeServers(context)
  const { title, version } = infoOf(root)

  const schemaEntries = context.schemas.sortedEntries()
  const hashable = new Map<string, HashableSchema>()
  const schemas: Record<string, SchemaNode> = {}
  for (const [pointer, { node, refs }] of schemaEntries) {
    hashable.set(pointer, { text: JSON.stringify(node), refs })
    setOwn(schemas, pointer, node)
  }
  await slice.yieldIfDue()
  const hashes = computeSchemaHashes(hashable)
  await slice.yieldIfDue()
  const schemaHashes: Record<string, string> = {}
  for (const [pointer] of schemaEntries) setOwn(schemaHashes, pointer, hashes.get(pointer)!)

  // A plain loop, not a closure over `context`: an optimized closure can keep its context, and
  // with it the whole parsed document, alive after normalization returns.
  const operations: SnapshotOperation[] = []
  for (const draft of drafts) {
    if (slice.due()) await slice.yield()
    const { hash, own } = operationHash(context, draft, hashes)
    operations.push({ ...draft.value, hash, ownHash: own })
  }
  const snapshot: Omit<ApiSnapshot, 'fingerprint'> = {
    type: 'openapi',
    specVersion,
    title,
    version,
    operations,
    schemas,
    schemaHashes,
    securitySchemes,
    servers,
    warnings: context.warnings.list(),
    order: documentOrder(context),
  }
  await slice.yieldIfDue()
  return { snapshot, canonical: canonicalSummary(snapshot) }
}

function infoOf(root: JsonObject): { title: string; version: string } {
  const info = getOwn(root, 'info')
  if (!isRecord(info)) return { title: '', version: '' }
  return { title: textOf(getOwn(info, 'title')), version: textOf(getOwn(info, 'version')) }
}

/** Unquoted YAML versions (`version: 1.0`) parse as numbers; they are still the document's version. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}

function asInvalidSpec(error: unknown, sourceId: string): unknown {
  const label = `The document of source "${sourceId}"`
  if (error instanceof NestingTooDeepError) {
    const where = error.location === undefined ? '' : ` (at ${error.location})`
    return new InvalidSpecError(`${label} is nested too deeply: more than ${MAX_NESTING} levels${where}`, { sourceId, cause: error })
  }
  // A last line of defence: a structure that still exhausts the stack or string length.
  if (error instanceof RangeError) {
    const reason = /call stack/i.test(error.message) ? 'is nested too deeply' : 'is too large to normalize'
    return new InvalidSpecError(`${label} ${reason} (${error.message})`, { sourceId, cause: error })
  }
  return error
}
