import type { ApiSnapshot, SecurityRequirement, SecuritySchemeSpec, SnapshotOperation } from '../../../model/snapshot.js'
import type { Severity } from '../../../model/change.js'
import { makeChange, type OperationChanges } from './operation-changes.js'
import { sameJson } from './schema/node.js'

/** One way to authenticate: every scheme in it is needed, each with its scopes. */
interface Alternative {
  key: string
  schemes: Map<string, Set<string>>
}

function toAlternative(requirement: SecurityRequirement): Alternative {
  const names = Object.keys(requirement).sort()
  return { key: names.join('+'), schemes: new Map(names.map((name) => [name, new Set(requirement[name] ?? [])])) }
}

/** An operation is open when it declares no security or lists `{}` (anonymous) among the alternatives. */
function isOpen(alternatives: readonly Alternative[]): boolean {
  return alternatives.length === 0 || alternatives.some((alternative) => alternative.schemes.size === 0)
}

/** `small` needs some but not all of `large`'s schemes (anonymous access is no subset: it is handled as "open"). */
function isStrictSubset(small: Alternative, large: Alternative): boolean {
  return small.schemes.size > 0 && small.schemes.size < large.schemes.size && [...small.schemes.keys()].every((name) => large.schemes.has(name))
}

function label(alternative: Alternative): string {
  return alternative.schemes.size === 0 ? 'anonymous access' : [...alternative.schemes.keys()].join(' + ')
}

/**
 * Security family. Requiring authentication where none was needed breaks every caller; dropping
 * it entirely breaks nobody. Between two secured versions, an alternative callers used that is
 * gone (or now needs another scheme too, or more scopes) breaks them; a new alternative, fewer
 * schemes or fewer scopes do not. When anonymous access remains possible nothing breaks.
 */
export function compareSecurity(before: SnapshotOperation, after: SnapshotOperation, snapshots: { before: ApiSnapshot; after: ApiSnapshot }, changes: OperationChanges): void {
  const was = (before.security ?? []).map(toAlternative)
  const is = (after.security ?? []).map(toAlternative)
  const wasOpen = isOpen(was)
  const nowOpen = isOpen(is)
  if (wasOpen && !nowOpen) {
    changes.addChange(makeChange(changes.operation, 'security-added', 'breaking', ['security'], `now requires authentication (${is.map(label).join(' or ')})`, { before: before.security, after: after.security }))
  } else if (!wasOpen && nowOpen) {
    changes.addChange(makeChange(changes.operation, 'security-removed', 'info', ['security'], 'no longer requires authentication', { before: before.security, after: after.security }))
  } else {
    compareAlternatives(was, is, nowOpen ? 'info' : 'breaking', changes)
  }
  compareUsedSchemes(was, is, snapshots, changes)
}

function compareAlternatives(was: Alternative[], is: Alternative[], breakSeverity: Severity, changes: OperationChanges): void {
  const isByKey = new Map(is.map((alternative) => [alternative.key, alternative]))
  const explained = new Set<string>(was.map((alternative) => alternative.key).filter((key) => isByKey.has(key)))
  for (const old of was) {
    const current = isByKey.get(old.key)
    if (current !== undefined) {
      compareScopes(old, current, breakSeverity, changes)
      continue
    }
    const relaxed = is.find((alternative) => isStrictSubset(alternative, old))
    const tightened = is.find((alternative) => isStrictSubset(old, alternative))
    if (relaxed !== undefined) {
      explained.add(relaxed.key)
      const dropped = [...old.schemes.keys()].filter((name) => !relaxed.schemes.has(name)).join(' + ')
      changes.addChange(makeChange(changes.operation, 'security-requirement-relaxed', 'info', ['security'], `${label(old)} no longer needs ${dropped}`, { before: old.key, after: relaxed.key }))
    } else if (tightened !== undefined) {
      explained.add(tightened.key)
      const needed = [...tightened.schemes.keys()].filter((name) => !old.schemes.has(name)).join(' + ')
      changes.addChange(makeChange(changes.operation, 'security-requirement-tightened', breakSeverity, ['security'], `${label(old)} now also needs ${needed}`, { before: old.key, after: tightened.key }))
    } else {
      changes.addChange(makeChange(changes.operation, 'security-alternative-removed', breakSeverity, ['security'], `no longer accepts ${label(old)}`, { before: old.key }))
    }
  }
  for (const current of is) {
    if (!explained.has(current.key)) changes.addChange(makeChange(changes.operation, 'security-alternative-added', 'info', ['security'], `now also accepts ${label(current)}`, { after: current.key }))
  }
}

function compareScopes(was: Alternative, is: Alternative, breakSeverity: Severity, changes: OperationChanges): void {
  for (const [scheme, oldScopes] of was.schemes) {
    const newScopes = is.schemes.get(scheme) ?? new Set<string>()
    const location = ['security', scheme]
    for (const scope of newScopes) {
      if (!oldScopes.has(scope)) changes.addChange(makeChange(changes.operation, 'security-scope-added', breakSeverity, location, `now requires the scope '${scope}'`, { after: scope }))
    }
    for (const scope of oldScopes) {
      if (!newScopes.has(scope)) changes.addChange(makeChange(changes.operation, 'security-scope-removed', 'info', location, `no longer requires the scope '${scope}'`, { before: scope }))
    }
  }
}

/** What a client must send for a scheme: changing it breaks clients that use the scheme. */
function wireShape(scheme: SecuritySchemeSpec | undefined): unknown {
  if (scheme === undefined) return undefined
  return { type: scheme.type, scheme: scheme.scheme?.toLowerCase(), in: scheme.in, name: scheme.name }
}

function compareUsedSchemes(was: Alternative[], is: Alternative[], snapshots: { before: ApiSnapshot; after: ApiSnapshot }, changes: OperationChanges): void {
  const used = new Set(was.flatMap((alternative) => [...alternative.schemes.keys()]))
  const stillUsed = new Set(is.flatMap((alternative) => [...alternative.schemes.keys()]))
  for (const name of used) {
    if (!stillUsed.has(name)) continue
    const oldScheme = snapshots.before.securitySchemes[name]
    const newScheme = snapshots.after.securitySchemes[name]
    const location = ['security', name]
    if (!sameJson(wireShape(oldScheme), wireShape(newScheme))) {
      changes.addChange(makeChange(changes.operation, 'security-scheme-changed', 'breaking', location, 'changed how credentials are sent', { before: oldScheme, after: newScheme }))
    } else if (!sameJson(oldScheme?.flows, newScheme?.flows)) {
      changes.addChange(makeChange(changes.operation, 'security-scheme-flows-changed', 'warning', location, 'changed its OAuth flows', { before: oldScheme?.flows, after: newScheme?.flows }))
    }
  }
}
