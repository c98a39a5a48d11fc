import type { Change, ChangeSet, Severity } from '../model/change.js'
import { countsPhrase, firstOperations, operationCount, operationsPhrase, subjectOf } from './causes.js'

export interface GithubReportOptions {
  /** File the annotations point at (the new definition, relative to the repository root), if any. */
  file?: string
  /** Operation keys named per cause before "and N more". @default 10 */
  operationsShown?: number
}

const COMMANDS: Record<Severity, string> = { breaking: 'error', warning: 'warning', info: 'notice' }
const TITLES: Record<Severity, string> = { breaking: 'Breaking change', warning: 'Warning', info: 'Change' }

/**
 * A change set as GitHub Actions workflow commands: a `::notice` with the counts, then one
 * annotation per cause, breaking first (`::error`), warnings (`::warning`) and the rest
 * (`::notice`). GitHub shows the first ten of each kind per step on the run's summary.
 */
export function renderGithubAnnotations(changes: ChangeSet, options: GithubReportOptions = {}): string {
  const file = options.file === undefined ? '' : `file=${escapeProperty(options.file)},`
  const shown = options.operationsShown ?? 10
  const counts = changes.changes.length === 0 ? 'no changes' : `${countsPhrase(changes)} (operations: ${operationsPhrase(changes)})`
  const lines = [`::notice ${file}title=API changes::${escapeData(counts)}`]
  for (const change of changes.changes) {
    const title = `${TITLES[change.severity]}: ${change.kind}`
    lines.push(`::${COMMANDS[change.severity]} ${file}title=${escapeProperty(title)}::${escapeData(annotationText(change, shown))}`)
  }
  return `${lines.join('\n')}\n`
}

/** The cause's message, and on a second line the operations it reaches. */
function annotationText(change: Change, shown: number): string {
  const subject = subjectOf(change)
  const message = `${subject === undefined ? '' : `${subject}: `}${change.message}`
  const reach = change.operations
  if (reach === undefined || reach.length === 0) return message
  return `${message}\n${operationCount(reach.length)}: ${firstOperations(reach, shown)}`
}

/** A workflow command's message: `%`, CR and LF escaped (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A workflow command's property value: as a message, plus `:` and `,` (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
