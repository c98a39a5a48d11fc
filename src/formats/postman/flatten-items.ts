import { InvalidSpecError } from '../../errors/errors.js'
import { isRecord, stringOr } from './json-values.js'

/** One request of a collection with the context its folders give it. */
export interface RequestEntry {
  /** Names of the folders that contain the request, outermost first (`[]` at the collection root). */
  folder: string[]
  /** The item's name (`''` when it has none). */
  name: string
  /** The item's `request` object (a string request is expanded to `{ url, method: 'GET' }`). */
  request: Record<string, unknown>
  /** The item's saved examples (`item.response`). */
  responses: unknown[]
  /** Auth the request uses: its own, else its nearest folder's, else the collection's (raw JSON). */
  auth: unknown
  /** Whose auth it inherits: the folder path that sets it (`[]` for the collection), undefined for its own auth or none. */
  authOwner: string[] | undefined
  /** Where the item sits, for messages: `item[2].item[0]`. */
  location: string
}

/**
 * Deepest folder nesting accepted. Real collections use a handful of levels; each level copies the
 * folder path, so a hostile 100,000-level collection would otherwise cost quadratic time.
 */
export const MAX_FOLDER_DEPTH = 256

interface PendingItem {
  item: unknown
  folder: string[]
  auth: unknown
  authOwner: string[] | undefined
  location: string
}

/**
 * Lists every request of a collection in document order, through nested folders. Iterative so a
 * deeply nested (or hostile) collection cannot overflow the stack. Items that are neither a request
 * nor a folder are reported through `warn` and skipped; an item that is not an object is invalid.
 */
export function flattenItems(
  items: readonly unknown[],
  collectionAuth: unknown,
  context: { sourceId: string; warn: (message: string) => void },
): RequestEntry[] {
  const entries: RequestEntry[] = []
  const stack: PendingItem[] = childrenOf(items, [], collectionAuth, isRecord(collectionAuth) ? [] : undefined, '').reverse()
  for (let pending = stack.pop(); pending !== undefined; pending = stack.pop()) {
    const { item, folder, location } = pending
    if (!isRecord(item)) {
      throw new InvalidSpecError(`Postman collection of source "${context.sourceId}": ${location} is not an object`, {
        sourceId: context.sourceId,
      })
    }
    const name = stringOr(item.name) ?? ''
    const auth = ownAuth(item.request) ?? pending.auth
    if (Array.isArray(item.item)) {
      if (folder.length >= MAX_FOLDER_DEPTH) {
        throw new InvalidSpecError(
          `Postman collection of source "${context.sourceId}": folders are nested too deeply (more than ${MAX_FOLDER_DEPTH} levels)`,
          { sourceId: context.sourceId },
        )
      }
      const folderAuth = ownAuth(item)
      const folderPath = [...folder, name]
      stack.push(...childrenOf(item.item, folderPath, folderAuth ?? pending.auth, folderAuth === undefined ? pending.authOwner : folderPath, location).reverse())
    } else if (isRecord(item.request) || typeof item.request === 'string') {
      const request = typeof item.request === 'string' ? { url: item.request, method: 'GET' } : item.request
      const responses = Array.isArray(item.response) ? item.response : []
      const authOwner = ownAuth(item.request) === undefined ? pending.authOwner : undefined
      entries.push({ folder, name: name === '' ? (stringOr(request.name) ?? '') : name, request, responses, auth, authOwner, location })
    } else {
      context.warn(`${location}${name ? ` ("${name}")` : ''} is neither a request nor a folder and was skipped`)
    }
  }
  return entries
}

function childrenOf(items: readonly unknown[], folder: string[], auth: unknown, authOwner: string[] | undefined, parent: string): PendingItem[] {
  return items.map((item, index) => ({ item, folder, auth, authOwner, location: `${parent}${parent ? '.' : ''}item[${index}]` }))
}

/** `auth` set on an item or request; `null` or absent means "inherit from parent". */
function ownAuth(holder: unknown): Record<string, unknown> | undefined {
  return isRecord(holder) && isRecord(holder.auth) ? holder.auth : undefined
}
