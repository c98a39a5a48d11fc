import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { formatBytes, type BenchRow } from './harness.js'
import { SPECS_DIR } from './fixtures.js'

const POLLS = 20

/**
 * Body bytes a server sends for unchanged polls when it supports ETags: the service sends
 * If-None-Match from the last good response, so every unchanged poll should be a bodiless 304.
 */
export async function benchEtagPoll(): Promise<BenchRow[]> {
  const file = join(SPECS_DIR, 'stripe.2022-04-12.json')
  const document = existsSync(file) ? readFileSync(file) : Buffer.from(JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: {} }))
  let bodyBytes = 0
  const server = createServer((request, response) => {
    if (request.headers['if-none-match'] === '"v1"') {
      response.writeHead(304, { etag: '"v1"' }).end()
      return
    }
    bodyBytes += document.byteLength
    response.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' }).end(document)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`
  const service = new LiveSyncService()
  await service.addSource({ id: 'etag', name: 'ETag server', type: 'openapi', url, refreshInterval: 0 })
  await service.syncSource('etag')
  const firstBytes = bodyBytes
  for (let poll = 0; poll < POLLS; poll++) await service.syncSource('etag')
  const unchangedBytes = bodyBytes - firstBytes
  await service.dispose()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return [
    {
      benchmark: `body bytes read by ${POLLS} unchanged polls of an ETag-capable server`,
      measured: formatBytes(unchangedBytes),
      baseline: `${formatBytes(firstBytes)} first sync`,
      ratio: unchangedBytes / firstBytes,
      goal: '== 0',
    },
  ]
}
