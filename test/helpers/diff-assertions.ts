import type { Change, ChangeSet } from '../../src/model/change.js'

/** The single change of a kind, failing loudly when there is none or several. */
export function onlyChange(changeSet: ChangeSet, kind: string): Change {
  const matches = changeSet.changes.filter((change) => change.kind === kind)
  if (matches.length !== 1) {
    throw new Error(`expected one '${kind}' change, got ${matches.length}: ${changeSet.changes.map((c) => `${c.kind}(${c.severity})`).join(', ')}`)
  }
  return matches[0]!
}

/** `kind:severity` of every change, sorted, for compact assertions. */
export function kindsOf(changeSet: ChangeSet): string[] {
  return changeSet.changes.map((change) => `${change.kind}:${change.severity}`).sort()
}
