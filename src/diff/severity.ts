import type { Severity } from '../model/change.js'

/**
 * Every severity, most severe first: the one order in which changes are sorted, counted and
 * compared (reports, the CLI's `--fail-on`, overrides). Nothing else ranks severities by hand.
 */
export const SEVERITY_ORDER: readonly Severity[] = ['breaking', 'warning', 'info']

const RANK: Readonly<Record<Severity, number>> = { breaking: 0, warning: 1, info: 2 }

/** Sort order of two severities: negative when `a` is more severe (breaking first). */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[a] - RANK[b]
}

/** The more severe of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return compareSeverity(a, b) <= 0 ? a : b
}

/** Whether `severity` is `threshold` or more severe (`atLeast('breaking', 'warning')` is true). */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return compareSeverity(severity, threshold) <= 0
}

/** Whether a value read from outside (a config file, a flag) names a severity. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && Object.hasOwn(RANK, value)
}
