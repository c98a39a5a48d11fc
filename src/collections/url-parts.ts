/** A request URL split where the spec's part (the path) meets the user's parts (server, query). */
export interface UrlParts {
  /** Scheme and host, or the leading variable: `{{baseUrl}}`, `https://api.example.com:8443`. */
  origin: string
  /** `/users/{id}`; `''` when the URL has no path. */
  path: string
  /** `?a=1#top` when a URL carries them; generated URLs never do. */
  suffix: string
}

/** Splits a URL into origin, path and query/fragment suffix. */
export function splitUrl(url: string): UrlParts {
  const suffixStart = firstIndexOf(url, ['?', '#'])
  const suffix = suffixStart === -1 ? '' : url.slice(suffixStart)
  const rest = suffixStart === -1 ? url : url.slice(0, suffixStart)
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(rest)
  const hostStart = scheme === null ? 0 : scheme[0].length
  const pathStart = rest.indexOf('/', hostStart)
  if (pathStart === -1) return { origin: rest, path: '', suffix }
  return { origin: rest.slice(0, pathStart), path: rest.slice(pathStart), suffix }
}

function firstIndexOf(text: string, needles: readonly string[]): number {
  const found = needles.map((needle) => text.indexOf(needle)).filter((index) => index !== -1)
  return found.length === 0 ? -1 : Math.min(...found)
}

/** `{name}` path parameters in order, with the text each segment has around them. */
const PARAMETER = /\{([^{}]+)\}/g

/** Names of the `{name}` parameters of a path, in order (`{{variables}}` are not parameters). */
export function pathParameterNames(path: string): string[] {
  return [...withoutVariables(path).matchAll(PARAMETER)].map((match) => match[1] ?? '')
}

/** Blanks out `{{variables}}` (same length) so `{...}` matching never reads into them. */
function withoutVariables(text: string): string {
  return text.replace(/\{\{[^{}]*\}\}/g, (variable) => '\u0000'.repeat(variable.length))
}

/**
 * Reads the values a user typed for the path parameters of `template` in `path`
 * (`/users/{id}` against `/users/42` gives `['42']`), or `undefined` when `path` is not that
 * template filled in (the user changed the path itself).
 */
export function matchPathTemplate(template: string, path: string): string[] | undefined {
  const masked = withoutVariables(template)
  let pattern = '^'
  let last = 0
  for (const match of masked.matchAll(PARAMETER)) {
    pattern += escapeRegExp(template.slice(last, match.index)) + '([^/]*)'
    last = (match.index ?? 0) + match[0].length
  }
  pattern += `${escapeRegExp(template.slice(last))}$`
  const result = new RegExp(pattern).exec(path)
  return result === null ? undefined : result.slice(1).map((value) => value ?? '')
}

/** Writes `values` into the parameters of `template` in order; a missing value keeps the `{name}`. */
export function fillPathTemplate(template: string, values: ReadonlyArray<string | undefined>): string {
  const masked = withoutVariables(template)
  let result = ''
  let last = 0
  let index = 0
  for (const match of masked.matchAll(PARAMETER)) {
    const value = values[index++]
    result += template.slice(last, match.index) + (value ?? template.slice(match.index, (match.index ?? 0) + match[0].length))
    last = (match.index ?? 0) + match[0].length
  }
  return result + template.slice(last)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
