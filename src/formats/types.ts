import type { ChangeSet, DiffOptions } from '../model/change.js'
import type { SourceType } from '../model/identity.js'
import type { PreparedRequest } from '../model/loader.js'
import type { ApiSnapshot, NormalizedDocument } from '../model/snapshot.js'
import type { LiveSourceConfig } from '../model/source-config.js'


export interface ParseContext {
  sourceId: string
  /** Content type the server sent, used to pick JSON or YAML. */
  contentType?: string | undefined
  /**
   * The JSON or YAML value of `text`, when the caller already parsed it (to detect its type):
   * formats that read JSON or YAML use it instead of parsing the text again. Read only.
   */
  parsed?: unknown
  /**
   * Aborts a long normalization at its next turn of the event loop (the format's work then rejects
   * with the signal's reason): the service passes its sync's, so a cancelled sync stops early.
   */
  signal?: AbortSignal | undefined
}

/** A pluggable API definition format. */
export interface SpecFormat {
  readonly type: SourceType
  /** Parses and normalizes a document. Throws `ParseError` for syntax errors and `InvalidSpecError` for documents of another kind. */
  normalize(text: string, context: ParseContext): Promise<NormalizedDocument>
  /**
   * The request that loads a `url` source of this format, when a plain `GET` is not enough (the
   * GraphQL format asks an endpoint with the introspection POST). Every HTTP loader asks it.
   * @default none: `GET`
   */
  request?(source: LiveSourceConfig): PreparedRequest | undefined
  /** Compares two snapshots of this format. */
  diff(before: ApiSnapshot, after: ApiSnapshot, options?: DiffOptions): ChangeSet
}
