import type { Change, ChangeSet, Severity } from '../model/change.js'
import { causesOf, countsPhrase, firstOperations, operationCount, operationView, operationsPhrase, singleLine, subjectOf } from './causes.js'
import { SEVERITY_ORDER } from '../diff/severity.js'

/** How text is styled: terminal colours (the CLI's palette) or none. */
export interface TextStyles {
  red(text: string): string
  yellow(text: string): string
  cyan(text: string): string
  dim(text: string): string
  bold(text: string): string
}

const same = (text: string) => text

/** No styling: plain text for files, pipes and logs. */
export const plainStyles: TextStyles = { red: same, yellow: same, cyan: same, dim: same, bold: same }

export interface TextReportOptions {
  /** Colours for a terminal. @default plainStyles */
  styles?: TextStyles
  /** One block per operation listing what reached it, instead of one line per cause. @default false */
  byOperation?: boolean
  /** Operation keys named on a cause's line before "and N more". @default 3 */
  operationsShown?: number
}

const LABELS: Record<Severity, string> = { breaking: 'BREAKING', warning: 'WARNING', info: 'INFO' }

/** `1 breaking, 2 warnings, 3 info (1 added, 0 removed, 2 modified)`, or `no changes`; counts are causes, then operations. */
export function summaryLine(changes: ChangeSet, styles: TextStyles = plainStyles): string {
  if (changes.changes.length === 0) return 'no changes'
  const [breaking = '', ...rest] = countsPhrase(changes).split(', ')
  const first = changes.summary.breaking > 0 ? styles.red(styles.bold(breaking)) : breaking
  return `${[first, ...rest].join(', ')} ${styles.dim(`(${operationsPhrase(changes)})`)}`
}

/**
 * A change set as people read it, without trailing newlines: the summary line, then each cause on
 * one line grouped breaking, warning, info, with the operations it reaches ("in 416 operations:
 * GET /a, GET /b, GET /c and 413 more"); or with `byOperation`, each operation and what reached it.
 */
export function textReportLines(changes: ChangeSet, options: TextReportOptions = {}): string[] {
  const styles = options.styles ?? plainStyles
  const lines = [summaryLine(changes, styles)]
  if (options.byOperation === true) return lines.concat(byOperationLines(changes, styles))
  const shown = options.operationsShown ?? 3
  for (const severity of SEVERITY_ORDER) {
    const group = causesOf(changes, severity)
    if (group.length === 0) continue
    lines.push(severityLabel(severity, styles))
    for (const change of group) lines.push(`  ${causeLine(change, styles, shown)}`)
  }
  return lines
}

/** The text report as one string, ending with a newline. */
export function renderText(changes: ChangeSet, options: TextReportOptions = {}): string {
  return `${textReportLines(changes, options).join('\n')}\n`
}

/** `Pet: property 'tag' was removed [schema-property-removed] in 2 operations: GET /pets, POST /pets`. */
export function causeLine(change: Change, styles: TextStyles = plainStyles, operationsShown = 3): string {
  const subject = subjectOf(change)
  const head = `${subject === undefined ? '' : `${styles.bold(subject)}: `}${singleLine(change.message)} ${styles.dim(`[${change.kind}]`)}`
  const reach = change.operations
  if (reach === undefined || reach.length === 0) return head
  return `${head} ${operationCount(reach.length)}: ${firstOperations(reach, operationsShown, styles.bold)}`
}

function byOperationLines(changes: ChangeSet, styles: TextStyles): string[] {
  const lines: string[] = []
  for (const view of operationView(changes)) {
    lines.push(view.operation === undefined ? styles.dim('(document)') : styles.bold(view.operation))
    for (const { change, severity, location } of view.entries) {
      // Under its operation's name a per-operation record needs no subject; a component's change names its component.
      const subject = change.operations === undefined ? undefined : subjectOf(change)
      const message = `${subject === undefined ? '' : `${styles.bold(subject)}: `}${singleLine(change.message)}`
      const via = change.operations !== undefined && location.length > 0 ? ` ${styles.dim(`at ${location.join('/')}`)}` : ''
      lines.push(`  ${severityLabel(severity, styles, 8)} ${message} ${styles.dim(`[${change.kind}]`)}${via}`)
    }
  }
  return lines
}

/** `BREAKING` in red, `WARNING` in yellow, `INFO` in cyan; padded to `width` (before styling, so columns line up). */
function severityLabel(severity: Severity, styles: TextStyles, width = 0): string {
  const label = LABELS[severity].padEnd(width)
  if (severity === 'breaking') return styles.red(styles.bold(label))
  if (severity === 'warning') return styles.yellow(styles.bold(label))
  return styles.cyan(styles.bold(label))
}
