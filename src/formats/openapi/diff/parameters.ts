import type { ParameterSpec, SnapshotOperation } from '../../../model/snapshot.js'
import { makeChange, type OperationChanges } from './operation-changes.js'
import { formatValue, sameJson } from './schema/node.js'

type Location = ['parameters', string, string]

function locationOf(parameter: ParameterSpec): Location {
  return ['parameters', parameter.in, parameter.name]
}

/** Names of the path template's parameters, in order: `/a/{x}/b/{y}` gives `['x', 'y']`. */
function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!)
}

/**
 * Keys that pair parameters across versions. Header names are case-insensitive. Path
 * parameters of an operation that kept its path pair by position in the template, so
 * `{petId}` renamed to `{id}` is the same parameter.
 */
function keyParameters(operation: SnapshotOperation, names: readonly string[], byPosition: boolean): Map<string, ParameterSpec> {
  const positions = new Map(names.map((name, index) => [name, index]))
  const keyed = new Map<string, ParameterSpec>()
  for (const parameter of operation.parameters) {
    const position = positions.get(parameter.name)
    const key =
      parameter.in === 'path' && byPosition && position !== undefined ? `path#${position}`
      : parameter.in === 'header' ? `header:${parameter.name.toLowerCase()}`
      : `${parameter.in}:${parameter.name}`
    keyed.set(key, parameter)
  }
  return keyed
}

/** OpenAPI says header parameters named Accept, Content-Type or Authorization SHALL be ignored. */
const IGNORED_HEADERS: ReadonlySet<string> = new Set(['accept', 'content-type', 'authorization'])

function isIgnoredHeader(parameter: ParameterSpec): boolean {
  return parameter.in === 'header' && IGNORED_HEADERS.has(parameter.name.toLowerCase())
}

function ignoredNote(parameter: ParameterSpec): string {
  return isIgnoredHeader(parameter) ? ' (OpenAPI ignores this header parameter: media types and security define it)' : ''
}

/**
 * Parameters family: added (required ones break callers), removed, moved to another location
 * (`in`), renamed path parameters, required-ness, deprecation, documentation and schemas.
 */
export function compareParameters(before: SnapshotOperation, after: SnapshotOperation, moved: boolean, changes: OperationChanges): void {
  const namesBefore = templateNames(before.path)
  const namesAfter = templateNames(after.path)
  const samePathShape = !moved && namesBefore.length === namesAfter.length
  const was = keyParameters(before, namesBefore, samePathShape)
  const is = keyParameters(after, namesAfter, samePathShape)
  const removed = [...was].filter(([key]) => !is.has(key)).map(([, parameter]) => parameter)
  const added = [...is].filter(([key]) => !was.has(key)).map(([, parameter]) => parameter)
  for (const old of [...removed]) {
    const relocated = added.find((parameter) => parameter.name.toLowerCase() === old.name.toLowerCase() && parameter.in !== old.in)
    if (relocated === undefined) continue
    removed.splice(removed.indexOf(old), 1)
    added.splice(added.indexOf(relocated), 1)
    changes.addChange(makeChange(changes.operation, 'request-parameter-location-changed', 'breaking', locationOf(relocated), `moved from the ${old.in} to the ${relocated.in}`, {
      before: old.in,
      after: relocated.in,
    }))
  }
  for (const parameter of removed) {
    const severity = isIgnoredHeader(parameter) ? 'info' : 'breaking'
    changes.addChange(makeChange(changes.operation, 'request-parameter-removed', severity, locationOf(parameter), `was removed${ignoredNote(parameter)}`, { before: parameter.name }))
  }
  for (const parameter of added) {
    const severity = parameter.required && !isIgnoredHeader(parameter) ? 'breaking' : 'info'
    const detail = `was added as ${parameter.required ? 'required' : 'optional'}${ignoredNote(parameter)}`
    changes.addChange(makeChange(changes.operation, 'request-parameter-added', severity, locationOf(parameter), detail, { after: parameter.name }))
  }
  for (const [key, old] of was) {
    const current = is.get(key)
    if (current !== undefined) compareParameter(old, current, changes)
  }
}

