import { afterEach, describe, expect, it } from 'vitest'
import { generateCollection, toPostmanCollection } from '../src/collections/index.js'
import { runNewman } from './helpers/run-newman.js'
import { sharedSnapshot, sharedSpecsPresent, sharedSpecsSkipNote } from './helpers/shared-specs.js'
import { startRouteServer, type RouteServer } from './helpers/spec-routes.js'

// Issue 12 on the large public specs (../shared): newman runs each Postman export once against a
// local server with a route per operation, and no request may reach no route.

const SPECS = ['github-api.2021-10.json', 'stripe.2022-04-12.json', 'kubernetes.v1.33.swagger.json']

let server: RouteServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe.skipIf(!sharedSpecsPresent)(`newman runs the Postman export of large specs${sharedSpecsSkipNote}`, () => {
  it.each(SPECS)('%s: every request reaches a route', { timeout: 180_000 }, async (file) => {
    const snapshot = await sharedSnapshot(file)
    server = await startRouteServer(snapshot)
    const collection = generateCollection(snapshot)
    const sent = await runNewman(toPostmanCollection(collection), server.baseUrlValues(collection.variables ?? {}))
    expect(sent).toHaveLength(snapshot.operations.length)
    expect(sent.filter((request) => request.status === undefined).map((request) => `${request.method} ${request.url}`), 'requests that never reached the server').toEqual([])
    const unrouted = server.unrouted().map((request) => `${request.method} ${request.url}`)
    expect({ unrouted: unrouted.length, first: unrouted.slice(0, 5) }).toEqual({ unrouted: 0, first: [] })
  })
})
