import type { Severity } from '../../../../model/change.js'
import type { SchemaNode } from '../../../../model/snapshot.js'
import type { Direction, SchemaEdge, SchemaFinding } from './types.js'

/** What one comparison carries down the tree: where findings go and how to recurse. */
export interface ComparisonScope {
  readonly direction: Direction
  /** Component pointer the compared nodes belong to, when comparing a component pair. */
  readonly component: string | undefined
  readonly findings: SchemaFinding[]
  readonly edges: SchemaEdge[]
  /** `side:depth:pointer` of references looked up on the current branch (a `$ref` facing an inline schema), to stop alias loops. */
  readonly inlining: Set<string>
  /** Looks up a component schema of one side. */
  resolve(side: 'before' | 'after', pointer: string): SchemaNode | undefined
  /** Compares two child schemas at `path` (sub-modules call back into the node comparison). */
  compare(before: unknown, after: unknown, path: string[]): void
}

/** The finding at another severity, its detail followed by a note saying why (a verdict revised by what surrounds it). */
export function revised(finding: SchemaFinding, severity: Severity, note: string): SchemaFinding {
  return { ...finding, severity, detail: finding.detail + note }
}

/** Records one finding. */
export function report(
  scope: ComparisonScope,
  path: string[],
  facet: string,
  severity: Severity,
  detail: string,
  values: { before?: unknown; after?: unknown } = {},
): void {
  const finding: SchemaFinding = { facet, severity, path, detail }
  if (values.before !== undefined) finding.before = values.before
  if (values.after !== undefined) finding.after = values.after
  if (scope.component !== undefined) finding.component = scope.component
  scope.findings.push(finding)
}
