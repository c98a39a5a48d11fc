import { afterEach } from 'vitest'
import { parseSourceConfig, type LiveSourceConfig } from '../../src/config/config.js'
import type { LoadRequest } from '../../src/model/loader.js'
import { startTestServer, type TestRequestHandler, type TestServer } from './http-server.js'

/** Shared set-up of the loader tests: servers closed after each test, unique sources, plain load requests. */

const servers: TestServer[] = []
let sourceCount = 0

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** A local server closed after the current test. */
export async function serve(handler: TestRequestHandler): Promise<TestServer> {
  const server = await startTestServer(handler)
  servers.push(server)
  return server
}

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
