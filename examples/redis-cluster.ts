/**
 * Several instances sharing sources through Redis and BullMQ, in one process for the demo (in
 * production each runs on its own machine): a worker instance runs the syncs, a dashboard instance
 * runs none, and both hear every event once. Needs a Redis server:
 *
 *   redis-server --port 6390 --save '' --appendonly no &
 *   REDIS_URL=redis://127.0.0.1:6390 npx tsx examples/redis-cluster.ts
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRedisLiveSync } from '../src/redis/index.js'

const connection = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const token = 'Bearer demo-token' // a secret: never stored in Redis, each worker resolves it itself

let version = 1
const server = createServer((request, response) => {
  if (request.headers.authorization !== token) return void response.writeHead(401).end()
  const paths: Record<string, unknown> = { '/pets': { get: { responses: { '200': { description: 'ok' } } } } }
  if (version > 1) paths['/pets/{id}'] = { delete: { responses: { '204': { description: 'gone' } } } }
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: String(version) }, paths }))
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`

const queueName = `example-${process.pid}`
const worker = await createRedisLiveSync({
  connection,
  queueName,
  worker: { concurrency: 4, resolveHeaders: (sourceId) => (sourceId === 'pets' ? { Authorization: token } : undefined) },
})
const dashboard = await createRedisLiveSync({ connection, queueName, worker: false })
for (const [name, instance] of [['worker', worker], ['dashboard', dashboard]] as const) {
  instance.on('changes:detected', ({ sourceId, changes }) => console.log(`[${name}] ${sourceId}: ${changes.changes.map((change) => change.message).join('; ')}`))
}
worker.start()

// Every instance may register its sources at boot: the identical config is accepted again.
const pets = { id: 'pets', name: 'Pets', type: 'openapi' as const, url, refreshInterval: 60_000 }
await dashboard.addSource(pets)
await worker.addSource(pets)

const first = await dashboard.syncSource('pets') // runs on the worker, resolves here
console.log(`first sync: ${first.status}, ${first.changes?.summary.added ?? 0} operations added`)
version = 2
const second = await dashboard.syncSource('pets')
console.log(`second sync: ${second.status}, breaking: ${second.changes?.summary.breaking ?? 0}`)
console.log('status seen by the dashboard:', dashboard.getSourceStatus('pets').status)

await dashboard.removeSource('pets')
await Promise.all([worker.dispose(), dashboard.dispose()])
server.close()
