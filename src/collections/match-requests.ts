import type { LocatedRequest } from './collection-tree.js'
import type { OperationRename } from './model.js'
import { operationIdentity } from './operation-identity.js'

/** Which base request each incoming request continues, and which of those pairs are moves. */
export interface SpecPairing {
  /** Base request -> the incoming request for the same operation. */
  next: Map<LocatedRequest, LocatedRequest>
  /** Pairs whose operation moved to another path or method. */
  renamed: Array<{ base: LocatedRequest; incoming: LocatedRequest }>
}

/**
 * Pairs the requests generated from the old spec (`base`) with those from the new one
 * (`incoming`): first by operation identity (method + path, parameter names ignored), then by the
 * `renames` the caller knows of (the diff's moved operations), then by detection: an operation
 * that left and one that arrived with the same non-empty generated name (its summary or
 * operationId, not just its key) in the same folder, when that name and folder pick exactly one
 * on each side, are the same operation whose key is the only thing that changed.
 */
export function pairSpecRequests(base: readonly LocatedRequest[], incoming: readonly LocatedRequest[], renames: readonly OperationRename[] = []): SpecPairing {
  const next = new Map<LocatedRequest, LocatedRequest>()
  const renamed: SpecPairing['renamed'] = []
  const baseGroups = groupByIdentity(base)
  const incomingGroups = groupByIdentity(incoming)
  for (const [identity, group] of baseGroups) {
    for (const [left, right] of pairGroup(group, incomingGroups.get(identity) ?? [])) next.set(left, right)
  }
  const pairedIncoming = new Set(next.values())
  const unpairedBase = () => base.filter((entry) => entry.request.operationKey !== undefined && !next.has(entry))
  const unpairedIncoming = () => incoming.filter((entry) => entry.request.operationKey !== undefined && !pairedIncoming.has(entry))
  const pair = (left: LocatedRequest, right: LocatedRequest): void => {
    next.set(left, right)
    pairedIncoming.add(right)
    renamed.push({ base: left, incoming: right })
  }
  for (const rename of renames) {
    const from = identityOf(rename.from)
    const to = identityOf(rename.to)
    const left = unpairedBase().find((entry) => identityOf(entry.request.operationKey!) === from)
    const right = unpairedIncoming().find((entry) => identityOf(entry.request.operationKey!) === to)
    if (left !== undefined && right !== undefined) pair(left, right)
  }
  const leftBySignature = uniqueBySignature(unpairedBase())
  const rightBySignature = uniqueBySignature(unpairedIncoming())
  for (const [signature, left] of leftBySignature) {
    const right = rightBySignature.get(signature)
    if (right !== undefined) pair(left, right)
  }
  return { next, renamed }
}

/** Operation identities already computed, by operation key (a merge asks for each several times). */
const identities = new Map<string, string>()

/** `operationIdentity`, memoized; the cache is cleared when it grows past a few thousand keys. */
export function identityOf(operationKey: string): string {
  let identity = identities.get(operationKey)
  if (identity === undefined) {
    if (identities.size > 10_000) identities.clear()
    identity = operationIdentity(operationKey)
    identities.set(operationKey, identity)
  }
  return identity
}

/** Requests with an operation key, grouped by operation identity, in document order. */
export function groupByIdentity(entries: readonly LocatedRequest[]): Map<string, LocatedRequest[]> {
  const groups = new Map<string, LocatedRequest[]>()
  for (const entry of entries) {
    const key = entry.request.operationKey
    if (key === undefined) continue
    const identity = identityOf(key)
    const group = groups.get(identity)
    if (group === undefined) groups.set(identity, [entry])
    else group.push(entry)
  }
  return groups
}

/**
 * Pairs two lists of requests for one operation identity (usually one each; Postman collections
 * can hold several requests for one method and path): equal ids first, then in document order.
 */
export function pairGroup(left: readonly LocatedRequest[], right: readonly LocatedRequest[]): Array<[LocatedRequest, LocatedRequest]> {
  const pairs: Array<[LocatedRequest, LocatedRequest]> = []
  const remainingRight = [...right]
  const remainingLeft: LocatedRequest[] = []
  for (const entry of left) {
    const index = remainingRight.findIndex((candidate) => candidate.request.id === entry.request.id)
    if (index === -1) remainingLeft.push(entry)
    else pairs.push([entry, remainingRight.splice(index, 1)[0]!])
  }
  for (const entry of remainingLeft) {
    const match = remainingRight.shift()
    if (match === undefined) break
    pairs.push([entry, match])
  }
  return pairs
}

/** Name + folder names of requests whose generated name is more than their key; ambiguous signatures dropped. */
function uniqueBySignature(entries: readonly LocatedRequest[]): Map<string, LocatedRequest> {
  const bySignature = new Map<string, LocatedRequest | null>()
  for (const entry of entries) {
    const { name, operationKey } = entry.request
    if (name.trim() === '' || name === operationKey) continue
    const signature = JSON.stringify([entry.folders.map((folder) => folder.name), name])
    bySignature.set(signature, bySignature.has(signature) ? null : entry)
  }
  const unique = new Map<string, LocatedRequest>()
  for (const [signature, entry] of bySignature) if (entry !== null) unique.set(signature, entry)
  return unique
}
