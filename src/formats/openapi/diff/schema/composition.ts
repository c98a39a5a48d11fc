import type { SchemaNode } from '../../../../model/snapshot.js'
import { narrowing, widening } from './direction.js'
import { arrayKeyword, asNode, componentRef, sameJson } from './node.js'
import { acceptsAll } from './accepts.js'
import { schemaTypes } from './types-and-values.js'
import { report, revised, type ComparisonScope } from './scope.js'

const FACET_STEM = { oneOf: 'one-of', anyOf: 'any-of', allOf: 'all-of' } as const
type Combinator = keyof typeof FACET_STEM

/**
 * Merges an `allOf` into one schema, so that moving properties into or out of `allOf` compares
 * by what the schema accepts, not by how it is written. Without `resolve`, only an `allOf`
 * whose members are all inline is merged: inlining components everywhere would walk them again
 * for every place that uses them. With it, referenced members are looked up (one level: their
 * own `$ref`s stay references), which callers do only where the two sides differ in shape.
 */
export function flattenAllOf(node: SchemaNode, resolve?: (pointer: string) => SchemaNode | undefined, seen: ReadonlySet<string> = new Set()): SchemaNode {
  const members = arrayKeyword(node, 'allOf')
  if (members === undefined) return node
  const flatMembers: SchemaNode[] = []
  for (const raw of members) {
    const member = asNode(raw)
    const pointer = componentRef(member)
    if (pointer === undefined) {
      flatMembers.push(flattenAllOf(member, resolve, seen))
    } else if (resolve === undefined) {
      return node
    } else if (!seen.has(pointer)) {
      const { $ref: _ref, ...siblings } = member
      const target = { ...asNode(resolve(pointer)), ...siblings }
      flatMembers.push(flattenAllOf(target, resolve, new Set([...seen, pointer])))
    }
  }
  const { allOf: _allOf, ...merged } = node
  for (const member of flatMembers) mergeInto(merged, member)
  return merged
}

function mergeInto(target: SchemaNode, member: SchemaNode): void {
  for (const [keyword, value] of Object.entries(member)) {
    if (keyword === 'properties') {
      target['properties'] = { ...(value as object), ...((target['properties'] as object | undefined) ?? {}) }
    } else if (keyword === 'required' && Array.isArray(value)) {
      const names = new Set([...((target['required'] as unknown[] | undefined) ?? []), ...value])
      target['required'] = [...names].sort()
    } else if (!Object.hasOwn(target, keyword)) {
      target[keyword] = value
    }
  }
}

/** JSON types that together accept any value (`integer` is part of `number`, `null` optional in 3.0). */
const EVERY_TYPE = ['array', 'boolean', 'number', 'object', 'string']

/** An option that only names a type (`{ type: string }`, or `{ type: array, items: {} }`). */
function bareTypes(option: unknown): string[] | undefined {
  const node = asNode(option)
  const extra = Object.keys(node).filter((key) => key !== 'type' && !(key === 'items' && sameJson(node['items'], {})))
  return extra.length === 0 ? schemaTypes(node) : undefined
}

/**
 * An `anyOf` / `oneOf` whose options only name types is the same as a type list, and one that
 * names every type is no restriction at all: `anyOf: [{type: string}, {type: number}]` compares
 * equal to `type: [number, string]`.
 */
export function foldTypeUnions(node: SchemaNode): SchemaNode {
  if (node['type'] !== undefined) return node
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const options = arrayKeyword(node, keyword)
    if (options === undefined || options.length === 0) continue
    const types = options.map(bareTypes)
    if (types.some((list) => list === undefined)) continue
    const union = [...new Set(types.flat() as string[])].sort()
    const { [keyword]: _options, ...rest } = node
    return EVERY_TYPE.every((type) => union.includes(type)) ? rest : { ...rest, type: union }
  }
  return node
}

/**
 * When only one side uses `oneOf` / `anyOf`, the other side is read as a one-option
 * combination (keywords equal on both sides stay outside), so wrapping a schema into a
 * `oneOf` reports the options added instead of every keyword removed.
 */
export function alignCombinators(before: SchemaNode, after: SchemaNode): [SchemaNode, SchemaNode] {
  let left = before
  let right = after
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const inLeft = arrayKeyword(left, keyword) !== undefined
    const inRight = arrayKeyword(right, keyword) !== undefined
    if (inLeft && !inRight) right = wrap(right, left, keyword)
    else if (!inLeft && inRight) left = wrap(left, right, keyword)
  }
  return [left, right]
}

function wrap(node: SchemaNode, other: SchemaNode, keyword: Combinator): SchemaNode {
  const wrapped: SchemaNode = { [keyword]: [node] }
  for (const [key, value] of Object.entries(node)) {
    if (key !== keyword && Object.hasOwn(other, key) && sameJson(other[key], value)) wrapped[key] = value
  }
  return wrapped
}

interface OptionPair {
  before: number
  after: number
}

/** Whether one option accepts everything another accepted, each read in its own version. */
interface OptionCoverage {
  /** `after` (new version) accepts every value `before` (old version) accepted. */
  afterCovers(after: SchemaNode, before: SchemaNode): boolean
  /** `before` (old version) accepts every value `after` (new version) accepts. */
  beforeCovers(before: SchemaNode, after: SchemaNode): boolean
}

