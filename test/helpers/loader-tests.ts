import { parseSourceConfig, type LiveSourceConfig } from '../../src/config/config.js'
import type { LoadRequest } from '../../src/model/loader.js'

/** Shared set-up of the loader tests: unique sources, plain load requests (their servers: ./serve.ts). */

let sourceCount = 0

/** A validated openapi source for `url`, with a unique id. */
export function sourceFor(url: string, headers?: Record<string, string>): LiveSourceConfig {
  sourceCount += 1
  return parseSourceConfig({
    id: `http-source-${sourceCount}`,
    name: 'HTTP test source',
    type: 'openapi',
    url,
    refreshInterval: 0,
    ...(headers === undefined ? {} : { headers }),
  })
}

export function loadRequest(overrides: Partial<LoadRequest> = {}): LoadRequest {
  return { signal: new AbortController().signal, maxBytes: 10 * 1024 * 1024, ...overrides }
}
