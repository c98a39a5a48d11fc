import * as z from 'zod'
import { describeIssues } from '../config/issues.js'
import { InvalidConfigError } from '../errors/errors.js'
import { buildChangeSet } from './change-set.js'
import { createChange } from './create-change.js'
import { isKnownKind } from './rule-catalog.js'
import { isSeverity } from './severity.js'
import type { Change, ChangeSet, DiffOptions, OperationReach, Severity } from '../model/change.js'

/** A severity for some rule kinds, replacing the rule's own (`{ 'schema-property-enum-value-added': 'info' }`). */
export type SeverityOverrides = Readonly<Record<string, Severity>>

/** Validates overrides: every key a kind some rule reports, every value a severity (each bad entry its own issue). */
export const severityOverridesSchema = z
  .record(z.string(), z.unknown())
  .superRefine((overrides, context) => {
    for (const [kind, level] of Object.entries(overrides)) {
      if (!isKnownKind(kind)) context.addIssue({ code: 'custom', path: [kind], message: `unknown rule kind '${kind}' (see the rule table in the README)` })
      if (!isSeverity(level)) context.addIssue({ code: 'custom', path: [kind], message: 'must be breaking, warning or info' })
    }
  })
  .transform((overrides) => overrides as Record<string, Severity>)

/**
 * Checks overrides given by a host or a config file; throws INVALID_CONFIG naming each unknown
 * kind or bad level. `label` names where they came from in the message (`--severity-config rules.json`).
 */
export function parseSeverityOverrides(input: unknown, label = 'severityOverrides'): SeverityOverrides {
  const result = severityOverridesSchema.safeParse(input)
  if (result.success) return result.data
  const { issues, text } = describeIssues(result.error.issues.map((issue) => ({ ...issue, path: ['severityOverrides', ...issue.path] })))
  throw new InvalidConfigError(`Invalid ${label}: ${text}`, issues, { cause: result.error })
}

/**
 * The change set with each overridden kind at its new severity: `changes` and each operation's
 * changes re-sorted breaking first, `breaking` and the summary counted again. Pure: the input is
 * left alone, and a change shared by `changes` and `modified[i].changes` stays one object.
 */
export function applySeverityOverrides(changeSet: ChangeSet, overrides: SeverityOverrides): ChangeSet {
  if (Object.keys(overrides).length === 0) return changeSet
  const replaced = new Map<Change, Change>()
  const overridden = (change: Change): Change => {
    const severity = Object.hasOwn(overrides, change.kind) ? overrides[change.kind] : undefined
    if (severity === undefined || (severity === change.severity && !hasOwnSeverities(change))) return change
    let copy = replaced.get(change)
    if (copy === undefined) {
      copy = createChange(change.kind, severity, change)
      // One level for the kind: per-operation severities no longer differ from it.
      if (change.operations !== undefined) copy.operations = change.operations.map(withoutSeverity)
      replaced.set(change, copy)
    }
    return copy
  }
  return buildChangeSet({
    added: changeSet.added,
    removed: changeSet.removed,
    modified: changeSet.modified.map((entry) => ({ operation: entry.operation, changes: entry.changes.map(overridden) })),
    changes: changeSet.changes.map(overridden),
    ...(changeSet.renamed === undefined ? {} : { renamed: changeSet.renamed }),
  })
}

/** A format's diff with its `DiffOptions.severityOverrides` checked and applied. */
export function withDiffOptions(changeSet: ChangeSet, options: DiffOptions | undefined): ChangeSet {
  if (options?.severityOverrides === undefined) return changeSet
  return applySeverityOverrides(changeSet, parseSeverityOverrides(options.severityOverrides))
}

function hasOwnSeverities(change: Change): boolean {
  return change.operations?.some((reach) => reach.severity !== undefined) ?? false
}

function withoutSeverity(reach: OperationReach): OperationReach {
  if (reach.severity === undefined) return reach
  const { severity: _severity, ...rest } = reach
  return rest
}
