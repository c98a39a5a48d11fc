import { keyIdentity } from '../shared/operation-identity.js'
import { pairInTiers, pairWithin, type PairingTier } from '../shared/pair-in-tiers.js'
import type { LocatedRequest } from './collection-tree.js'
import type { OperationRename } from '../model/collection.js'

/** Which base request each incoming request continues, and which of those pairs are moves. */
export interface SpecPairing {
  /** Base request -> the incoming request for the same operation. */
  next: Map<LocatedRequest, LocatedRequest>
  /** Pairs whose operation moved to another path or method. */
  renamed: Array<{ base: LocatedRequest; incoming: LocatedRequest }>
}

/** The canonical identity of an operation key (`shared/operation-identity.ts`), as the merge compares requests. */
export const identityOf = keyIdentity

/**
 * Pairs the requests generated from the old spec (`base`) with those from the new one
 * (`incoming`) with the one pairing algorithm (`shared/pair-in-tiers.ts`): first by operation
 * identity (equal ids first, then document order, as Postman collections can hold several
 * requests for one operation), then by the `renames` the diff handed over as data
 * (`ChangeSet.renamed`), then by detection: an operation that left and one that arrived with the
 * same non-empty generated name (its summary or operationId, not just its key) in the same folder,
 * when that name and folder pick exactly one on each side, are the same operation whose key is the
 * only thing that changed.
 */
export function pairSpecRequests(base: readonly LocatedRequest[], incoming: readonly LocatedRequest[], renames: readonly OperationRename[] = []): SpecPairing {
  const renamedTo = new Map<string, string>()
  for (const rename of renames) {
    const from = identityOf(rename.from)
    if (!renamedTo.has(from)) renamedTo.set(from, identityOf(rename.to))
  }
  const tiers: Array<PairingTier<LocatedRequest>> = [
    { by: 'identity', key: requestIdentity, match: 'group', same: [sameId] },
    {
      by: 'renamed',
      key: (entry, side) => {
        const identity = requestIdentity(entry)
        return side === 'after' || identity === undefined ? identity : renamedTo.get(identity)
      },
      match: 'group',
    },
    { by: 'signature', key: signature, match: 'unique' },
  ]
  const next = new Map<LocatedRequest, LocatedRequest>()
  const renamed: SpecPairing['renamed'] = []
  for (const pair of pairInTiers(base, incoming, tiers).pairs) {
    next.set(pair.before, pair.after)
    if (pair.by !== 'identity') renamed.push({ base: pair.before, incoming: pair.after })
  }
  return { next, renamed }
}

/** Requests with an operation key, grouped by operation identity, in document order. */
export function groupByIdentity(entries: readonly LocatedRequest[]): Map<string, LocatedRequest[]> {
  const groups = new Map<string, LocatedRequest[]>()
  for (const entry of entries) {
    const identity = requestIdentity(entry)
    if (identity === undefined) continue
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
  return pairWithin(left, right, [sameId])
}

function requestIdentity(entry: LocatedRequest): string | undefined {
  const key = entry.request.operationKey
  return key === undefined ? undefined : identityOf(key)
}

function sameId(left: LocatedRequest, right: LocatedRequest): boolean {
  return left.request.id === right.request.id
}

/** Name + folder names of a request whose generated name is more than its key; none for a request without an operation. */
function signature(entry: LocatedRequest): string | undefined {
  const { name, operationKey } = entry.request
  if (operationKey === undefined || name.trim() === '' || name === operationKey) return undefined
  return JSON.stringify([entry.folders.map((folder) => folder.name), name])
}
