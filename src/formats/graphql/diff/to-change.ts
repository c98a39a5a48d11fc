import type { Change } from '../../../model/change.js'
import { createChange } from '../../../diff/create-change.js'
import type { LocalChange } from './local-change.js'

/** Turns a local change into a reported one: attributed to an operation, located from it, tagged with the component it was found in. */
export function toChange(change: LocalChange, context: { operation?: string; prefix?: readonly string[]; component?: string }): Change {
  return createChange(change.kind, change.severity, {
    location: context.prefix === undefined ? change.location : [...context.prefix, ...change.location],
    message: change.message,
    operation: context.operation,
    before: change.before,
    after: change.after,
    component: context.component,
  })
}
