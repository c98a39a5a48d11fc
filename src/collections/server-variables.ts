import type { ApiSnapshot, SnapshotOperation } from '../model/snapshot.js'
import { openApiOperationExtras } from '../formats/openapi/operation-extras.js'
import { postmanOperationExtras } from '../formats/postman/operation-extras.js'
import { isRecord } from './values.js'

/**
 * The base URL variables of a generated collection: the main server in `baseUrl` (or the name
 * the caller chose), and a variable of its own for each other server an operation is served
 * from (OpenAPI operation- or path-level `servers`, the hosts of a Postman source's requests),
 * named after its host (`https://uploads.github.com` -> `uploadsBaseUrl`). Values never end in
 * `/`, since every path starts with one (`https://api.stripe.com/` + `/v1/...` would send `//v1`).
 */
export class ServerVariables {
  /** Variable name to URL, main server first. */
  readonly values = new Map<string, string>()
  private readonly names = new Map<string, string>()

  constructor(
    private readonly mainVariable: string,
    snapshot: ApiSnapshot,
    /** The URL to use when the snapshot names no server (the watched source's origin, for instance). */
    defaultBaseUrl = '',
  ) {
    const named = snapshot.type === 'postman' ? mostUsedServer(snapshot.operations) : snapshot.servers[0]
    const main = trimSlash(named ?? defaultBaseUrl)
    // A main server that is a variable of the source (`{{baseUrl}}`) is for the user to fill in.
    this.values.set(mainVariable, /^\{\{[^{}]+\}\}$/.test(main) ? '' : main)
    this.names.set(main, mainVariable)
  }

  /** `{{variable}}` for the server an operation is served from. */
  originOf(operation: SnapshotOperation, snapshotType: ApiSnapshot['type']): string {
    const url = snapshotType === 'postman' ? postmanOperationExtras(operation).server : firstServerUrl(openApiOperationExtras(operation).servers)
    return `{{${url === undefined ? this.mainVariable : this.variableFor(trimSlash(url))}}}`
  }

  private variableFor(url: string): string {
    const known = this.names.get(url)
    if (known !== undefined) return known
    // A Postman server that is itself one variable (`{{host}}`) stays that variable.
    const single = /^\{\{([^{}]+)\}\}$/.exec(url)?.[1]
    const stem = single ?? `${hostLabel(url)}BaseUrl`
    let name = stem
    for (let counter = 2; this.values.has(name) && single === undefined; counter++) name = `${stem}${counter}`
    if (single === undefined) this.values.set(name, url)
    this.names.set(url, name)
    return name
  }
}

/** The first server URL of an OpenAPI `servers` list, its `{variables}` replaced by their defaults. */
function firstServerUrl(servers: unknown): string | undefined {
  if (!Array.isArray(servers)) return undefined
  const server = servers.find((candidate) => isRecord(candidate) && typeof candidate.url === 'string')
  if (!isRecord(server)) return undefined
  const variables = isRecord(server.variables) ? server.variables : {}
  return (server.url as string).replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    const variable = variables[name]
    return isRecord(variable) && typeof variable.default === 'string' ? variable.default : whole
  })
}

/** The server most requests of a Postman source use (the first in sorted order on a tie). */
function mostUsedServer(operations: readonly SnapshotOperation[]): string | undefined {
  const counts = new Map<string, number>()
  for (const operation of operations) {
    const server = postmanOperationExtras(operation).server
    if (server !== undefined) counts.set(server, (counts.get(server) ?? 0) + 1)
  }
  let best: [string, number] | undefined
  for (const [server, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (best === undefined || count > best[1]) best = [server, count]
  }
  return best?.[0]
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

/** `https://uploads.github.com` -> `uploads`; `https://api.example.com` -> `example`; else `server`. */
function hostLabel(url: string): string {
  const host = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/:?#]+)/.exec(url)?.[1] ?? ''
  const label = host.split('.').find((part) => part !== '' && !['www', 'api'].includes(part.toLowerCase())) ?? 'server'
  const cleaned = label.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())
  return /^[A-Za-z]/.test(cleaned) ? cleaned.charAt(0).toLowerCase() + cleaned.slice(1) : `server${cleaned}`
}
