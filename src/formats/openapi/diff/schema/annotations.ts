import type { SchemaNode } from '../../../../model/snapshot.js'
import { formatValue, sameJson } from './node.js'
import { report, type ComparisonScope } from './scope.js'

/** Documentation keywords: a change is worth telling, never a break. `[keyword, facet stem]`. */
const DOCUMENTATION: ReadonlyArray<readonly [string, string]> = [
  ['title', 'title'],
  ['description', 'description'],
  ['example', 'example'],
  ['examples', 'examples'],
  ['externalDocs', 'external-docs'],
  ['xml', 'xml'],
  ['$comment', 'comment'],
]

/** Keywords compared by a dedicated rule somewhere in this folder; the rest fall to `compareOtherKeywords`. */
export const MODELLED_KEYWORDS: ReadonlySet<string> = new Set([
  '$ref', 'type', 'nullable', 'format', 'enum', 'const',
  'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'maxItems', 'minItems',
  'maxProperties', 'minProperties', 'multipleOf', 'uniqueItems', 'pattern',
  'readOnly', 'writeOnly', 'deprecated', 'default', 'discriminator', 'not',
  'properties', 'required', 'additionalProperties', 'items', 'prefixItems', 'oneOf', 'anyOf', 'allOf',
  ...DOCUMENTATION.map(([keyword]) => keyword),
])

/** Validation keywords no rule models: a change may accept fewer values, so it is a warning. */
const UNMODELLED_VALIDATION: ReadonlySet<string> = new Set([
  'if', 'then', 'else', 'contains', 'minContains', 'maxContains', 'patternProperties', 'propertyNames',
  'dependentRequired', 'dependentSchemas', 'dependencies', 'unevaluatedProperties', 'unevaluatedItems', 'additionalItems',
])

/** Documentation keywords: one info finding per keyword that changed. */
export function compareDocumentation(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  for (const [keyword, stem] of DOCUMENTATION) {
    const was = before[keyword]
    const is = after[keyword]
    if (sameJson(was, is)) continue
    const verb = was === undefined ? 'added' : is === undefined ? 'removed' : 'changed'
    report(scope, path, `${stem}-${verb}`, 'info', `${keyword} was ${verb}`, { before: was, after: is })
  }
}

function flagFinding(scope: ComparisonScope, path: string[], set: boolean, facetOn: string, facetOff: string, detailOn: string, detailOff: string): void {
  report(scope, path, set ? facetOn : facetOff, 'info', set ? detailOn : detailOff)
}

/** `readOnly`, `writeOnly`, `deprecated` flags and `default` values. */
export function compareFlags(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  const flag = (node: SchemaNode, key: string): boolean => node[key] === true
  if (flag(before, 'readOnly') !== flag(after, 'readOnly')) {
    flagFinding(scope, path, flag(after, 'readOnly'), 'became-read-only', 'became-not-read-only', 'became read-only', 'is no longer read-only')
  }
  if (flag(before, 'writeOnly') !== flag(after, 'writeOnly')) {
    flagFinding(scope, path, flag(after, 'writeOnly'), 'became-write-only', 'became-not-write-only', 'became write-only', 'is no longer write-only')
  }
  if (flag(before, 'deprecated') !== flag(after, 'deprecated')) {
    flagFinding(scope, path, flag(after, 'deprecated'), 'deprecated', 'reactivated', 'was deprecated', 'is no longer deprecated')
  }
  const was = before['default']
  const is = after['default']
  if (!sameJson(was, is)) {
    const facet = was === undefined ? 'default-added' : is === undefined ? 'default-removed' : 'default-changed'
    const detail =
      was === undefined ? `default ${formatValue(is)} was added`
      : is === undefined ? `default ${formatValue(was)} was removed`
      : `default changed from ${formatValue(was)} to ${formatValue(is)}`
    report(scope, path, facet, 'info', detail, { before: was, after: is })
  }
}

/**
 * `discriminator` (how clients pick a variant: a warning when it changes) and `not` (rare;
 * reported as a warning instead of reasoning about a negated schema).
 */
export function compareSelectors(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  if (!sameJson(before['discriminator'], after['discriminator'])) {
    report(scope, path, 'discriminator-changed', 'warning', 'discriminator changed', { before: before['discriminator'], after: after['discriminator'] })
  }
  if (!sameJson(before['not'], after['not'])) {
    report(scope, path, 'not-changed', 'warning', "'not' schema changed", { before: before['not'], after: after['not'] })
  }
}

/**
 * Every keyword no rule models except vendor extensions: unknown annotations are info,
 * unmodelled validation keywords a warning.
 */
export function compareOtherKeywords(before: SchemaNode, after: SchemaNode, path: string[], scope: ComparisonScope): void {
  for (const keyword in { ...before, ...after }) {
    // Vendor extensions (`x-*`) are tooling hints, not part of what a client sends or reads.
    if (MODELLED_KEYWORDS.has(keyword) || keyword.startsWith('x-')) continue
    const was = before[keyword]
    const is = after[keyword]
    if (sameJson(was, is)) continue
    const severity = UNMODELLED_VALIDATION.has(keyword) ? 'warning' : 'info'
    report(scope, path, 'keyword-changed', severity, `${keyword} changed`, { before: was, after: is })
  }
}