function optionCoverage(scope: ComparisonScope): OptionCoverage {
  const resolveBefore = (pointer: string) => scope.resolve('before', pointer)
  const resolveAfter = (pointer: string) => scope.resolve('after', pointer)
  return {
    afterCovers: (after, before) => acceptsAll(after, before, resolveAfter, resolveBefore),
    beforeCovers: (before, after) => acceptsAll(before, after, resolveBefore, resolveAfter),
  }
}

/**
 * Pairs the options of two combinations by what they accept, not by name or position: same
 * component first, then identical options, then options accepting the same values (an inline
 * schema and a component with its content, two components written alike), then a new option
 * accepting everything an old one accepted, then options of the same type in order, then
 * whatever is left in order.
 */
function pairOptions(before: SchemaNode[], after: SchemaNode[], coverage: OptionCoverage): { pairs: OptionPair[]; removed: number[]; added: number[] } {
  const pairs: OptionPair[] = []
  const freeBefore = new Set(before.keys())
  const freeAfter = new Set(after.keys())
  const match = (accept: (b: SchemaNode, a: SchemaNode) => boolean): void => {
    for (const b of [...freeBefore]) {
      for (const a of freeAfter) {
        if (accept(before[b]!, after[a]!)) {
          pairs.push({ before: b, after: a })
          freeBefore.delete(b)
          freeAfter.delete(a)
          break
        }
      }
    }
  }
  match((b, a) => componentRef(b) !== undefined && componentRef(b) === componentRef(a))
  match((b, a) => sameJson(b, a))
  match((b, a) => coverage.afterCovers(a, b) && coverage.beforeCovers(b, a))
  match((b, a) => coverage.afterCovers(a, b))
  match((b, a) => componentRef(b) === undefined && componentRef(a) === undefined && sameJson(schemaTypes(b), schemaTypes(a)))
  // Leftovers pair in order only when both sides lost and gained the same number: otherwise
  // an option was added or removed, and pairing would report it as a change of another one.
  if (freeBefore.size === freeAfter.size) match(() => true)
  return { pairs, removed: [...freeBefore], added: [...freeAfter] }
}

/** What the findings of a `oneOf`/`anyOf` option pair are worth when the rest of the union still accepts (request) or already produced (response) the values. */
const STILL_ACCEPTED = ' (another option still accepts these values)'
const ALREADY_POSSIBLE = ' (another option already allowed these values)'

/**
 * `oneOf`, `anyOf` and a non-flattened `allOf`, option by option. A new `oneOf`/`anyOf`
 * option widens what a schema allows: harmless in a request, and in a response a shape the
 * client may not know, a warning like a new enum value (issue 9); a new `allOf` member narrows
 * it. Changes are judged on the union as a whole: a removed or narrowed request option whose
 * values another option still accepts breaks nobody, nor does a response option whose values
 * another option already allowed.
 */
export function compareCombinator(keyword: Combinator, before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  const was = arrayKeyword(before, keyword)?.map(asNode)
  const is = arrayKeyword(after, keyword)?.map(asNode)
  if (was === undefined && is === undefined) return
  const wasOptions = was ?? []
  const isOptions = is ?? []
  const coverage = optionCoverage(scope)
  const { pairs, removed, added } = pairOptions(wasOptions, isOptions, coverage)
  const stem = FACET_STEM[keyword]
  const union = keyword !== 'allOf'
  const request = scope.direction === 'request'
  for (const index of removed) {
    const option = wasOptions[index]!
    const stillAccepted = union && request && isOptions.some((other) => coverage.afterCovers(other, option))
    const severity = keyword === 'allOf' ? widening(scope.direction) : stillAccepted ? 'info' : narrowing(scope.direction)
    const detail = `${keyword} option ${optionLabel(option, index)} was removed${stillAccepted ? STILL_ACCEPTED : ''}`
    report(scope, path, `${stem}-option-removed`, severity, detail, { before: option })
  }
  for (const index of added) {
    const option = isOptions[index]!
    const alreadyPossible = union && !request && wasOptions.some((other) => coverage.beforeCovers(other, option))
    const severity = keyword === 'allOf' ? narrowing(scope.direction) : request || alreadyPossible ? 'info' : 'warning'
    const detail = `${keyword} option ${optionLabel(option, index)} was added${alreadyPossible ? ALREADY_POSSIBLE : ''}`
    report(scope, path, `${stem}-option-added`, severity, detail, { after: option })
  }
  for (const pair of pairs) {
    const option = { before: wasOptions[pair.before]!, after: isOptions[pair.after]! }
    const first = scope.findings.length
    scope.compare(option.before, option.after, [...path, keyword, String(pair.after)])
    if (!union || scope.findings.length === first) continue
    const note = request
      ? isOptions.some((other, index) => index !== pair.after && coverage.afterCovers(other, option.before)) && STILL_ACCEPTED
      : wasOptions.some((other, index) => index !== pair.before && coverage.beforeCovers(other, option.after)) && ALREADY_POSSIBLE
    if (note !== false) downgradeBreaking(scope, first, note)
  }
}

/** Findings from `first` on that break clients become info, with a note saying why. */
function downgradeBreaking(scope: ComparisonScope, first: number, note: string): void {
  for (let index = first; index < scope.findings.length; index++) {
    const finding = scope.findings[index]!
    if (finding.severity === 'breaking') scope.findings[index] = revised(finding, 'info', note)
  }
}

function optionLabel(option: SchemaNode, index: number): string {
  const ref = componentRef(option)
  return ref !== undefined ? ref.slice(ref.lastIndexOf('/') + 1) : `#${index + 1}`
}
