import { existsSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SourceType } from '../model/identity.js'
import { redactUrl } from '../shared/redact.js'
import { UsageError } from './usage.js'

/** A source named on the command line: a URL or a file. */
export type SourceLocation =
  | { kind: 'url'; url: string; /** Safe to print: credentials and query values hidden. */ label: string }
  | { kind: 'file'; filePath: string; /** The path as the user typed it. */ label: string }

/** Reads an argument as an http(s) URL, a `file:` URL or a path (relative to `cwd`). */
export function parseSourceLocation(argument: string, cwd: string): SourceLocation {
  if (/^https?:\/\//i.test(argument)) return { kind: 'url', url: argument, label: redactUrl(argument) }
  if (/^file:\/\//i.test(argument)) {
    const filePath = fileURLToPath(argument)
    return { kind: 'file', filePath, label: filePath }
  }
  if (/^[a-z][a-z\d+.-]+:\/\//i.test(argument)) {
    throw new UsageError(`unsupported URL scheme in '${redactUrl(argument)}': use http, https or a file path`)
  }
  const filePath = isAbsolute(argument) ? argument : resolve(cwd, argument)
  if (HOST_AND_PORT.test(argument) && !existsSync(filePath)) {
    const url = `http://${argument}`
    throw new UsageError(`'${redactUrl(url).slice('http://'.length)}' looks like a URL without its scheme: write ${redactUrl(url)}`)
  }
  return { kind: 'file', filePath, label: argument }
}

/** `localhost:8000`, `127.0.0.1:8000/openapi.json`, `[::1]:8000/...`, `api.local:80?x`: a host and port, not a file name. */
const HOST_AND_PORT = /^(?:[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)*|\[[\da-f:.]+\]):\d{1,5}(?:[/?#]|$)/i

/** The full location of a source, secrets included: what tells two sources apart (never printed). */
export function fullLocation(location: SourceLocation): string {
  return location.kind === 'file' ? location.filePath : location.url
}

/** A URL naming a server's root (`http://127.0.0.1:8000`, `.../`) rather than a document. */
export function isBareOrigin(location: SourceLocation): boolean {
  if (location.kind !== 'url') return false
  const url = new URL(location.url)
  return url.pathname === '/' && url.search === ''
}

/** The type a location's name suggests, for when its content cannot be read yet. */
export function guessTypeFromName(location: SourceLocation): SourceType {
  const name = location.kind === 'url' ? new URL(location.url).pathname : location.filePath
  if (/\.(graphql|graphqls|gql|sdl)$/i.test(name) || /\/graphql\/?$/i.test(name)) return 'graphql'
  if (/postman_collection\.json$|\.postman\.json$/i.test(name)) return 'postman'
  return 'openapi'
}

/**
 * Parses `--header "Name: value"` options into a record. Errors name the header but never show its
 * value: header values are credentials.
 */
export function parseHeaderOptions(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (values === undefined || values.length === 0) return undefined
  const headers: Record<string, string> = {}
  for (const value of values) {
    const colon = value.indexOf(':')
    const name = colon === -1 ? '' : value.slice(0, colon).trim()
    if (colon === -1 || !/^[!#$%&'*+.^_`|~\dA-Za-z-]+$/.test(name)) {
      throw new UsageError(`--header must look like "Name: value" (got one ${colon === -1 ? 'without a colon' : 'with an invalid name'})`)
    }
    headers[name] = value.slice(colon + 1).trim()
  }
  return headers
}

/** The source types the CLI accepts for `--type`. */
export function parseTypeOption(value: string | undefined): SourceType | undefined {
  if (value === undefined) return undefined
  if (value === 'openapi' || value === 'graphql' || value === 'postman') return value
  throw new UsageError(`--type must be openapi, graphql or postman (got '${value}')`)
}
