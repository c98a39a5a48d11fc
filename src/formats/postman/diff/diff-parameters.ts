import type { Severity } from '../../../model/change.js'
import { createChange, type AddChange } from '../../../diff/create-change.js'
import type { ParameterSpec, SnapshotOperation } from '../../../model/snapshot.js'
import { describeRequest, type RequestPair } from './request-rule.js'
import { sameJson } from '../../../shared/json.js'
import { pathParameterNames } from '../path-template.js'
import { parameterKey } from '../request-parameters.js'

interface RowRules {
  location: 'query' | 'header'
  /** How messages name a row: `Query parameter`, `Header`. */
  noun: string
  added: { kind: string; severity: Severity }
  removed: { kind: string; severity: Severity }
  changed: { kind: string; severity: Severity }
}

const QUERY_RULES: RowRules = {
  location: 'query',
  noun: 'Query parameter',
  added: { kind: 'request-parameter-added', severity: 'info' },
  removed: { kind: 'request-parameter-removed', severity: 'warning' },
  changed: { kind: 'request-parameter-changed', severity: 'info' },
}

const HEADER_RULES: RowRules = {
  location: 'header',
  noun: 'Header',
  added: { kind: 'request-header-added', severity: 'info' },
  removed: { kind: 'request-header-removed', severity: 'warning' },
  changed: { kind: 'request-header-changed', severity: 'info' },
}

/** Path variable renames, and query and header rows added, removed or changed. */
export function diffParameters(pair: RequestPair, addChange: AddChange): void {
  diffPathParameters(pair, addChange)
  diffRows(pair, QUERY_RULES, addChange)
  diffRows(pair, HEADER_RULES, addChange)
}

/**
 * Path variables pair by position: the paths already match (same identity), so a different name
 * at the same place is a rename, which clients do not notice.
 */
function diffPathParameters({ before, after }: RequestPair, addChange: AddChange): void {
  const namesBefore = pathParameterNames(before.path)
  const namesAfter = pathParameterNames(after.path)
  namesAfter.forEach((name, index) => {
    const oldName = namesBefore[index]
    if (oldName === undefined) return
    if (oldName !== name) {
      addChange(
        createChange('request-parameter-renamed', 'info', {
          operation: after.key,
          location: ['parameters', 'path', name],
          message: `Path parameter "${oldName}" of ${describeRequest(after)} was renamed to "${name}"`,
          before: oldName,
          after: name,
        }),
      )
    }
    const oldSpec = findParameter(before, 'path', oldName)
    const newSpec = findParameter(after, 'path', name)
    const changed = changedAttributes(oldSpec, newSpec)
    if (changed.length > 0) {
      addChange(
        createChange('request-parameter-changed', 'info', {
          operation: after.key,
          location: ['parameters', 'path', name],
          message: `Path parameter "${name}" of ${describeRequest(after)} ${describeEdit(changed, newSpec)}`,
          before: oldSpec,
          after: newSpec,
        }),
      )
    }
  })
}

function diffRows({ before, after }: RequestPair, rules: RowRules, addChange: AddChange): void {
  const rowsBefore = rowsByName(before, rules.location)
  const rowsAfter = rowsByName(after, rules.location)
  const request = describeRequest(after)
  for (const [key, rows] of rowsAfter) {
    const name = rows[0]!.name
    const location = ['parameters', rules.location, name]
    const old = rowsBefore.get(key)
    if (old === undefined) {
      addChange(
        createChange(rules.added.kind, rules.added.severity, { operation: after.key, location, message: `${rules.noun} "${name}" was added to ${request}`, after: single(rows) }),
      )
    } else if (!sameJson(old, rows)) {
      const edit =
        old.length === 1 && rows.length === 1
          ? describeEdit(changedAttributes(old[0], rows[0], ['name']), rows[0])
          : `changed its rows (${old.length} before, ${rows.length} now)`
      addChange(
        createChange(rules.changed.kind, rules.changed.severity, {
          operation: after.key,
          location,
          message: `${rules.noun} "${name}" of ${request} ${edit}`,
          before: single(old),
          after: single(rows),
        }),
      )
    }
  }
  for (const [key, rows] of rowsBefore) {
    if (rowsAfter.has(key)) continue
    const name = rows[0]!.name
    addChange(
      createChange(rules.removed.kind, rules.removed.severity, {
        operation: after.key,
        location: ['parameters', rules.location, name],
        message: `${rules.noun} "${name}" was removed from ${request}`,
        before: single(rows),
      }),
    )
  }
}

/** Rows of one location by name (headers case-insensitively); a name may repeat (`tag=a&tag=b`). */
function rowsByName(operation: SnapshotOperation, location: 'query' | 'header'): Map<string, ParameterSpec[]> {
  const rows = new Map<string, ParameterSpec[]>()
  for (const parameter of operation.parameters) {
    if (parameter.in !== location) continue
    const key = parameterKey(parameter)
    const list = rows.get(key)
    if (list) list.push(parameter)
    else rows.set(key, [parameter])
  }
  return rows
}

function findParameter(operation: SnapshotOperation, location: 'path', name: string): ParameterSpec | undefined {
  return operation.parameters.find((parameter) => parameter.in === location && parameter.name === name)
}

const DESCRIBED_ATTRIBUTES = ['description', 'example', 'disabled', 'required', 'schema'] as const

/** Attributes that differ between two versions of a parameter (`['example', 'disabled']`); `also` adds more to check. */
function changedAttributes(
  before: ParameterSpec | undefined,
  after: ParameterSpec | undefined,
  also: ReadonlyArray<keyof ParameterSpec> = [],
): string[] {
  return [...also, ...DESCRIBED_ATTRIBUTES].filter((attribute) => !sameJson(before?.[attribute], after?.[attribute]))
}

/** `was disabled and changed its description, example`: what happened to a row, for messages. */
function describeEdit(attributes: readonly string[], after: ParameterSpec | undefined): string {
  const toggled = attributes.includes('disabled')
  const others = attributes.filter((attribute) => attribute !== 'disabled')
  const parts = [
    ...(toggled ? [after?.disabled === true ? 'was disabled' : 'was enabled'] : []),
    ...(others.length > 0 ? [`changed its ${others.join(', ')}`] : []),
  ]
  return parts.join(' and ')
}

function single(rows: ParameterSpec[]): ParameterSpec | ParameterSpec[] {
  return rows.length === 1 ? rows[0]! : rows
}
