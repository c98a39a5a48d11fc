import type { SchemaNode } from '../../../../model/snapshot.js'
import type { Severity } from '../../../../model/change.js'
import { narrowing, widening } from './direction.js'
import { formatValue } from './node.js'
import { report, type ComparisonScope } from './scope.js'

interface Bound {
  value: number
  exclusive: boolean
}

type Side = 'upper' | 'lower'

/**
 * The effective numeric bound, whichever way it is written: `maximum` with a boolean
 * `exclusiveMaximum` (OpenAPI 3.0) or a numeric `exclusiveMaximum` (3.1); the tighter one wins.
 */
function numericBound(node: SchemaNode, side: Side): Bound | undefined {
  const inclusiveKey = side === 'upper' ? 'maximum' : 'minimum'
  const exclusiveKey = side === 'upper' ? 'exclusiveMaximum' : 'exclusiveMinimum'
  const candidates: Bound[] = []
  const inclusive = node[inclusiveKey]
  const exclusive = node[exclusiveKey]
  if (typeof inclusive === 'number') candidates.push({ value: inclusive, exclusive: exclusive === true })
  if (typeof exclusive === 'number') candidates.push({ value: exclusive, exclusive: true })
  let tightest: Bound | undefined
  for (const bound of candidates) {
    if (tightest === undefined || tighterThan(bound, tightest, side)) tightest = bound
  }
  return tightest
}

function tighterThan(a: Bound, b: Bound, side: Side): boolean {
  if (a.value !== b.value) return side === 'upper' ? a.value < b.value : a.value > b.value
  return a.exclusive && !b.exclusive
}

function boundLabel(bound: Bound, side: Side): string {
  const operator = side === 'upper' ? (bound.exclusive ? '<' : '<=') : bound.exclusive ? '>' : '>='
  return `${operator} ${bound.value}`
}

/** Tightening a bound narrows the accepted values; loosening or removing it widens them. */
function tightness(tightened: boolean, scope: ComparisonScope): Severity {
  return tightened ? narrowing(scope.direction) : widening(scope.direction)
}

function compareNumericBound(before: SchemaNode, after: SchemaNode, side: Side, path: string[], scope: ComparisonScope): void {
  const was = numericBound(before, side)
  const is = numericBound(after, side)
  const name = side === 'upper' ? 'maximum' : 'minimum'
  if (was === undefined && is === undefined) return
  if (was === undefined) {
    report(scope, path, `${name}-added`, tightness(true, scope), `${name} ${boundLabel(is!, side)} was added`, { after: is!.value })
    return
  }
  if (is === undefined) {
    report(scope, path, `${name}-removed`, tightness(false, scope), `${name} ${boundLabel(was, side)} was removed`, { before: was.value })
    return
  }
  if (was.value === is.value && was.exclusive === is.exclusive) return
  const tightened = tighterThan(is, was, side)
  const facet =
    was.value === is.value
      ? `${name}-became-${is.exclusive ? 'exclusive' : 'inclusive'}`
      : `${name}-${is.value > was.value ? 'increased' : 'decreased'}`
  const detail = `${name} changed from ${boundLabel(was, side)} to ${boundLabel(is, side)}`
  report(scope, path, facet, tightness(tightened, scope), detail, { before: was.value, after: is.value })
}

/** Count limits: `[keyword, facet stem, upper?]`. A lower count limit of 0 is the same as none. */
const COUNT_LIMITS: ReadonlyArray<readonly [string, string, Side]> = [
  ['maxLength', 'max-length', 'upper'],
  ['minLength', 'min-length', 'lower'],
  ['maxItems', 'max-items', 'upper'],
  ['minItems', 'min-items', 'lower'],
  ['maxProperties', 'max-properties', 'upper'],
  ['minProperties', 'min-properties', 'lower'],
]

function countLimit(node: SchemaNode, keyword: string, side: Side): number | undefined {
  const value = node[keyword]
  if (typeof value !== 'number') return undefined
  return side === 'lower' && value <= 0 ? undefined : value
}

function compareCountLimits(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  for (const [keyword, stem, side] of COUNT_LIMITS) {
    const was = countLimit(before, keyword, side)
    const is = countLimit(after, keyword, side)
    if (was === is) continue
    if (was === undefined) {
      report(scope, path, `${stem}-added`, tightness(true, scope), `${keyword} ${is} was added`, { after: is })
    } else if (is === undefined) {
      report(scope, path, `${stem}-removed`, tightness(false, scope), `${keyword} ${was} was removed`, { before: was })
    } else {
      const tightened = side === 'upper' ? is < was : is > was
      const facet = `${stem}-${is > was ? 'increased' : 'decreased'}`
      report(scope, path, facet, tightness(tightened, scope), `${keyword} changed from ${was} to ${is}`, { before: was, after: is })
    }
  }
}

function isMultiple(value: number, of: number): boolean {
  const quotient = value / of
  return Math.abs(quotient - Math.round(quotient)) < 1e-9
}

function compareMultipleOf(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  const was = typeof before['multipleOf'] === 'number' ? before['multipleOf'] : undefined
  const is = typeof after['multipleOf'] === 'number' ? after['multipleOf'] : undefined
  if (was === is) return
  if (was === undefined) {
    report(scope, path, 'multiple-of-added', tightness(true, scope), `multipleOf ${is} was added`, { after: is })
  } else if (is === undefined) {
    report(scope, path, 'multiple-of-removed', tightness(false, scope), `multipleOf ${was} was removed`, { before: was })
  } else {
    // 2 -> 4 keeps a subset of the values, 4 -> 2 a superset, 2 -> 5 neither.
    const severity = isMultiple(is, was) ? tightness(true, scope) : isMultiple(was, is) ? tightness(false, scope) : 'breaking'
    report(scope, path, 'multiple-of-changed', severity, `multipleOf changed from ${was} to ${is}`, { before: was, after: is })
  }
}

function compareUniqueItems(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  const was = before['uniqueItems'] === true
  const is = after['uniqueItems'] === true
  if (was === is) return
  if (is) report(scope, path, 'unique-items-added', tightness(true, scope), 'items must now be unique')
  else report(scope, path, 'unique-items-removed', tightness(false, scope), 'items no longer have to be unique')
}

/**
 * A changed pattern may accept more, fewer or other strings; which one cannot be decided
 * without comparing regular languages, so it is a warning in both directions.
 */
function comparePattern(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  const was = typeof before['pattern'] === 'string' ? before['pattern'] : undefined
  const is = typeof after['pattern'] === 'string' ? after['pattern'] : undefined
  if (was === is) return
  if (was === undefined) {
    report(scope, path, 'pattern-added', tightness(true, scope), `pattern ${formatValue(is)} was added`, { after: is })
  } else if (is === undefined) {
    report(scope, path, 'pattern-removed', tightness(false, scope), `pattern ${formatValue(was)} was removed`, { before: was })
  } else {
    report(scope, path, 'pattern-changed', 'warning', `pattern changed from ${formatValue(was)} to ${formatValue(is)}`, { before: was, after: is })
  }
}

/** Every validation limit on values: numeric bounds, counts, multipleOf, uniqueItems, pattern. */
export function compareConstraints(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  compareNumericBound(before, after, 'upper', path, scope)
  compareNumericBound(before, after, 'lower', path, scope)
  compareCountLimits(before, after, path, scope)
  compareMultipleOf(before, after, path, scope)
  compareUniqueItems(before, after, path, scope)
  comparePattern(before, after, path, scope)
}
