import { canonicalJson, fastHash } from '../hash.js'
import type { SnapshotOperation } from '../../model/snapshot.js'
import type { OperationDraft } from './build-operation.js'

/**
 * Gives every draft a unique identity and its hash. A request alone on its method and path gets
 * the base identity (`GET /v1/customers/{}`); requests sharing one are told apart by folder path
 * and name (`GET /get#F1/F1.R1`), which survive re-exports (item ids do not). Only requests that
 * also share folder and name fall back to a counter in document order (`...#F1/R#2`).
 */
export function assignIdentities(drafts: readonly OperationDraft[]): SnapshotOperation[] {
  const sharing = new Map<string, number>()
  for (const draft of drafts) sharing.set(draft.baseIdentity, (sharing.get(draft.baseIdentity) ?? 0) + 1)
  const assigned = new Set<string>()
  return drafts.map(({ baseIdentity, ...operation }) => {
    const shared = (sharing.get(baseIdentity) ?? 0) > 1
    const candidate = shared ? `${baseIdentity}#${requestLabel(operation)}` : baseIdentity
    let identity = candidate
    for (let counter = 2; assigned.has(identity); counter++) identity = `${candidate}#${counter}`
    assigned.add(identity)
    // Identity stays out of the hash: a request that gains or loses a twin has not changed.
    return { ...operation, identity, hash: fastHash(canonicalJson(operation)) }
  })
}

/** `Folder/Sub/Request name`: where the request sits in the collection. */
export function requestLabel(operation: Pick<SnapshotOperation, 'folder' | 'summary'>): string {
  return [...(operation.folder ?? []), operation.summary ?? ''].join('/')
}
