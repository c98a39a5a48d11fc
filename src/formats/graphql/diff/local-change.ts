import type { Severity } from '../../../model/change.js'

/**
 * A change found inside one type, directive or field pair, before it is attributed to an
 * operation: `location` starts at that element (`['User', 'fields', 'email']`).
 */
export interface LocalChange {
  kind: string
  severity: Severity
  location: string[]
  message: string
  before?: unknown
  after?: unknown
}

/** Builds a LocalChange, leaving `before` / `after` out when they are undefined. */
export function localChange(
  kind: string,
  severity: Severity,
  location: string[],
  message: string,
  values: { before?: unknown; after?: unknown } = {},
): LocalChange {
  const change: LocalChange = { kind, severity, location, message }
  if (values.before !== undefined) change.before = values.before
  if (values.after !== undefined) change.after = values.after
  return change
}
