import type { ApiSnapshot } from '../../../model/snapshot.js'
import type { AddChange } from '../../../diff/create-change.js'
import { makeChange } from './operation-changes.js'
import { sameJson } from './schema/node.js'

/**
 * Servers/document family. A removed server URL breaks clients configured with it, but the
 * URL lives in the client's settings rather than in any operation, so a document-level
 * warning; an added server is info.
 */
export function compareServers(before: ApiSnapshot, after: ApiSnapshot, addChange: AddChange): void {
  const was = new Set(before.servers)
  const is = new Set(after.servers)
  for (const url of was) {
    if (!is.has(url)) addChange(makeChange(undefined, 'server-removed', 'warning', ['servers'], `Server ${url} was removed`, { before: url }))
  }
  for (const url of is) {
    if (!was.has(url)) addChange(makeChange(undefined, 'server-added', 'info', ['servers'], `Server ${url} was added`, { after: url }))
  }
}

/** Security scheme definitions (their effect on operations is reported per operation). */
export function compareSecuritySchemes(before: ApiSnapshot, after: ApiSnapshot, addChange: AddChange): void {
  for (const [name, scheme] of Object.entries(before.securitySchemes)) {
    const location = ['components', 'securitySchemes', name]
    const current = after.securitySchemes[name]
    if (current === undefined) {
      addChange(makeChange(undefined, 'security-scheme-removed', 'info', location, `Security scheme '${name}' was removed`, { before: scheme }))
    } else if (!sameJson(scheme, current)) {
      addChange(makeChange(undefined, 'security-scheme-definition-changed', 'info', location, `Security scheme '${name}' changed`, { before: scheme, after: current }))
    }
  }
  for (const [name, scheme] of Object.entries(after.securitySchemes)) {
    if (before.securitySchemes[name] === undefined) {
      addChange(makeChange(undefined, 'security-scheme-added', 'info', ['components', 'securitySchemes', name], `Security scheme '${name}' was added`, { after: scheme }))
    }
  }
}
