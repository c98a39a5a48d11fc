import type { ChangeSet, DiffOptions } from '../model/change.js'
import type { SourceType } from '../model/identity.js'
import type { ApiSnapshot, NormalizedDocument } from '../model/snapshot.js'


export interface ParseContext {
  sourceId: string
  /** Content type the server sent, used to pick JSON or YAML. */
  contentType?: string | undefined
  /**
   * The JSON or YAML value of `text`, when the caller already parsed it (to detect its type):
   * formats that read JSON or YAML use it instead of parsing the text again. Read only.
   */
  parsed?: unknown
}

/** A pluggable API definition format. */
export interface SpecFormat {
  readonly type: SourceType
  /** Parses and normalizes a document. Throws `ParseError` for syntax errors and `InvalidSpecError` for documents of another kind. */
  normalize(text: string, context: ParseContext): Promise<NormalizedDocument>
  /** Compares two snapshots of this format. */
  diff(before: ApiSnapshot, after: ApiSnapshot, options?: DiffOptions): ChangeSet
}
