import type { SnapshotOperation } from '../../model/snapshot.js'
import { canonicalValue } from './canonical-value.js'
import type { OpenApiFamily } from './context.js'
import { getOwn, type JsonObject } from './own.js'

/**
 * What an operation declares that has no field of its own in the snapshot, for
 * `SnapshotOperation.extra`: the `externalDocs` it links to and (OpenAPI 3) the `servers` it is
 * served from, its own or else its path item's, written out as the document has them (variables,
 * descriptions and all). Undefined when there is neither.
 */
export function operationExtras(operation: JsonObject, pathItem: JsonObject, family: OpenApiFamily): Record<string, unknown> | undefined {
  const externalDocs = getOwn(operation, 'externalDocs')
  const servers = family === '2.0' ? undefined : (getOwn(operation, 'servers') ?? getOwn(pathItem, 'servers'))
  if (externalDocs === undefined && servers === undefined) return undefined
  // Keys inserted in sorted order, like every snapshot object.
  const extra: Record<string, unknown> = {}
  if (externalDocs !== undefined) extra['externalDocs'] = canonicalValue(externalDocs, 1)
  if (servers !== undefined) extra['servers'] = canonicalValue(servers, 1)
  return extra
}

/** The OpenAPI format's data in `SnapshotOperation.extra` (written by {@link operationExtras}), typed. */
export interface OpenApiOperationExtras {
  /** The operation's `externalDocs`, as the document has it. */
  externalDocs?: unknown
  /** (OpenAPI 3) the `servers` the operation is served from, its own or its path item's, as the document has them. */
  servers?: readonly unknown[]
}

/** A typed view of an OpenAPI operation's `extra`, for readers outside the format (collections). */
export function openApiOperationExtras(operation: Pick<SnapshotOperation, 'extra'>): OpenApiOperationExtras {
  const extra = operation.extra ?? {}
  const view: OpenApiOperationExtras = {}
  if (extra['externalDocs'] !== undefined) view.externalDocs = extra['externalDocs']
  if (Array.isArray(extra['servers'])) view.servers = extra['servers']
  return view
}
