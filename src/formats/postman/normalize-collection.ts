import { canonicalSummary } from '../hash.js'
import type { NormalizedDocument, SnapshotOperation } from '../../model/snapshot.js'
import type { ParseContext } from '../types.js'
import { assignIdentities } from './assign-identities.js'
import { buildOperation } from './build-operation.js'
import { compareText } from '../../shared/compare-text.js'
import { flattenItems } from './flatten-items.js'
import { isRecord, scalarText, stringOr } from './json-values.js'
import { readCollection } from './read-collection.js'

/**
 * Reads a Postman collection (v2.0 or v2.1) as an API definition: every request, through nested
 * folders, becomes one operation. Item ids are ignored because Postman regenerates them on export.
 */
export function normalizeCollection(text: string, context: ParseContext): NormalizedDocument {
  const { root, version } = readCollection(text, context)
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
  }
  const entries = flattenItems(root.item, root.auth, { sourceId: context.sourceId, warn })
  const operations = assignIdentities(entries.map((entry) => buildOperation(entry, warn))).sort(
    (a, b) => compareText(a.key, b.key) || compareText(a.identity, b.identity),
  )
  const snapshot: NormalizedDocument['snapshot'] = {
    type: 'postman',
    specVersion: version,
    title: stringOr(root.info.name) ?? '',
    version: collectionVersion(root.info.version),
    operations,
    schemas: {},
    securitySchemes: {},
    servers: serversOf(operations),
    warnings,
  }
  // Each operation hash covers the whole request, so the summary of keys, identities and hashes stands for them.
  return { snapshot, canonical: canonicalSummary(snapshot) }
}

/** `info.version` is a string, or (collection v2.0) `{ major, minor, patch, identifier }`. */
function collectionVersion(version: unknown): string {
  if (!isRecord(version)) return scalarText(version) ?? ''
  const core = [version.major, version.minor, version.patch].map((part) => scalarText(part) ?? '0').join('.')
  const identifier = scalarText(version.identifier)
  return identifier ? `${core}-${identifier}` : core
}

/** Every distinct protocol and host the requests use, as written (`{{baseUrl}}`), sorted. */
function serversOf(operations: readonly SnapshotOperation[]): string[] {
  const servers = new Set<string>()
  for (const operation of operations) {
    const server = operation.extra?.server
    if (typeof server === 'string') servers.add(server)
  }
  return [...servers].sort(compareText)
}
