import type { SchemaNode } from '../../../../model/snapshot.js'
import type { Severity } from '../../../../model/change.js'
import { asNode, objectKeyword, requiredNames } from './node.js'
import { narrowing, widening } from './direction.js'
import { report, type ComparisonScope } from './scope.js'

/** `readOnly` properties are never sent and `writeOnly` ones never returned: their presence rules do not bind clients. */
function ignoredByClients(property: unknown, scope: ComparisonScope): boolean {
  const node = asNode(property)
  return scope.direction === 'request' ? node['readOnly'] === true : node['writeOnly'] === true
}

/**
 * A removed request property: a client that still sends it is rejected only by a strict
 * server (`additionalProperties: false`), so a warning, as oasdiff rates it. A removed response
 * property is breaking for callers even when it was optional (issue 3): code that reads and shows
 * it silently loses the data, where oasdiff only warns.
 */
function removedSeverity(property: unknown, scope: ComparisonScope): Severity {
  if (ignoredByClients(property, scope)) return 'info'
  return scope.direction === 'request' ? 'warning' : 'breaking'
}

/** A new request property breaks senders only when required; new response properties are harmless. */
function addedSeverity(isRequired: boolean, property: unknown, scope: ComparisonScope): Severity {
  if (scope.direction === 'response' || ignoredByClients(property, scope)) return 'info'
  return isRequired ? 'breaking' : 'info'
}

function compareRequiredness(wasRequired: boolean, isRequired: boolean, property: unknown, path: string[], scope: ComparisonScope): void {
  if (wasRequired === isRequired) return
  const ignored = ignoredByClients(property, scope)
  if (isRequired) {
    const severity = ignored ? 'info' : narrowing(scope.direction)
    report(scope, path, 'property-became-required', severity, 'became required', { before: false, after: true })
  } else {
    const severity = ignored ? 'info' : widening(scope.direction)
    report(scope, path, 'property-became-optional', severity, 'became optional', { before: true, after: false })
  }
}

/** `properties` and `required`: added, removed, and required-ness of each property; then each shared property recursively. */
export function compareProperties(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  const wasProperties = objectKeyword(before, 'properties')
  const isProperties = objectKeyword(after, 'properties')
  const wasRequired = requiredNames(before)
  const isRequired = requiredNames(after)
  const names = new Set([...Object.keys(wasProperties), ...Object.keys(isProperties), ...wasRequired, ...isRequired])
  for (const name of names) {
    const propertyPath = [...path, 'properties', name]
    const inBefore = Object.hasOwn(wasProperties, name)
    const inAfter = Object.hasOwn(isProperties, name)
    if (inBefore && !inAfter) {
      const property = wasProperties[name]
      const detail = wasRequired.has(name) ? 'was removed (it was required)' : 'was removed'
      report(scope, propertyPath, 'property-removed', removedSeverity(property, scope), detail, { before: name })
    } else if (!inBefore && inAfter) {
      const property = isProperties[name]
      const required = isRequired.has(name) ? 'required' : 'optional'
      report(scope, propertyPath, 'property-added', addedSeverity(isRequired.has(name), property, scope), `was added as ${required}`, { after: name })
    } else {
      const property = inAfter ? isProperties[name] : undefined
      compareRequiredness(wasRequired.has(name), isRequired.has(name), property, propertyPath, scope)
      if (inBefore) scope.compare(wasProperties[name], isProperties[name], propertyPath)
    }
  }
}

type Extra = { kind: 'any' } | { kind: 'none' } | { kind: 'schema'; schema: unknown }

/** `additionalProperties`: absent, `true` and `{}` all allow anything. */
function extraProperties(node: SchemaNode): Extra {
  const value = node['additionalProperties']
  if (value === undefined || value === true) return { kind: 'any' }
  if (value === false) return { kind: 'none' }
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) return { kind: 'any' }
  return { kind: 'schema', schema: value }
}

const EXTRA_LABEL = { any: 'any additional properties', none: 'no additional properties', schema: 'additional properties of a given schema' }

/** Additional properties allowed, restricted to a schema, or forbidden; shared schemas compared recursively. */
export function compareAdditionalProperties(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  const was = extraProperties(before)
  const is = extraProperties(after)
  if (was.kind === 'schema' && is.kind === 'schema') {
    scope.compare(was.schema, is.schema, [...path, 'additionalProperties'])
    return
  }
  if (was.kind === is.kind) return
  const rank = { none: 0, schema: 1, any: 2 }
  const widened = rank[is.kind] > rank[was.kind]
  const detail = `changed from allowing ${EXTRA_LABEL[was.kind]} to ${EXTRA_LABEL[is.kind]}`
  if (widened) report(scope, path, 'additional-properties-widened', widening(scope.direction), detail)
  else report(scope, path, 'additional-properties-narrowed', narrowing(scope.direction), detail)
}
