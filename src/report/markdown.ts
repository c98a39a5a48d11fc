import type { Change, ChangeSet, Severity } from '../model/change.js'
import { causesOf, countsPhrase, firstOperations, operationCount, singleLine, subjectOf } from './causes.js'
import { SEVERITY_ORDER } from '../diff/severity.js'

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
  ].join('\n')
  const groups = SEVERITY_ORDER.map((severity) => ({ severity, causes: causesOf(changes, severity) })).filter((group) => group.causes.length > 0)
  let left = (options.maxLength ?? 60_000) - head.length
  const sections = [head]
  groups.forEach(({ severity, causes }, index) => {
    // This section's frame and note, and every later one's, always fit: the items share what is left.
    const items = fitting(causes, (change) => `- ${causeItem(change, shown)}`, left - (groups.length - index) * SECTION_ROOM)
    const [one, many] = SECTION_TITLES[severity]
    const heading = `${causes.length} ${causes.length === 1 ? one : many}`
    const body = items.join('\n')
    const section = severity === 'breaking' ? `### ${heading}\n\n${body}\n` : `<details>\n<summary>${heading}</summary>\n\n${body}\n\n</details>\n`
    left -= section.length + 1
    sections.push(section)
  })
  return sections.join('\n')
}

/** Characters kept for a section's heading or `<details>` frame and its "not shown" note. */
const SECTION_ROOM = 160

/** The lines of the causes that fit in `room` characters, then a note counting the rest (rendered only as far as they fit). */
function fitting(causes: readonly Change[], render: (change: Change) => string, room: number): string[] {
  const listed: string[] = []
  for (const change of causes) {
    const item = render(change)
    if (item.length + 1 > room) break
    listed.push(item)
    room -= item.length + 1
  }
  const rest = causes.length - listed.length
  if (rest > 0) listed.push(`- … and ${rest} more not shown (the comment would be too long)`)
  return listed
}

/** `` `GET /pets` was removed (`operation-removed`) `` or a component change with the operations it reaches. */
function causeItem(change: Change, shown: number): string {
  const subject = subjectOf(change)
  const message = singleLine(change.message)
  // A message that starts with its operation's key (`GET /pets was removed`) shows the key as code.
  const operation = change.operation !== undefined && message.startsWith(change.operation) ? change.operation : ''
  const described = `${operation === '' ? '' : codeSpan(operation)}${escapeMarkdown(message.slice(operation.length))}`
  const text = `${subject === undefined ? '' : `${codeSpan(subject)}: `}${described} (${codeSpan(change.kind)})`
  const reach = change.operations
  if (reach === undefined || reach.length === 0) return text
  return `${text} ${operationCount(reach.length)}: ${firstOperations(reach, shown, codeSpan)}`
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
