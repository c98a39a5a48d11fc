import type { Collection, CollectionItem, MergeReport, Request } from '../model/collection.js'
import type { SyncTarget } from '../service/target-sync.js'

/** What `watch --out` puts before the name of a request whose operation left the spec. */
export const REMOVED_PREFIX = '[removed] '

/**
 * Makes the requests of removed operations visible in an API client: the merge only marks them
 * (`deprecated`, kept in a hidden description comment), so `--out` also prefixes their names. The
 * prefix lives only in the file: it is taken off when the file is read, so the merge never sees it
 * as a user's rename, and it goes away by itself when the operation comes back.
 */
export function visiblyMarkRemoved(target: SyncTarget, prefix = REMOVED_PREFIX): SyncTarget {
  let marked = new Set<string>()
  // Whatever else the target offers passes through untouched.
  return {
    ...target,
    async read() {
      const collection = await target.read()
      if (collection === undefined) return undefined
      const found = new Set<string>()
      const items = mapRequests(collection.items, (request) => {
        if (request.deprecated !== true || !request.name.startsWith(prefix) || request.operationKey === undefined) return request
        found.add(request.operationKey)
        return { ...request, name: request.name.slice(prefix.length) }
      })
      marked = found
      return { ...collection, items }
    },
    async write(collection: Collection, report: MergeReport, ...rest: unknown[]) {
      const back = new Set([...report.added, ...report.updated])
      const next = new Set([...marked, ...report.removed].filter((key) => !back.has(key)))
      const items = mapRequests(collection.items, (request) =>
        request.deprecated === true && request.operationKey !== undefined && next.has(request.operationKey) && !request.name.startsWith(prefix)
          ? { ...request, name: `${prefix}${request.name}` }
          : request,
      )
      await (target.write as (...args: unknown[]) => Promise<void>).call(target, { ...collection, items }, report, ...rest)
      marked = next
    },
  }
}

function mapRequests(items: readonly CollectionItem[], map: (request: Request) => Request): CollectionItem[] {
  return items.map((item) => (item.type === 'folder' ? { ...item, items: mapRequests(item.items, map) } : map(item)))
}

/** `GET /pets: name`, the request and field of each conflict the merge resolved, for the "kept your value" line. */
export function describeConflicts(report: MergeReport, shown = 3): string {
  const listed = report.conflicts.slice(0, shown).map((conflict) => `${conflict.operationKey === '' ? 'collection' : conflict.operationKey}: ${conflict.field}`)
  const more = report.conflicts.length > shown ? ` and ${report.conflicts.length - shown} more` : ''
  return `${listed.join(', ')}${more}`
}
