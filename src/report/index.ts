// Renderers of a ChangeSet for people and for CI. Browser-safe: hosts (a CI bot, a web page) use them too.
import type { ChangeSet } from '../model/change.js'
import { renderGithubAnnotations, type GithubReportOptions } from './github.js'
import { renderHtml, type HtmlReportOptions } from './html.js'
import { renderJson } from './json.js'
import { renderMarkdown, type MarkdownReportOptions } from './markdown.js'
import { renderText, type TextReportOptions } from './text.js'

export { renderJson } from './json.js'
export { renderText, textReportLines, summaryLine, plainStyles } from './text.js'
export type { TextReportOptions, TextStyles } from './text.js'
export { renderMarkdown } from './markdown.js'
export type { MarkdownReportOptions } from './markdown.js'
export { renderGithubAnnotations } from './github.js'
export type { GithubReportOptions } from './github.js'
export { renderHtml } from './html.js'
export type { HtmlReportOptions } from './html.js'

/** The report formats, as `--format` takes them. */
export const REPORT_FORMATS = ['text', 'json', 'markdown', 'github', 'html'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** Options of every format; each renderer reads its own. */
export type ReportOptions = TextReportOptions & MarkdownReportOptions & GithubReportOptions & HtmlReportOptions

/** Renders a change set in one of the report formats; the text ends with a newline. */
export function renderReport(changes: ChangeSet, format: ReportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(changes, options)
    case 'json':
      return renderJson(changes)
    case 'markdown':
      return renderMarkdown(changes, options)
    case 'github':
      return renderGithubAnnotations(changes, options)
    case 'html':
      return renderHtml(changes, options)
  }
}
