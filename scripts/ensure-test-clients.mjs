// Installs the API clients the collection tests run under Node 22 (test/clients: the released
// Hoppscotch CLI and a Node 22 binary from npm) from their own lock file, once: `npm test` then
// sets everything up on a fresh machine. They live apart so the root node_modules/.bin holds no
// second `node`.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const clients = fileURLToPath(new URL('../test/clients/', import.meta.url))
if (!existsSync(new URL('../test/clients/node_modules/.package-lock.json', import.meta.url))) {
  process.stderr.write('Installing the test clients (test/clients) from their lock file...\n')
  execFileSync('npm', ['ci', '--prefix', clients, '--no-audit', '--no-fund'], { stdio: 'inherit' })
}
