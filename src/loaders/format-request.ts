import { defaultFormats } from '../formats/default-formats.js'
import { FormatRegistry } from '../formats/format-registry.js'
import type { SpecFormat } from '../formats/types.js'
import type { PreparedRequest } from '../model/loader.js'
import type { LiveSourceConfig } from '../model/source-config.js'

/** Chooses the request for a source; `undefined` means a plain `GET`. */
export type RequestForSource = (source: LiveSourceConfig) => PreparedRequest | undefined

/**
 * The request every HTTP loader sends for a `url` source: the one its format asks for
 * (`SpecFormat.request`, e.g. the GraphQL introspection POST), else `undefined` (a plain `GET`).
 * `formats` are added to the built-in ones, replacing them by `type`, as the service does.
 */
export function formatRequests(formats: readonly SpecFormat[] = []): RequestForSource {
  const registry = new FormatRegistry([...defaultFormats(), ...formats])
  return (source) => (source.url === undefined ? undefined : registry.find(source.type)?.request?.(source))
}
