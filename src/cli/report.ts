import { isAbsolute, relative, sep } from 'node:path'
import type { ChangeSet } from '../model/change.js'
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/index.js'
import type { CliIo } from './cli-io.js'
import { colorEnabled, createPalette } from './color.js'
import type { SourceLocation } from './source-location.js'
import { UsageError } from './usage.js'

/** How `diff` prints its change set, from `--format`, `--json` and `--by-operation`. */
export interface ReportChoice {
  format: ReportFormat
  byOperation: boolean
}

/** Reads `--format` (or the older `--json`) and `--by-operation`; a contradiction is a usage error. */
export function parseReportChoice(values: { format?: string | undefined; json?: boolean | undefined; 'by-operation'?: boolean | undefined }): ReportChoice {
  const format = values.format ?? (values.json === true ? 'json' : 'text')
  if (!isReportFormat(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got '${format}')`)
  if (values.json === true && format !== 'json') throw new UsageError(`--json and --format ${format} ask for two formats: give one`)
  const byOperation = values['by-operation'] === true
  if (byOperation && format !== 'text') throw new UsageError('--by-operation changes the text report: it goes with --format text')
  return { format, byOperation }
}

function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value)
}

/**
 * The report of a change set in the chosen format: text coloured for a terminal, GitHub
 * annotations pointing at the new definition when it is a file under the working directory.
 */
export function renderCliReport(changes: ChangeSet, choice: ReportChoice, io: CliIo, newLocation?: SourceLocation): string {
  const file = newLocation === undefined ? undefined : annotationFile(newLocation, io.cwd)
  return renderReport(changes, choice.format, {
    styles: createPalette(colorEnabled(io.stdout, io.env)),
    byOperation: choice.byOperation,
    ...(file === undefined ? {} : { file }),
  })
}

/** A file's path relative to the working directory (a checkout's root in CI), with `/`; undefined outside it or for a URL. */
function annotationFile(location: SourceLocation, cwd: string): string | undefined {
  if (location.kind !== 'file') return undefined
  const path = relative(cwd, location.filePath)
  if (path === '' || path.startsWith(`..${sep}`) || path === '..' || isAbsolute(path)) return undefined
  return path.split(sep).join('/')
}
