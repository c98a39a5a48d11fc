import type { SchemaNode } from '../../../../model/snapshot.js'
import { compareDocumentation, compareFlags, compareOtherKeywords, compareSelectors } from './annotations.js'
import { alignCombinators, compareCombinator, flattenAllOf, foldTypeUnions } from './composition.js'
import { compareConstraints } from './constraints.js'
import { arrayKeyword, asNode, componentRef, refSiblings, sameJson } from './node.js'
import { collectRefEdges } from './ref-edges.js'
import { compareAdditionalProperties, compareProperties } from './properties.js'
import type { ComparisonScope } from './scope.js'
import { compareEnum, compareFormat, compareTypes } from './types-and-values.js'

/** Far deeper than any real schema nests (each level adds one or two segments). */
const MAX_PATH_SEGMENTS = 400

/**
 * Compares two schema nodes without crossing into components: a `$ref` on both sides becomes
 * an edge that the caller compares once for all, a `$ref` facing an inline schema is looked up
 * so the two can be compared keyword by keyword.
 */
export function compareNode(before: unknown, after: unknown, path: string[], scope: ComparisonScope): void {
  // Inline trees are finite and looked-up references are guarded, but a depth bound keeps a
  // pathological document from exhausting the stack.
  if (before === after || path.length > MAX_PATH_SEGMENTS) return
  // Most of a changed component is written the same on both sides: an equal subtree has no
  // findings, only the `$ref`s it contains (compared on their own), and costs one equality walk
  // instead of every rule.
  if (sameJson(before, after)) {
    collectRefEdges(after, path, scope.edges)
    return
  }
  const left = unwrapSingleAllOf(asNode(before))
  const right = unwrapSingleAllOf(asNode(after))
  const leftRef = componentRef(left)
  const rightRef = componentRef(right)
  if (leftRef !== undefined && rightRef !== undefined) {
    scope.edges.push({ path, before: leftRef, after: rightRef })
    const [leftSiblings, rightSiblings] = effectiveSiblings(left, right, leftRef, rightRef, scope)
    if (Object.keys(leftSiblings).length > 0 || Object.keys(rightSiblings).length > 0) compareInline(leftSiblings, rightSiblings, path, scope)
    return
  }
  if (leftRef !== undefined) {
    inlineReference('before', leftRef, left, path, (resolved) => compareNode(resolved, right, path, scope), scope)
    return
  }
  if (rightRef !== undefined) {
    inlineReference('after', rightRef, right, path, (resolved) => compareNode(left, resolved, path, scope), scope)
    return
  }
  compareInline(left, right, path, scope)
}

/**
 * `allOf: [{ $ref: X }]` with siblings (the OpenAPI 3.0 way to add `nullable` or a description
 * to a reference) means the same as `$ref: X` with those siblings.
 */
function unwrapSingleAllOf(node: SchemaNode): SchemaNode {
  const members = arrayKeyword(node, 'allOf')
  if (members?.length !== 1 || componentRef(node) !== undefined) return node
  const pointer = componentRef(asNode(members[0]))
  if (pointer === undefined || Object.keys(asNode(members[0])).length !== 1) return node
  const { allOf: _allOf, ...siblings } = node
  return { ...siblings, $ref: pointer }
}

/**
 * Keywords written next to two `$ref`s, each completed from its component where only the other
 * side writes it: `{ $ref: User, type: [null, object] }` against `{ $ref: User }` compares the
 * sibling `type` with User's own `type` (the reference lost its `null`), not with "any type".
 */
function effectiveSiblings(left: SchemaNode, right: SchemaNode, leftRef: string, rightRef: string, scope: ComparisonScope): [SchemaNode, SchemaNode] {
  const leftSiblings = refSiblings(left)
  const rightSiblings = refSiblings(right)
  const keywords = new Set([...Object.keys(leftSiblings), ...Object.keys(rightSiblings)])
  if (keywords.size === 0) return [leftSiblings, rightSiblings]
  const leftTarget = asNode(scope.resolve('before', leftRef))
  const rightTarget = asNode(scope.resolve('after', rightRef))
  const leftEffective: SchemaNode = {}
  const rightEffective: SchemaNode = {}
  for (const keyword of keywords) {
    const leftValue = Object.hasOwn(leftSiblings, keyword) ? leftSiblings[keyword] : leftTarget[keyword]
    const rightValue = Object.hasOwn(rightSiblings, keyword) ? rightSiblings[keyword] : rightTarget[keyword]
    if (leftValue !== undefined) leftEffective[keyword] = leftValue
    if (rightValue !== undefined) rightEffective[keyword] = rightValue
  }
  return [leftEffective, rightEffective]
}

/**
 * Replaces a `$ref` by its component (keeping sibling keywords) for one comparison. The inline
 * side descends one level at each step, so a recursive component may be looked up again deeper
 * down; the same pointer looked up again at the same depth is an alias loop and stops there.
 */
function inlineReference(side: 'before' | 'after', pointer: string, node: SchemaNode, path: string[], compare: (resolved: SchemaNode) => void, scope: ComparisonScope): void {
  const key = `${side}:${path.length}:${pointer}`
  if (scope.inlining.has(key)) return
  scope.inlining.add(key)
  try {
    compare({ ...asNode(scope.resolve(side, pointer)), ...refSiblings(node) })
  } finally {
    scope.inlining.delete(key)
  }
}

function compareInline(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  let flatBefore = flattenAllOf(before)
  let flatAfter = flattenAllOf(after)
  // An `allOf` of references on one side only (a schema split into or merged from parts):
  // compare what the merged parts accept, looking the referenced parts up.
  const beforeHasAllOf = arrayKeyword(flatBefore, 'allOf') !== undefined
  if (beforeHasAllOf !== (arrayKeyword(flatAfter, 'allOf') !== undefined)) {
    if (beforeHasAllOf) flatBefore = flattenAllOf(flatBefore, (pointer) => scope.resolve('before', pointer))
    else flatAfter = flattenAllOf(flatAfter, (pointer) => scope.resolve('after', pointer))
  }
  const [left, right] = alignCombinators(foldTypeUnions(flatBefore), foldTypeUnions(flatAfter))
  compareCombinator('oneOf', left, right, path, scope)
  compareCombinator('anyOf', left, right, path, scope)
  compareCombinator('allOf', left, right, path, scope)
  compareTypes(left, right, path, scope)
  compareFormat(left, right, path, scope)
  compareEnum(left, right, path, scope)
  compareConstraints(left, right, path, scope)
  compareFlags(left, right, path, scope)
  compareDocumentation(left, right, path, scope)
  compareSelectors(left, right, path, scope)
  compareOtherKeywords(left, right, path, scope)
  compareProperties(left, right, path, scope)
  compareAdditionalProperties(left, right, path, scope)
  compareItems(left, right, path, scope)
}

function compareItems(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  if (before['items'] !== undefined || after['items'] !== undefined) {
    scope.compare(before['items'], after['items'], [...path, 'items'])
  }
  const wasTuple = arrayKeyword(before, 'prefixItems') ?? []
  const isTuple = arrayKeyword(after, 'prefixItems') ?? []
  for (let index = 0; index < Math.max(wasTuple.length, isTuple.length); index++) {
    scope.compare(wasTuple[index], isTuple[index], [...path, 'prefixItems', String(index)])
  }
}
