import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { generateCollection, toHoppscotchCollection, toHoppscotchEnvironment, toPostmanCollection } from '../src/collections/index.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { writeBrunoCollection } from './helpers/bruno-collection.js'
import { BRU, bruAvailable, HOPP, hoppAvailable, hoppSkipNote, NODE_22, requireInCi, run } from './helpers/client-tools.js'
import { runNewman } from './helpers/run-newman.js'
import { startRouteServer, type RouteServer } from './helpers/spec-routes.js'

// Issue 12: generated collections run as they are in the users' clients. Each client runs the
// export once per spec against a local server with a route per operation; a request that reaches
// no route (a literal `:id`, `{id}`, an empty segment, `//`) is a request that fails for a user.

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname

async function fixtureSnapshot(file: string): Promise<ApiSnapshot> {
  const { snapshot } = await openapiFormat.normalize(readFileSync(FIXTURES + file, 'utf8'), { sourceId: file })
  return { ...snapshot, fingerprint: file }
}

const SPECS = ['petstore3-swagger-3.0.yaml', 'museum-3.1.2024-11.yaml']

let server: RouteServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('newman runs the Postman export', () => {
  it.each(SPECS)('%s: every request reaches a route', async (file) => {
    const snapshot = await fixtureSnapshot(file)
    server = await startRouteServer(snapshot)
    const collection = generateCollection(snapshot)
    const sent = await runNewman(toPostmanCollection(collection), server.baseUrlValues(collection.variables ?? {}))
    expect(sent).toHaveLength(snapshot.operations.length)
    expect(sent.filter((request) => request.status === undefined).map((request) => `${request.method} ${request.url}`), 'requests that never reached the server').toEqual([])
    expect(server.unrouted().map((request) => `${request.method} ${request.url}`)).toEqual([])
  })
})

describe.skipIf(!hoppAvailable)(`the Hoppscotch CLI runs the Hoppscotch export${hoppSkipNote}`, () => {
  it.each(SPECS)('%s: hopp test reaches a route with every request, through the environment file', { timeout: 120_000 }, async (file) => {
    const snapshot = await fixtureSnapshot(file)
    server = await startRouteServer(snapshot)
    const collection = generateCollection(snapshot)
    const environment = toHoppscotchEnvironment(collection)
    const local = server.baseUrlValues(collection.variables ?? {})
    for (const variable of environment.variables) {
      const value = local[variable.key]
      if (value !== undefined) Object.assign(variable, { initialValue: value, currentValue: value })
    }
    const dir = mkdtempSync(join(tmpdir(), 'hopp-'))
    try {
      writeFileSync(join(dir, 'collection.json'), JSON.stringify(toHoppscotchCollection(collection)))
      writeFileSync(join(dir, 'env.json'), JSON.stringify(environment))
      const result = await run(NODE_22, [HOPP, 'test', 'collection.json', '-e', 'env.json'], dir)
      expect(result.stderr + result.stdout).not.toMatch(/MALFORMED|INVALID_/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    expect(server.requests).toHaveLength(snapshot.operations.length)
    expect(server.unrouted().map((request) => `${request.method} ${request.url}`)).toEqual([])
  })
})

describe.skipIf(!bruAvailable)('Bruno runs the Postman export after its own Postman import (skipped: @usebruno/cli not installed)', () => {
  it.each(SPECS)('%s: bru run reaches a route with every request', { timeout: 180_000 }, async (file) => {
    const snapshot = await fixtureSnapshot(file)
    server = await startRouteServer(snapshot)
    const collection = generateCollection(snapshot)
    const dir = mkdtempSync(join(tmpdir(), 'bru-'))
    try {
      await writeBrunoCollection(toPostmanCollection(collection), dir)
      const variables = Object.entries(server.baseUrlValues(collection.variables ?? {})).flatMap(([key, value]) => ['--env-var', `${key}=${value}`])
      const result = await run(process.execPath, [BRU, 'run', ...variables], dir, 150_000)
      expect(result.stderr).not.toMatch(/error/i)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    expect(server.requests).toHaveLength(snapshot.operations.length)
    expect(server.unrouted().map((request) => `${request.method} ${request.url}`)).toEqual([])
  })
})

requireInCi(hoppAvailable, 'The Hoppscotch CLI (test/clients)')
