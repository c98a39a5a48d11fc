import type { Severity } from '../../../../model/change.js'

/**
 * Which way data flows through a schema. Clients write requests and read responses, so a
 * narrowing change breaks requests and a widening change breaks responses.
 */
export type Direction = 'request' | 'response'

/**
 * One difference found while comparing two schemas, located relative to the schema it was
 * compared from. The caller turns it into a `Change` by adding the operation, the location
 * prefix and a kind prefix (`schema-`, `request-parameter-`, `response-header-`).
 */
export interface SchemaFinding {
  /** Rule suffix, e.g. `type-changed`, `property-removed`, `enum-value-added`. */
  facet: string
  severity: Severity
  /** Segments from the compared schema to the node that changed (`['properties', 'id']`). */
  path: string[]
  /** What happened, as the end of a sentence: `type changed from string to integer`. */
  detail: string
  before?: unknown
  after?: unknown
  /** Pointer of the component schema the finding was made in, when it came through a `$ref`. */
  component?: string
}

/** A `$ref` pair met while comparing: the two components are compared on their own, once. */
export interface SchemaEdge {
  path: string[]
  before: string
  after: string
}

/** The differences of one comparison that do not cross a `$ref`, and the `$ref` pairs it met. */
export interface LocalComparison {
  findings: SchemaFinding[]
  edges: SchemaEdge[]
}
