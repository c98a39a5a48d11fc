import type { NormalizeContext } from './context.js'
import { getOwn, isRecord, stringOf, stringsOf } from './own.js'

/**
 * The document's base URLs, in declaration order without duplicates. OpenAPI 3 `servers` have
 * their `{variables}` replaced by the declared defaults; Swagger 2.0 builds them from `schemes`
 * (default `https`), `host` and `basePath` (a relative `basePath` alone when there is no host).
 */
export function normalizeServers(context: NormalizeContext): string[] {
  const urls = context.family === '2.0' ? swagger2Servers(context) : openApi3Servers(context)
  return [...new Set(urls)]
}

function openApi3Servers(context: NormalizeContext): string[] {
  const servers = getOwn(context.root, 'servers')
  if (!Array.isArray(servers)) return []
  const urls: string[] = []
  for (const server of servers) {
    if (!isRecord(server)) continue
    const url = stringOf(getOwn(server, 'url'))
    if (url === undefined) continue
    const variables = getOwn(server, 'variables')
    urls.push(url.replace(/\{([^}]*)\}/g, (whole, name: string) => {
      const variable = isRecord(variables) ? getOwn(variables, name) : undefined
      const fallback = isRecord(variable) ? getOwn(variable, 'default') : undefined
      return typeof fallback === 'string' ? fallback : whole
    }))
  }
  return urls
}

function swagger2Servers(context: NormalizeContext): string[] {
  const host = stringOf(getOwn(context.root, 'host'))
  const basePath = stringOf(getOwn(context.root, 'basePath')) ?? ''
  if (host === undefined) return basePath === '' ? [] : [basePath]
  const schemes = stringsOf(getOwn(context.root, 'schemes'))
  const list = schemes !== undefined && schemes.length > 0 ? schemes : ['https']
  return list.map((scheme) => `${scheme}://${host}${basePath}`)
}