function compareParameter(before: ParameterSpec, after: ParameterSpec, changes: OperationChanges): void {
  const location = locationOf(after)
  if (before.name !== after.name) {
    // Only path parameters pair across names, and their names never reach the wire.
    changes.addChange(makeChange(changes.operation, 'path-parameter-renamed', 'info', location, `was renamed from '${before.name}'`, { before: before.name, after: after.name }))
  }
  if (before.required !== after.required) {
    if (after.required) changes.addChange(makeChange(changes.operation, 'request-parameter-became-required', 'breaking', location, 'became required', { before: false, after: true }))
    else changes.addChange(makeChange(changes.operation, 'request-parameter-became-optional', 'info', location, 'became optional', { before: true, after: false }))
  }
  if ((before.deprecated ?? false) !== (after.deprecated ?? false)) {
    if (after.deprecated) changes.addChange(makeChange(changes.operation, 'request-parameter-deprecated', 'info', location, 'was deprecated'))
    else changes.addChange(makeChange(changes.operation, 'request-parameter-reactivated', 'info', location, 'is no longer deprecated'))
  }
  if (before.description !== after.description) {
    changes.addChange(makeChange(changes.operation, 'request-parameter-description-changed', 'info', location, 'description changed', { before: before.description, after: after.description }))
  }
  if (!sameJson(before.example, after.example) || !sameJson(before.examples, after.examples)) {
    changes.addChange(makeChange(changes.operation, 'request-parameter-example-changed', 'info', location, 'examples changed', {
      before: before.examples ?? before.example,
      after: after.examples ?? after.example,
    }))
  }
  compareSerialization(before, after, changes)
  changes.compareSchemas(before.schema, after.schema, 'request', location, 'request-parameter-')
}

/** `style` when not written: `form` for query and cookie parameters, `simple` for path and header ones. */
function effectiveStyle(parameter: Record<string, unknown>, location: string): unknown {
  return parameter['style'] ?? (location === 'query' || location === 'cookie' ? 'form' : 'simple')
}

/** `explode` when not written: true for `form` style only. */
function effectiveExplode(parameter: Record<string, unknown>, style: unknown): unknown {
  return parameter['explode'] ?? style === 'form'
}

/** Serialization only changes the bytes sent for arrays and objects. */
function isStructured(schema: ParameterSpec['schema']): boolean {
  const type = schema?.['type']
  const types = Array.isArray(type) ? type : [type]
  return types.includes('array') || types.includes('object') || type === undefined
}

/**
 * Serialization settings, when the normalizer keeps them (defaults filled in, so writing a
 * default is no change): a different `style`, or `explode` on an array or object, changes the
 * bytes a client must send. Withdrawing `allowEmptyValue` or `allowReserved` rejects values that
 * were valid; both only apply to query parameters, so elsewhere they are info.
 */
function compareSerialization(before: ParameterSpec, after: ParameterSpec, changes: OperationChanges): void {
  const was = before as unknown as Record<string, unknown>
  const is = after as unknown as Record<string, unknown>
  const location = locationOf(after)
  const wasStyle = effectiveStyle(was, before.in)
  const isStyle = effectiveStyle(is, after.in)
  if (!sameJson(wasStyle, isStyle)) {
    changes.addChange(makeChange(changes.operation, 'request-parameter-style-changed', 'breaking', location, `style changed from ${formatValue(wasStyle)} to ${formatValue(isStyle)}`, {
      before: wasStyle,
      after: isStyle,
    }))
  }
  const wasExplode = effectiveExplode(was, wasStyle)
  const isExplode = effectiveExplode(is, isStyle)
  if (wasExplode !== isExplode) {
    const severity = isStructured(after.schema) ? 'breaking' : 'info'
    changes.addChange(makeChange(changes.operation, 'request-parameter-explode-changed', severity, location, `explode changed from ${formatValue(wasExplode)} to ${formatValue(isExplode)}`, {
      before: wasExplode,
      after: isExplode,
    }))
  }
  for (const [setting, stem, what] of [
    ['allowEmptyValue', 'empty-value', 'empty values'],
    ['allowReserved', 'reserved-characters', 'reserved characters'],
  ] as const) {
    const allowedBefore = was[setting] === true
    const allowedAfter = is[setting] === true
    if (allowedBefore === allowedAfter) continue
    if (allowedAfter) changes.addChange(makeChange(changes.operation, `request-parameter-${stem}-allowed`, 'info', location, `now allows ${what}`))
    else changes.addChange(makeChange(changes.operation, `request-parameter-${stem}-disallowed`, after.in === 'query' ? 'breaking' : 'info', location, `no longer allows ${what}`))
  }
}
