import type { OperationRef } from '../model/identity.js'
import type { Change, ChangeSet, Severity } from '../model/change.js'
import { countsPhrase, operationCount, operationsByKey, reachOf, singleLine, subjectOf, tagsOf } from './causes.js'
import { REPORT_SCRIPT, REPORT_SCRIPT_HASH, REPORT_STYLE } from './html-assets.js'
import { SEVERITY_ORDER } from '../diff/severity.js'

export interface HtmlReportOptions {
  /** The page's title and heading. @default 'API changes' */
  title?: string
}

const SEVERITY_NAMES: Record<Severity, string> = { breaking: 'Breaking', warning: 'Warning', info: 'Info' }

/**
 * A change set as one self-contained HTML page (no external assets): the counts, filters by
 * severity, rule and tag, and one entry per cause, breaking first, each expandable to the
 * operations it reaches. Everything taken from the documents is HTML-escaped, and the page's
 * Content-Security-Policy runs only its own script and loads nothing.
 */
export function renderHtml(changes: ChangeSet, options: HtmlReportOptions = {}): string {
  const title = escapeHtml(options.title ?? 'API changes')
  const operations = operationsByKey(changes)
  const causes = changes.changes.map((change) => causeItem(change, operations))
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src '${REPORT_SCRIPT_HASH}'; img-src data:`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p class="counts">${changes.changes.length === 0 ? 'No changes.' : escapeHtml(countsPhrase(changes))}</p>
${summaryTable(changes)}
</header>
${filters(changes, operations)}
<ol id="causes">
${causes.join('\n')}
</ol>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`
}

function summaryTable(changes: ChangeSet): string {
  const { summary } = changes
  const row = (label: string, values: number[]) => `<tr><th scope="row">${label}</th>${values.map((value) => `<td>${value}</td>`).join('')}</tr>`
  return `<table class="summary">
<tr><th></th><th scope="col">Breaking</th><th scope="col">Warnings</th><th scope="col">Info</th></tr>
${row('Changes', [summary.breaking, summary.warning, summary.info])}
</table>
<table class="summary">
<tr><th></th><th scope="col">Added</th><th scope="col">Removed</th><th scope="col">Modified</th><th scope="col">Affected</th></tr>
${row('Operations', [summary.added, summary.removed, summary.modified, summary.operations])}
</table>`
}

function filters(changes: ChangeSet, operations: ReadonlyMap<string, OperationRef>): string {
  const severities = SEVERITY_ORDER.map((severity) => {
    const count = changes.summary[severity]
    return `<label><input type="checkbox" name="severity" value="${severity}" checked> ${SEVERITY_NAMES[severity]} (${count})</label>`
  }).join('\n')
  const kinds = countBy(changes.changes.map((change) => change.kind))
  const tags = countBy(changes.changes.flatMap((change) => tagsOf(change, operations)))
  return `<form id="filters">
<fieldset><legend>Severity</legend>
${severities}
</fieldset>
<label>Rule ${select('kind', kinds)}</label>
<label>Tag ${select('tag', tags)}</label>
<output id="shown">${changes.changes.length} of ${changes.changes.length} changes shown</output>
</form>`
}

function select(name: string, counts: Map<string, number>): string {
  const options = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, count]) => `<option value="${escapeHtml(value)}">${escapeHtml(value)} (${count})</option>`)
  return `<select name="${name}"><option value="">all</option>${options.join('')}</select>`
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}

function causeItem(change: Change, operations: ReadonlyMap<string, OperationRef>): string {
  const reach = reachOf(change)
  const subject = subjectOf(change)
  const component = change.component === undefined ? '' : `<p class="component">in component <code>${escapeHtml(change.component)}</code></p>`
  const reachText = reach.length === 0 ? 'the document' : operationCount(reach.length)
  const summary = `<span class="badge">${escapeHtml(change.severity)}</span> ${subject === undefined ? '' : `<strong>${escapeHtml(subject)}</strong>: `}${escapeHtml(singleLine(change.message))} <code class="kind">${escapeHtml(change.kind)}</code> <span class="reach">${reachText}</span>`
  const listed = reach.map((entry) => {
    const severity = entry.severity === undefined || entry.severity === change.severity ? '' : ` <span class="badge">${entry.severity}</span>`
    const location = entry.location.length === 0 ? '' : ` <span class="location">${escapeHtml(entry.location.join('/'))}</span>`
    return `<li><code>${escapeHtml(entry.operation)}</code>${severity}${location}</li>`
  })
  const details = listed.length === 0 ? '' : `<ul class="operations">${listed.join('')}</ul>`
  const tags = escapeHtml(JSON.stringify(tagsOf(change, operations)))
  return `<li class="cause ${escapeHtml(change.severity)}" data-severity="${escapeHtml(change.severity)}" data-kind="${escapeHtml(change.kind)}" data-tags="${tags}"><details><summary>${summary}</summary>${component}${details}</details></li>`
}

/** Text safe in HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!)
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
