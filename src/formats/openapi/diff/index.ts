import type { ApiSnapshot, SnapshotOperation } from '../../../model/snapshot.js'
import type { Change, ChangeSet, ModifiedOperation, Severity } from '../../../model/change.js'
import type { AddChange } from '../../../diff/create-change.js'
import { compareSeverity, SEVERITY_ORDER } from '../../../diff/severity.js'
import { buildChangeSet, movesOf, operationAddedChange, operationRemovedChange, toOperationRef } from '../../../diff/change-set.js'
import { matchOperations, type OperationPairing } from '../../../diff/match-operations.js'
import { serverBasePath } from './base-path.js'
import { compareSecuritySchemes, compareServers } from './document.js'
import { compareDocumentMetadata, compareOperationMetadata } from './metadata.js'
import { operationOrder } from '../../../diff/shared-causes.js'
import { ComponentCauses } from './component-causes.js'
import { OperationChanges, ReachLocations } from './operation-changes.js'
import { compareOperation } from './operations.js'
import { compareParameters } from './parameters.js'
import { compareRequestBody } from './request-body.js'
import { compareReachedComponents } from './reached-components.js'
import { compareResponses } from './responses.js'
import { sameJson } from './schema/node.js'
import { SchemaDiffer, type SchemaDiffStats } from './schema/schema-differ.js'
import { compareSecurity } from './security.js'
import { runSteps, type Steps } from '../../../runtime/steps.js'

/**
 * Compares two OpenAPI snapshots: operations are paired (identity, then unique-operationId
 * moves) and each pair whose definition hash changed goes through every rule family. A change
 * inside a shared component schema is compared once and reported once, as one cause listing
 * every operation it reaches; each modified operation's `changes` refers to those same objects.
 */
export function diffOpenApi(before: ApiSnapshot, after: ApiSnapshot): ChangeSet {
  return diffOpenApiWithStats(before, after).changeSet
}

/** `diffOpenApi` plus the schema differ's counters (for tests and benchmarks). */
export function diffOpenApiWithStats(before: ApiSnapshot, after: ApiSnapshot): { changeSet: ChangeSet; stats: SchemaDiffStats } {
  return runSteps(diffOpenApiSteps(before, after))
}

/** `diffOpenApiWithStats` in steps: one after each operation pair compared (see `SpecFormat.diffSteps`). */
export function* diffOpenApiSteps(before: ApiSnapshot, after: ApiSnapshot): Steps<{ changeSet: ChangeSet; stats: SchemaDiffStats }> {
  const basePaths = { before: serverBasePath(before.servers), after: serverBasePath(after.servers) }
  const { pairs, added, removed } = matchOperations(before.operations, after.operations, { basePaths })
  const differ = new SchemaDiffer(before, after)
  const causes = new ComponentCauses()
  const locations = new ReachLocations()
  const addedRefs = added.map(toOperationRef)
  const removedRefs = removed.map(toOperationRef)
  // Every change goes to the bucket of its severity as it is found: concatenated, the buckets are
  // the stable sort by severity that buildChangeSet makes, which then has nothing left to move
  // in lists of tens of thousands of records.
  const buckets = new SeverityBuckets()
  buckets.addAll(addedRefs.map(operationAddedChange))
  buckets.addAll(removedRefs.map(operationRemovedChange))
  const modified: ModifiedOperation[] = []
  for (const pair of pairs) {
    if (unchangedPair(pair.before, pair.after, pair.moved) && !securitySchemesMatter(pair.after, before, after)) continue
    const operationChanges = diffOperationPair(pair, { before, after }, differ, causes, locations)
    yield
    if (operationChanges.changes.length === 0) continue
    modified.push({ operation: toOperationRef(pair.after), changes: inSeverityOrder(operationChanges.changes) })
    buckets.addAll(operationChanges.direct)
  }
  buckets.addAll(causes.changes(operationOrder(after.operations)))
  compareServers(before, after, buckets.addChange)
  compareSecuritySchemes(before, after, buckets.addChange)
  compareDocumentMetadata(before, after, buckets.addChange)
  return { changeSet: buildChangeSet({ added: addedRefs, removed: removedRefs, modified, changes: buckets.all(), renamed: movesOf(pairs) }), stats: differ.stats }
}

/** Changes by severity, each bucket in the order the changes came. */
class SeverityBuckets {
  readonly #buckets: Record<Severity, Change[]> = { breaking: [], warning: [], info: [] }

  readonly addChange: AddChange = (change) => {
    this.#buckets[change.severity].push(change)
  }

  addAll(changes: readonly Change[]): void {
    for (const change of changes) this.addChange(change)
  }

  /** In `SEVERITY_ORDER`: breaking, then warning, then info. */
  all(): Change[] {
    const [first, ...rest] = SEVERITY_ORDER.map((severity) => this.#buckets[severity])
    // concat, not flatMap: it copies tens of thousands of references natively.
    return first!.concat(...rest)
  }
}

/** The changes grouped breaking, warning, info, each group in its original order (a stable sort by severity, in one pass). */
function inSeverityOrder(changes: Change[]): Change[] {
  // Most operations' changes are in order already (often all of one severity): nothing to copy.
  if (isInSeverityOrder(changes)) return changes
  const buckets = new SeverityBuckets()
  buckets.addAll(changes)
  return buckets.all()
}

function isInSeverityOrder(changes: readonly Change[]): boolean {
  for (let index = 1; index < changes.length; index++) {
    if (compareSeverity(changes[index - 1]!.severity, changes[index]!.severity) > 0) return false
  }
  return true
}

/** Equal hashes and the same path as written (a renamed path parameter may leave the hash alone). */
function unchangedPair(before: SnapshotOperation, after: SnapshotOperation, moved: boolean): boolean {
  return !moved && before.hash === after.hash && before.path === after.path
}

/**
 * An operation's hash covers its own definition, not the security schemes it names; a scheme
 * whose definition changed still has to be looked at for the operations that use it.
 */
function securitySchemesMatter(operation: SnapshotOperation, before: ApiSnapshot, after: ApiSnapshot): boolean {
  for (const requirement of operation.security ?? []) {
    for (const name of Object.keys(requirement)) {
      if (!sameJson(before.securitySchemes[name], after.securitySchemes[name])) return true
    }
  }
  return false
}

function diffOperationPair(
  { before, after, moved, rebased }: OperationPairing['pairs'][number],
  snapshots: { before: ApiSnapshot; after: ApiSnapshot },
  differ: SchemaDiffer,
  causes: ComponentCauses,
  locations: ReachLocations,
): OperationChanges {
  const changes = new OperationChanges(after.key, differ.walk, causes, locations)
  if (!moved && before.ownHash !== undefined && before.ownHash === after.ownHash && before.path === after.path) {
    // Only schemas it references changed (the common case of a shared component change).
    compareReachedComponents(after, changes)
    if (securitySchemesMatter(after, snapshots.before, snapshots.after)) compareSecurity(before, after, snapshots, changes)
    return changes
  }
  compareOperation(before, after, { moved, rebased: rebased === true }, changes)
  compareOperationMetadata(before, after, changes)
  compareParameters(before, after, moved, changes)
  compareRequestBody(before, after, changes)
  compareResponses(before, after, changes)
  compareSecurity(before, after, snapshots, changes)
  return changes
}
