import type { KeyValue } from '../model/collection.js'
import type { FieldMerger } from './three-way.js'
import { sameJson } from './values.js'

/**
 * Three-way merge of query parameters or headers, row by row (a row is named by its key, header
 * keys ignoring case; a key listed twice is told apart by its position among rows of that key):
 * - in all three: `key`, `value`, `enabled` and `description` merge one by one;
 * - added by the spec: added; removed by the spec: removed unless the user edited the row
 *   (then a conflict, `params.limit`);
 * - added by the user: kept; removed by the user: stays removed unless the spec changed the row
 *   (then a conflict).
 * Rows keep the user's order; new rows follow in the spec's order.
 */
export function mergeKeyValues(
  merger: FieldMerger,
  field: 'params' | 'headers' | 'pathVariables',
  base: readonly KeyValue[],
  current: readonly KeyValue[],
  incoming: readonly KeyValue[],
): KeyValue[] {
  const caseInsensitive = field === 'headers'
  const baseRows = indexRows(base, caseInsensitive)
  const currentRows = indexRows(current, caseInsensitive)
  const incomingRows = indexRows(incoming, caseInsensitive)
  const result: KeyValue[] = []
  for (const [name, user] of currentRows) {
    const merged = mergeRow(merger, `${field}.${user.key}`, baseRows.get(name), user, incomingRows.get(name))
    if (merged !== undefined) result.push(merged)
  }
  for (const [name, spec] of incomingRows) {
    if (currentRows.has(name)) continue
    const merged = mergeRow(merger, `${field}.${spec.key}`, baseRows.get(name), undefined, spec)
    if (merged !== undefined) result.push(merged)
  }
  return result
}

/** Rows by name (`key`, lower-cased for headers, plus `#n` for the n-th repeat of a key). */
function indexRows(rows: readonly KeyValue[], caseInsensitive: boolean): Map<string, KeyValue> {
  const index = new Map<string, KeyValue>()
  const seen = new Map<string, number>()
  for (const row of rows) {
    const key = caseInsensitive ? row.key.toLowerCase() : row.key
    const count = seen.get(key) ?? 0
    seen.set(key, count + 1)
    index.set(count === 0 ? key : `${key}#${count}`, row)
  }
  return index
}

function mergeRow(merger: FieldMerger, label: string, base: KeyValue | undefined, user: KeyValue | undefined, spec: KeyValue | undefined): KeyValue | undefined {
  if (user !== undefined && spec !== undefined) {
    // Without a base row both sides added it: the user's row stands, as the user's values do.
    return base === undefined ? user : mergeFields(merger, label, base, user, spec)
  }
  if (user === undefined && spec === undefined) return undefined
  if (base === undefined) {
    if (spec !== undefined) merger.markChanged(label)
    return user ?? spec
  }
  // One side removed the row: that stands when the other side left it as it was.
  const kept = user ?? spec
  if (sameJson(kept, base)) {
    if (user !== undefined) merger.markChanged(label)
    return undefined
  }
  return merger.conflict(label, base, user, spec)
}

function mergeFields(merger: FieldMerger, label: string, base: KeyValue, user: KeyValue, spec: KeyValue): KeyValue {
  const row: KeyValue = {
    key: merger.merge(`${label}.key`, base.key, user.key, spec.key) ?? user.key,
    value: merger.merge(`${label}.value`, base.value, user.value, spec.value) ?? '',
    enabled: merger.merge(`${label}.enabled`, base.enabled, user.enabled, spec.enabled) ?? user.enabled,
  }
  const description = merger.merge(`${label}.description`, base.description, user.description, spec.description)
  if (description !== undefined) row.description = description
  return row
}
