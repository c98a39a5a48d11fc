import type { SchemaNode } from '../../../../model/snapshot.js'
import { narrowing, widening } from './direction.js'
import { arrayKeyword, formatValue, sameJson } from './node.js'
import { report, type ComparisonScope } from './scope.js'
import { canonicalJson } from '../../../hash.js'

/**
 * Types a schema allows, `null` included; undefined when `type` is absent (any type). The
 * normalizer writes `type` as a sorted array with `nullable` folded in; strings and a leftover
 * `nullable: true` are accepted too so hand-written snapshots compare the same way.
 */
export function schemaTypes(node: SchemaNode): string[] | undefined {
  const raw = node['type']
  const types = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((t): t is string => typeof t === 'string') : undefined
  if (types === undefined) return undefined
  if (node['nullable'] === true && !types.includes('null')) types.push('null')
  return [...new Set(types)].sort()
}

/** True when every value of the `narrow` types is also a value of the `wide` types. */
export function coversTypes(wide: readonly string[] | undefined, narrow: readonly string[] | undefined): boolean {
  if (wide === undefined) return true
  if (narrow === undefined) return false
  return narrow.every((type) => wide.includes(type) || (type === 'integer' && wide.includes('number')))
}

function typeLabel(types: readonly string[] | undefined): string {
  return types === undefined ? 'any' : types.length === 0 ? 'none' : types.join('|')
}

/** `type` (and the `null` in it) compared as sets: widened, narrowed or changed. */
export function compareTypes(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  const beforeAll = schemaTypes(before)
  const afterAll = schemaTypes(after)
  if (beforeAll === undefined && afterAll === undefined) return
  const beforeCore = beforeAll?.filter((type) => type !== 'null')
  const afterCore = afterAll?.filter((type) => type !== 'null')
  // With a type on only one side, `null` is part of the type change itself.
  const bothTyped = beforeAll !== undefined && afterAll !== undefined
  const coreBefore = bothTyped ? beforeCore : beforeAll
  const coreAfter = bothTyped ? afterCore : afterAll
  if (!sameJson(coreBefore, coreAfter)) {
    const values = { before: typeLabel(coreBefore), after: typeLabel(coreAfter) }
    const wider = coversTypes(coreAfter, coreBefore)
    const narrower = coversTypes(coreBefore, coreAfter)
    if (wider) {
      report(scope, path, 'type-changed', widening(scope.direction), `type widened from ${values.before} to ${values.after}`, values)
    } else if (narrower) {
      report(scope, path, 'type-changed', narrowing(scope.direction), `type narrowed from ${values.before} to ${values.after}`, values)
    } else {
      report(scope, path, 'type-changed', 'breaking', `type changed from ${values.before} to ${values.after}`, values)
    }
  }
  if (!bothTyped) return
  const wasNullable = beforeAll.includes('null')
  const isNullable = afterAll.includes('null')
  if (!wasNullable && isNullable) report(scope, path, 'became-nullable', widening(scope.direction), 'became nullable')
  if (wasNullable && !isNullable) report(scope, path, 'became-not-nullable', narrowing(scope.direction), 'is no longer nullable')
}

/** `format` added (narrows), removed (widens) or changed (incompatible either way). */
export function compareFormat(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  const was = before['format']
  const is = after['format']
  if (sameJson(was, is)) return
  const values = { before: was, after: is }
  if (was === undefined) {
    report(scope, path, 'format-added', narrowing(scope.direction), `format ${formatValue(is)} was added`, values)
  } else if (is === undefined) {
    report(scope, path, 'format-removed', widening(scope.direction), `format ${formatValue(was)} was removed`, values)
  } else {
    report(scope, path, 'format-changed', 'breaking', `format changed from ${formatValue(was)} to ${formatValue(is)}`, values)
  }
}

/**
 * A set of JSON values compared as JSON: strings, numbers and booleans by value (a string is never
 * equal to a number), objects and arrays by their canonical text. Enum values are mostly strings,
 * which then go into the set as they are: no text to write per value (Twilio's enums list hundreds).
 */
export class ValueSet {
  readonly #scalars = new Set<unknown>()
  readonly #structured = new Set<string>()

  constructor(values: readonly unknown[]) {
    for (const value of values) {
      if (isStructured(value)) this.#structured.add(canonicalJson(value))
      else this.#scalars.add(value)
    }
  }

  has(value: unknown): boolean {
    return isStructured(value) ? this.#structured.has(canonicalJson(value)) : this.#scalars.has(value)
  }
}

function isStructured(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

/** Allowed values: `enum`, or a `const` read as a one-value enum. */
export function allowedValues(node: SchemaNode): unknown[] | undefined {
  const values = arrayKeyword(node, 'enum')
  if (values !== undefined) return values
  return node['const'] !== undefined ? [node['const']] : undefined
}

/**
 * Enum values one by one. A response value a client has never seen may fall through its
 * switch statements, so widening a response enum is a warning rather than an outright break.
 */
export function compareEnum(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  const was = allowedValues(before)
  const is = allowedValues(after)
  if (sameJson(was, is)) return
  const request = scope.direction === 'request'
  if (was === undefined) {
    report(scope, path, 'enum-added', request ? 'breaking' : 'info', `was restricted to the values ${formatValue(is)}`, { after: is })
    return
  }
  if (is === undefined) {
    report(scope, path, 'enum-removed', request ? 'info' : 'warning', 'is no longer restricted to a list of values', { before: was })
    return
  }
  const wasValues = new ValueSet(was)
  const isValues = new ValueSet(is)
  for (const value of was) {
    if (!isValues.has(value)) {
      report(scope, path, 'enum-value-removed', request ? 'breaking' : 'info', `enum value ${formatValue(value)} was removed`, { before: value })
    }
  }
  for (const value of is) {
    if (!wasValues.has(value)) {
      report(scope, path, 'enum-value-added', request ? 'info' : 'warning', `enum value ${formatValue(value)} was added`, { after: value })
    }
  }
}
