import type { Change, ChangeSet, Severity } from '../diff/types.js'
import { causesOf, countsPhrase, firstOperations, operationCount, singleLine, subjectOf } from './causes.js'

export interface MarkdownReportOptions {
  /** The heading of the comment. @default 'API changes' */
  title?: string
  /** Operation keys named per cause before "and N more". @default 5 */
  operationsShown?: number
  /**
   * Longest output in characters: causes that do not fit are counted, not listed (a GitHub
   * comment holds at most 65,536 characters). @default 60000
   */
  maxLength?: number
}

const SECTION_TITLES: Record<Severity, [one: string, many: string]> = {
  breaking: ['breaking change', 'breaking changes'],
  warning: ['warning', 'warnings'],
  info: ['other change', 'other changes'],
}

/**
 * A change set as a pull-request comment (GitHub-flavoured Markdown): a heading with the counts, a
 * summary table, the breaking causes listed, then warnings and the rest each in a collapsed
 * `<details>`. Text from the documents is escaped, so a description cannot inject markup or mentions.
 */
export function renderMarkdown(changes: ChangeSet, options: MarkdownReportOptions = {}): string {
  const title = escapeMarkdown(options.title ?? 'API changes')
  if (changes.changes.length === 0) return `## ${title}\n\nNo changes.\n`
  const shown = options.operationsShown ?? 5
  const budget = new Budget(options.maxLength ?? 60_000)
  const { summary } = changes
  const head = [
    `## ${title}: ${countsPhrase(changes)}`,
    '',
    '| | Breaking | Warnings | Info |',
    '| --- | ---: | ---: | ---: |',
    `| Changes | ${summary.breaking} | ${summary.warning} | ${summary.info} |`,
    '',
    '| Operations | Added | Removed | Modified | Affected |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| | ${summary.added} | ${summary.removed} | ${summary.modified} | ${summary.operations} |`,
    '',
  ]
  budget.take(head.join('\n'))
  const sections: string[] = [head.join('\n')]
  for (const severity of ['breaking', 'warning', 'info'] as const) {
    const group = causesOf(changes, severity)
    if (group.length === 0) continue
    const [one, many] = SECTION_TITLES[severity]
    const heading = `${group.length} ${group.length === 1 ? one : many}`
    const items = budget.list(group.map((change) => `- ${causeItem(change, shown)}`))
    const body = items.join('\n')
    sections.push(severity === 'breaking' ? `### ${heading}\n\n${body}\n` : `<details>\n<summary>${heading}</summary>\n\n${body}\n\n</details>\n`)
  }
  return sections.join('\n')
}

/** `` `GET /pets` was removed (`operation-removed`) `` or a component change with the operations it reaches. */
function causeItem(change: Change, shown: number): string {
  const subject = subjectOf(change)
  const text = `${subject === undefined ? '' : `${codeSpan(subject)}: `}${escapeMarkdown(singleLine(change.message))} (${codeSpan(change.kind)})`
  const reach = change.operations
  if (reach === undefined || reach.length === 0) return text
  return `${text} ${operationCount(reach.length)}: ${firstOperations(reach, shown, codeSpan)}`
}

/** Lists items while they fit, then says how many did not. */
class Budget {
  #left: number
  constructor(limit: number) {
    this.#left = limit
  }

  take(text: string): void {
    this.#left -= text.length + 1
  }

  list(items: string[]): string[] {
    // Room kept for the section's own lines and the note.
    const reserve = 200
    const listed: string[] = []
    for (const item of items) {
      if (item.length + 1 > this.#left - reserve) break
      listed.push(item)
      this.take(item)
    }
    const left = items.length - listed.length
    if (left > 0) {
      const note = `- … and ${left} more not shown (the comment would be too long)`
      listed.push(note)
      this.take(note)
    }
    this.#left -= reserve / 4
    return listed
  }
}

/**
 * Document text as inert Markdown inside a list item: a backslash before the punctuation that
 * formats mid-line (emphasis, code, links, tables, strike-through), `<`, `>` and `&` as entities
 * (GFM allows HTML), and `@` followed by a zero-width space so a name like `@org/team` pings
 * nobody (as Renovate does in its PR bodies).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@&#8203;')
}

/** Text in a code span, with a fence longer than any run of backticks inside it. */
export function codeSpan(text: string): string {
  const line = singleLine(text)
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${line}${pad}${fence}`
}
