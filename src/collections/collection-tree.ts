import type { Collection, CollectionItem, Folder, Request } from '../model/collection.js'

/** A request with the chain of folders it sits in, from the root. */
export interface LocatedRequest {
  request: Request
  folders: readonly Folder[]
}

/** Every request of a collection in document order, with its folders. */
export function locateRequests(collection: Collection): LocatedRequest[] {
  const located: LocatedRequest[] = []
  const walk = (items: readonly CollectionItem[], folders: readonly Folder[]): void => {
    for (const item of items) {
      if (item.type === 'folder') walk(item.items, [...folders, item])
      else located.push({ request: item, folders })
    }
  }
  walk(collection.items, [])
  return located
}

/** Ids of every folder of a collection. */
export function folderIds(collection: Collection): Set<string> {
  const ids = new Set<string>()
  const walk = (items: readonly CollectionItem[]): void => {
    for (const item of items) {
      if (item.type === 'folder') {
        ids.add(item.id)
        walk(item.items)
      }
    }
  }
  walk(collection.items)
  return ids
}
