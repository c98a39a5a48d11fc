import { afterEach } from 'vitest'
import { startTestServer, type TestRequestHandler, type TestServer } from './http-server.js'

/** Servers `serve` started, closed after each test of a file that imports this module. */
const servers: TestServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** A local server closed after the current test. */
export async function serve(handler?: TestRequestHandler): Promise<TestServer> {
  const server = await startTestServer(handler)
  servers.push(server)
  return server
}
