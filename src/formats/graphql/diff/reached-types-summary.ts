import type { Change, Severity } from '../../../diff/types.js'
import type { SnapshotOperation } from '../../types.js'
import { typePointer } from '../nodes.js'
import type { LocalChange } from './local-change.js'
import type { Reach } from './reach.js'
import type { ReachedType } from './type-walk.js'

/** Types named in a `reached-types-changed` message before "and N more". */
const SUMMARY_TYPE_NAMES = 5

/** One record telling an operation which changed types it reaches, as severe as the worst change among them. */
export function reachedTypesSummary(
  operation: SnapshotOperation,
  reachedTypes: readonly ReachedType[],
  typeChanges: (name: string, reach: Reach) => LocalChange[],
): Change | undefined {
  const names: string[] = []
  let severity: Severity = 'info'
  for (const reached of reachedTypes) {
    const found = typeChanges(reached.name, reached.reach)
    if (found.length === 0) continue
    names.push(reached.name)
    for (const change of found) if (compareSeverity(change.severity, severity) < 0) severity = change.severity
  }
  if (names.length === 0) return undefined
  const shown = names.slice(0, SUMMARY_TYPE_NAMES).join(', ')
  const more = names.length > SUMMARY_TYPE_NAMES ? ` and ${names.length - SUMMARY_TYPE_NAMES} more` : ''
  return {
    kind: 'reached-types-changed',
    severity,
    operation: operation.key,
    location: [],
    message: `${operation.key} reaches ${names.length} changed type${names.length === 1 ? '' : 's'}: ${shown}${more}`,
    after: names.map(typePointer),
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { breaking: 0, warning: 1, info: 2 }

function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER[a] - SEVERITY_ORDER[b]
}
