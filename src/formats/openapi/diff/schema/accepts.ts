import type { SchemaNode } from '../../../../model/snapshot.js'
import { arrayKeyword, asNode, componentRef, objectKeyword, refSiblings, requiredNames, sameJson } from './node.js'
import { allowedValues, coversTypes, schemaTypes, ValueSet } from './types-and-values.js'

/** Looks up a component schema of one side. */
export type Resolve = (pointer: string) => SchemaNode | undefined

/** Keywords that describe values without restricting them. */
const ANNOTATIONS: ReadonlySet<string> = new Set([
  'title', 'description', 'example', 'examples', 'externalDocs', 'xml', '$comment', 'deprecated', 'discriminator',
  'readOnly', 'writeOnly', 'default',
])

/** Keywords `acceptsAll` reasons about; any other restricting keyword must be written the same on both sides. */
const REASONED: ReadonlySet<string> = new Set(['type', 'nullable', 'enum', 'const', 'properties', 'required', 'items', 'format', 'anyOf', 'oneOf', 'allOf'])

/** Nesting depth after which `acceptsAll` gives up (answers false). */
const MAX_DEPTH = 8
/** Schema pairs one `acceptsAll` may look at before it gives up: wide recursive schemas stay cheap. */
const MAX_STEPS = 2000

/**
 * True when every value `narrow` accepts is also accepted by `wide`, as far as a cheap structural
 * reading can tell: it answers false whenever unsure, so a true is safe to rely on. `wide` is read
 * in one version (`resolveWide` looks its `$ref`s up), `narrow` in the other. Two references to
 * the same component count as covering each other: whatever changed inside it is reported by the
 * component's own comparison.
 */
export function acceptsAll(wide: unknown, narrow: unknown, resolveWide: Resolve, resolveNarrow: Resolve): boolean {
  return accepts(wide, narrow, { resolveWide, resolveNarrow, steps: 0 }, 0)
}

interface Walk {
  readonly resolveWide: Resolve
  readonly resolveNarrow: Resolve
  steps: number
}

function accepts(wide: unknown, narrow: unknown, walk: Walk, depth: number): boolean {
  if (depth > MAX_DEPTH || ++walk.steps > MAX_STEPS) return false
  const wideNode = asNode(wide)
  const narrowNode = asNode(narrow)
  const wideRef = componentRef(wideNode)
  const narrowRef = componentRef(narrowNode)
  if (wideRef !== undefined && wideRef === narrowRef && sameJson(refSiblings(wideNode), refSiblings(narrowNode))) return true
  const w = restrictions(resolved(wideNode, walk.resolveWide))
  const n = restrictions(resolved(narrowNode, walk.resolveNarrow))
  if (sameJson(w, n)) return true
  const next = (wideChild: unknown, narrowChild: unknown): boolean => accepts(wideChild, narrowChild, walk, depth + 1)
  // A union on the narrow side: each of its options must be accepted.
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const options = arrayKeyword(n, keyword)
    if (options !== undefined && Object.keys(n).length === 1) return options.every((option) => next(w, option))
  }
  // A union on the wide side: one of its options accepting everything is enough.
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const options = arrayKeyword(w, keyword)
    if (options !== undefined) return Object.keys(w).length === 1 && options.some((option) => next(option, n))
  }
  for (const keyword of Object.keys(w)) {
    if (!REASONED.has(keyword) && !sameJson(w[keyword], n[keyword])) return false
  }
  if (arrayKeyword(w, 'allOf') !== undefined || !coversTypes(schemaTypes(w), schemaTypes(n))) return false
  if (w['format'] !== undefined && w['format'] !== n['format']) return false
  if (!valuesCovered(w, n)) return false
  const narrowRequired = requiredNames(n)
  for (const name of requiredNames(w)) if (!narrowRequired.has(name)) return false
  const narrowProperties = objectKeyword(n, 'properties')
  const wideProperties = objectKeyword(w, 'properties')
  // Both closed (additionalProperties: false, compared above): every narrow property must be a wide one.
  if (w['additionalProperties'] === false && Object.keys(narrowProperties).some((name) => !Object.hasOwn(wideProperties, name))) return false
  const closed = n['additionalProperties'] === false
  for (const [name, schema] of Object.entries(wideProperties)) {
    if (Object.hasOwn(narrowProperties, name)) {
      if (!next(schema, narrowProperties[name])) return false
    } else if (!closed && !sameJson(restrictions(asNode(schema)), {})) {
      return false
    }
  }
  return w['items'] === undefined || next(w['items'], n['items'])
}

/** A `$ref` replaced by its component (one level, siblings kept). */
function resolved(node: SchemaNode, resolve: Resolve): SchemaNode {
  const pointer = componentRef(node)
  return pointer === undefined ? node : { ...asNode(resolve(pointer)), ...refSiblings(node) }
}

/** The node without its annotations. */
function restrictions(node: SchemaNode): SchemaNode {
  const kept: SchemaNode = {}
  for (const [keyword, value] of Object.entries(node)) {
    if (!ANNOTATIONS.has(keyword) && !keyword.startsWith('x-')) kept[keyword] = value
  }
  return kept
}

/** `enum` / `const` of the wide side, when written, list every value the narrow side allows. */
function valuesCovered(wide: SchemaNode, narrow: SchemaNode): boolean {
  const wideValues = allowedValues(wide)
  if (wideValues === undefined) return true
  const narrowValues = allowedValues(narrow)
  if (narrowValues === undefined) return false
  const wideSet = new ValueSet(wideValues)
  return narrowValues.every((value) => wideSet.has(value))
}
