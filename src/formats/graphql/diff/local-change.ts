import type { Change, Severity } from '../../../model/change.js'
import { createChange } from '../../../diff/create-change.js'

/**
 * A change found inside one type, directive or field pair, before it is attributed to an
 * operation: `location` starts at that element (`['User', 'fields', 'email']`), no `operation`.
 */
export type LocalChange = Change

/** A change of one element, through the one change constructor (`createChange`). */
export function localChange(
  kind: string,
  severity: Severity,
  location: string[],
  message: string,
  values: { before?: unknown; after?: unknown } = {},
): LocalChange {
  return createChange(kind, severity, { location, message, before: values.before, after: values.after })
}
