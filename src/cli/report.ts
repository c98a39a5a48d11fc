import type { Change, ChangeSet, Severity } from '../diff/types.js'
import type { Palette } from './color.js'

const SEVERITIES: readonly Severity[] = ['breaking', 'warning', 'info']

const LABELS: Record<Severity, string> = { breaking: 'BREAKING', warning: 'WARNING', info: 'INFO' }

/** Counts of changes by severity. */
export function countBySeverity(changes: ChangeSet): Record<Severity, number> {
  const counts: Record<Severity, number> = { breaking: 0, warning: 0, info: 0 }
  for (const change of changes.changes) counts[change.severity]++
  return counts
}

/** `1 breaking, 2 warnings, 3 info (1 added, 0 removed, 2 modified)`, or `no changes`. */
export function summaryLine(changes: ChangeSet, palette: Palette): string {
  if (changes.changes.length === 0) return 'no changes'
  const counts = countBySeverity(changes)
  const breaking = `${counts.breaking} breaking`
  const parts = [
    counts.breaking > 0 ? palette.red(palette.bold(breaking)) : breaking,
    `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`,
    `${counts.info} info`,
  ]
  const { added, removed, modified } = changes.summary
  return `${parts.join(', ')} ${palette.dim(`(${added} added, ${removed} removed, ${modified} modified)`)}`
}

/**
 * A change set as people read it: the summary line, then the changes grouped breaking, warning,
 * info, each with its operation, message and rule id. Returns lines without trailing newlines.
 */
export function formatChangeSet(changes: ChangeSet, palette: Palette): string[] {
  const lines = [summaryLine(changes, palette)]
  for (const severity of SEVERITIES) {
    const group = changes.changes.filter((change) => change.severity === severity)
    if (group.length === 0) continue
    lines.push(severityLabel(severity, palette))
    for (const change of group) lines.push(`  ${formatChange(change, palette)}`)
  }
  return lines
}

function severityLabel(severity: Severity, palette: Palette): string {
  const label = LABELS[severity]
  if (severity === 'breaking') return palette.red(palette.bold(label))
  if (severity === 'warning') return palette.yellow(palette.bold(label))
  return palette.cyan(palette.bold(label))
}

/** `GET /pets: Query parameter "limit" became required [request-parameter-became-required]`. */
export function formatChange(change: Change, palette: Palette): string {
  const message = singleLine(change.message)
  // Messages often start with the operation key already ("GET /pets was added"): do not say it twice.
  const subject = change.operation === undefined || message.startsWith(change.operation) ? '' : `${palette.bold(change.operation)}: `
  return `${subject}${message} ${palette.dim(`[${change.kind}]`)}`
}

function singleLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}
