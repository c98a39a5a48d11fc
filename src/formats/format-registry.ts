import { InvalidSpecError } from '../errors/errors.js'
import type { SourceType } from '../model/identity.js'
import type { SpecFormat } from './types.js'

/** The formats a service can read, by source type; later entries replace earlier ones. */
export class FormatRegistry {
  readonly #formats = new Map<SourceType, SpecFormat>()

  constructor(formats: Iterable<SpecFormat>) {
    for (const format of formats) this.#formats.set(format.type, format)
  }

  /** The format of `type`, or `undefined` when none is registered. */
  find(type: SourceType): SpecFormat | undefined {
    return this.#formats.get(type)
  }

  get(type: SourceType, sourceId?: string): SpecFormat {
    const format = this.#formats.get(type)
    if (!format) {
      throw new InvalidSpecError(`No format is registered for type "${type}"${sourceId ? ` (source "${sourceId}")` : ''}`, { sourceId })
    }
    return format
  }
}
