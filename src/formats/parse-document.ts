import { parse as parseYaml, YAMLParseError } from 'yaml'
import { ParseError } from '../errors/errors.js'

/** YAML aliases allowed per document: enough for real specs, far too few for an alias bomb. */
const MAX_YAML_ALIASES = 1000

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
  try {
    return parseYaml(stripBom(text), { maxAliasCount: MAX_YAML_ALIASES, prettyErrors: true, uniqueKeys: false })
  } catch (error) {
    const position = error instanceof YAMLParseError ? error.linePos?.[0] : undefined
    const line = position?.line
    const column = position?.col
    const where = line === undefined ? '' : ` at line ${line}, column ${column}`
    // The parser ends its first line with the position too ("... at line 1, column 4:"): said once above.
    const first = firstLine((error as Error).message).replace(/ at line \d+, column \d+:?$/, '')
    // The parser recurses per nesting level; a stack overflow means the document, not us, went too deep.
    const reason = /Maximum call stack size exceeded/.test(first) ? 'it is nested too deeply' : first
    throw new ParseError(
      `${sourceLabel(sourceId)}is not valid YAML${where}: ${reason}`,
      { format: 'yaml', line, column },
      { sourceId, cause: error },
    )
  }
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
