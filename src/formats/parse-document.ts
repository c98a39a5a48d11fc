import { load as loadYaml, type LoadOptions, YAMLException } from 'js-yaml'
import { ParseError, toError } from '../errors/errors.js'
import { AliasBudget, AliasBudgetExceeded } from './yaml/alias-budget.js'
import { yamlCoreSchema } from './yaml/core-schema.js'

/** Nesting levels a YAML document may have: twice what normalization accepts (MAX_NESTING), far below a stack overflow. */
const MAX_YAML_DEPTH = 1000

export type DocumentSyntax = 'json' | 'yaml'

/** Picks JSON or YAML: the content type when it says so, else the first meaningful character. */
export function detectSyntax(text: string, contentType?: string): DocumentSyntax {
  const type = contentType?.toLowerCase() ?? ''
  if (type.includes('json')) return 'json'
  if (type.includes('yaml') || type.includes('yml')) return 'yaml'
  const first = firstMeaningfulChar(text)
  return first === '{' || first === '[' ? 'json' : 'yaml'
}

function firstMeaningfulChar(text: string): string | undefined {
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!
    // Skip whitespace and a byte-order mark.
    if (char !== ' ' && char !== '\n' && char !== '\r' && char !== '\t' && char !== '\uFEFF') return char
  }
  return undefined
}

/** Parses a JSON or YAML document; syntax errors become `ParseError`s with line and column. */
export function parseDocument(text: string, options: { sourceId?: string | undefined; contentType?: string | undefined } = {}): unknown {
  const syntax = detectSyntax(text, options.contentType)
  // A JSON document is valid YAML too, but JSON.parse is an order of magnitude faster.
  return syntax === 'json' ? parseJson(text, options.sourceId) : parseYamlText(text, options.sourceId)
}

export function parseJson(text: string, sourceId?: string): unknown {
  try {
    return JSON.parse(stripBom(text))
  } catch (error) {
    const { line, column } = jsonErrorPosition(text, error)
    const where = line === undefined ? '' : ` at line ${line}, column ${column}`
    throw new ParseError(
      `${sourceLabel(sourceId)}is not valid JSON${where}: ${(error as Error).message}`,
      { format: 'json', line, column },
      { sourceId, cause: error },
    )
  }
}

export function parseYamlText(text: string, sourceId?: string): unknown {
  const source = stripBom(text)
  const options: YamlLoadOptions = {
    schema: yamlCoreSchema,
    maxDepth: MAX_YAML_DEPTH,
    // No merge keys: `<<` is an ordinary key in our schema, and an explicit `!!merge` is refused.
    maxTotalMergeKeys: 0,
  }
  // An alias needs an anchor: without one, nothing can expand and no node needs watching (the
  // listener costs 10-20% of the parse of a large document, and real API documents rarely anchor).
  if (mayHaveAnchor(source)) {
    const budget = new AliasBudget(source.length)
    options.listener = (event, state) => {
      if (event === 'open') budget.onOpen(state)
      else budget.onClose(state)
    }
  }
  try {
    return loadYaml(source, options)
  } catch (error) {
    throw yamlParseError(error, source, sourceId)
  }
}

/**
 * Whether the text may hold a YAML anchor (`&name`): an `&` where a node can start (at a line's
 * start, after whitespace, a flow indicator or `:`/`?`), followed by a character an anchor name
 * may begin with. A superset of anchors: `R&D`, `?a=1&b=2` and `terms & conditions` do not
 * match, an `&x` in a comment or a quoted string does (the budget then watches; nothing is lost).
 */
export function mayHaveAnchor(text: string): boolean {
  return ANCHOR_START.test(text)
}

const ANCHOR_START = /(?:^|[\s[\]{},:?])&[^\s,[\]{}]/

/** js-yaml 4.3 options that @types/js-yaml 4.0 does not list yet. */
type YamlLoadOptions = LoadOptions & { maxDepth: number; maxTotalMergeKeys: number }

function yamlParseError(error: unknown, text: string, sourceId: string | undefined): ParseError {
  const { line, column } = yamlErrorPosition(error, text)
  const where = line === undefined ? '' : ` at line ${line}, column ${column}`
  const verdict = error instanceof AliasBudgetExceeded ? 'was refused' : 'is not valid YAML'
  return new ParseError(`${sourceLabel(sourceId)}${verdict}${where}: ${yamlReason(error)}`, { format: 'yaml', line, column }, { sourceId, cause: error })
}

function yamlErrorPosition(error: unknown, text: string): { line?: number; column?: number } {
  if (error instanceof AliasBudgetExceeded) return lineAndColumnAt(text, error.offset)
  // js-yaml counts from 0.
  if (error instanceof YAMLException && error.mark !== undefined) return { line: error.mark.line + 1, column: error.mark.column + 1 }
  return {}
}

function yamlReason(error: unknown): string {
  if (error instanceof AliasBudgetExceeded) return error.reason
  const reason = error instanceof YAMLException ? error.reason : firstLine(toError(error).message)
  // js-yaml recurses per nesting level: its depth limit, or a stack overflow before it, means the document went too deep.
  if (/maxDepth|Maximum call stack size exceeded/.test(reason)) return 'it is nested too deeply'
  if (/maxTotalMergeKeys/.test(reason)) return 'merge keys (!!merge) are not supported'
  return reason
}

function jsonErrorPosition(text: string, error: unknown): { line?: number; column?: number } {
  const message = error instanceof Error ? error.message : ''
  const lineColumn = /line (\d+) column (\d+)/.exec(message)
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
  const position = /position (\d+)/.exec(message)
  // "Unexpected end of JSON input" carries no position: the problem is at the very end.
  const offset = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : undefined
  if (offset === undefined) return {}
  return lineAndColumnAt(text, offset)
}

function lineAndColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++
      lineStart = index + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function firstLine(message: string): string {
  const newline = message.indexOf('\n')
  return newline === -1 ? message : message.slice(0, newline)
}

function sourceLabel(sourceId: string | undefined): string {
  return sourceId === undefined ? 'The document ' : `The document of source "${sourceId}" `
}
