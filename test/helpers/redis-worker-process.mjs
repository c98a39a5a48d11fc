// One worker instance of a shared set of sources, as a host would run it on another machine.
// Runs the built entry (dist/redis.js). Prints "ready" once its worker runs, then "changes <sourceId>"
// for every changes:detected it hears; SIGTERM disposes it (waiting for its syncs) and exits.
import { createRedisLiveSync } from '../../dist/redis.js'

const { REDIS_PORT, QUEUE, WORKER_NAME, LOCK_MS, CONCURRENCY } = process.env
const instance = await createRedisLiveSync({
  connection: { host: '127.0.0.1', port: Number(REDIS_PORT) },
  queueName: QUEUE,
  worker: {
    concurrency: Number(CONCURRENCY ?? 20),
    lockDuration: Number(LOCK_MS ?? 30000),
    // The spec server tells the workers apart by this header; it is never stored in Redis.
    resolveHeaders: () => ({ 'x-worker': WORKER_NAME ?? 'worker' }),
    service: { retry: { retries: 0 } },
  },
})
instance.on('changes:detected', ({ sourceId }) => process.stdout.write(`changes ${sourceId}\n`))
instance.start()
process.stdout.write('ready\n')
process.once('SIGTERM', () => {
  instance.dispose().then(
    () => process.exit(0),
    () => process.exit(1),
  )
})
