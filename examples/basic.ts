/**
 * A runnable tour: serves an OpenAPI document from a tiny local server, registers it with a
 * LiveSyncService, changes the document twice, and prints the events as they arrive.
 *
 *   npx tsx examples/basic.ts
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { LiveSyncService, SyncEvents } from '../src/index.js'

const versions = [
  {
    openapi: '3.0.3',
    info: { title: 'Pets', version: '1.0.0' },
    paths: {
      '/pets': { get: { operationId: 'listPets', parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }], responses: { '200': { description: 'ok' } } } },
      '/pets/{petId}': { get: { operationId: 'getPet', parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'ok' } } } },
    },
  },
]
// Version 2 adds an endpoint; version 3 makes `limit` required and removes GET /pets/{petId}.
versions.push(structuredClone(versions[0]!))
;(versions[1]!.paths as Record<string, unknown>)['/pets/{petId}/photos'] = { post: { operationId: 'addPhoto', responses: { '201': { description: 'created' } } } }
versions.push(structuredClone(versions[1]!))
versions[2]!.paths['/pets'].get.parameters[0] = { name: 'limit', in: 'query', required: true, schema: { type: 'integer' } } as never
delete (versions[2]!.paths as Record<string, unknown>)['/pets/{petId}']

let current = 0
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' })
  response.end(JSON.stringify(versions[current]))
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`

const service = new LiveSyncService()
service.on(SyncEvents.SOURCE_ADDED, ({ sourceId }) => console.log(`source:added      ${sourceId}`))
service.on(SyncEvents.SYNC_STARTED, ({ sourceId, trigger }) => console.log(`sync:started      ${sourceId} (${trigger})`))
service.on(SyncEvents.CHANGES_DETECTED, ({ changes }) => {
  console.log(`changes:detected  +${changes.summary.added} -${changes.summary.removed} ~${changes.summary.modified}, ${changes.summary.breaking} breaking`)
  for (const change of changes.changes) console.log(`  [${change.severity}] ${change.message}`)
})
service.on(SyncEvents.SYNC_COMPLETED, (result) => console.log(`sync:completed    changed=${result.changesDetected} in ${result.durationMs} ms`))
service.on(SyncEvents.SYNC_FAILED, (result) => console.log(`sync:failed       ${result.error?.code}: ${result.error?.message}`))

await service.addSource({ id: 'pets', name: 'Pets API', type: 'openapi', url, refreshInterval: 0 })
await service.syncSource('pets')
for (const next of [1, 2]) {
  current = next
  console.log(`\n-- the server now serves version ${next + 1} --`)
  await service.syncSource('pets')
}
console.log('\n-- unchanged document --')
await service.syncSource('pets')

await service.dispose()
server.close()
