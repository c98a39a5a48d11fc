import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** Debian's Chromium, the browser the test drives (CI installs it with apt: see .ci/run). */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium'

/**
 * Flags for a quiet, offline headless run: no GPU, and none of the background services (updates,
 * sync, first-run pages) that would reach the network.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Debian's Chromium, or else a `chromium` / `chromium-browser` on PATH; `undefined` when there is none. */
export function findChromium(): string | undefined {
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean)
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of dirs) {
      const candidate = join(dir, name)
      if (existsSync(candidate)) return candidate
    }
  }
  return undefined
}
