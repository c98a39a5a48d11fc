import { isRecord } from '../../shared/json.js'

/**
 * The Postman format's recogniser, for the one type detector (`formats/detect-type.ts`): a
 * collection names Postman's schema in `info.schema`, or (exports without a schema URL) carries
 * Postman's own `info._postman_id` next to its `item` tree. `info` and `item` alone are too common
 * to tell a collection by.
 */
export function isPostmanCollection(document: Readonly<Record<string, unknown>>): boolean {
  const info = document.info
  if (!isRecord(info)) return false
  if (typeof info.schema === 'string' && /getpostman\.com|\/collection\/v\d/i.test(info.schema)) return true
  return typeof info._postman_id === 'string' && Array.isArray(document.item)
}
