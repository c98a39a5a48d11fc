import type { DocumentOrder } from '../../model/snapshot.js'
import type { NormalizeContext } from './context.js'
import { getOwn, isRecord } from './own.js'

/** The HTTP methods a Path Item Object can hold, in the order the specification lists them. */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/**
 * The order the document lists its operations (paths and methods as written) and its top-level `tags`, for tools that show them as the author arranged them.
 */
export function documentOrder(context: NormalizeContext): DocumentOrder {
  const operations: string[] = []
  const paths = getOwn(context.root, 'paths')
  if (isRecord(paths)) {
    for (const path of Object.keys(paths)) {
      const item = paths[path]
      if (path.startsWith('x-') || !isRecord(item)) continue
      for (const method of Object.keys(item)) if (METHODS.includes(method)) operations.push(`${method.toUpperCase()} ${path}`)
    }
  }
  const tags: string[] = []
  const declared = getOwn(context.root, 'tags')
  if (Array.isArray(declared)) {
    for (const tag of declared) {
      const name = isRecord(tag) ? getOwn(tag, 'name') : undefined
      if (typeof name === 'string' && !tags.includes(name)) tags.push(name)
    }
  }
  return { operations, tags }
}
