import type { Change } from '../../../model/change.js'
import type { LocalChange } from './local-change.js'

/** Turns a local change into a reported one: attributed to an operation, located from it, tagged with the component it was found in. */
export function toChange(change: LocalChange, context: { operation?: string; prefix?: readonly string[]; component?: string }): Change {
  const result: Change = {
    kind: change.kind,
    severity: change.severity,
    location: context.prefix === undefined ? change.location : [...context.prefix, ...change.location],
    message: change.message,
  }
  if (context.operation !== undefined) result.operation = context.operation
  if (change.before !== undefined) result.before = change.before
  if (change.after !== undefined) result.after = change.after
  if (context.component !== undefined) result.component = context.component
  return result
}
