import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const REPO = join(import.meta.dirname, '..', '..')

/** The page's script and the files it was built from (relative to the repository). */
export interface PageBundle {
  script: string
  inputs: string[]
}

/**
 * Bundles test/browser/page.ts for a browser the way an app's bundler would: `api-live-sync` resolves
 * through the package's own `exports` (browser conditions) to the built dist/, not to src/.
 */
export async function bundlePage(): Promise<PageBundle> {
  if (!existsSync(join(REPO, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` before the browser test')
  const result = await build({
    absWorkingDir: REPO,
    entryPoints: [join(REPO, 'test', 'browser', 'page.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const [output] = result.outputFiles
  if (output === undefined) throw new Error('esbuild produced no bundle for test/browser/page.ts')
  return { script: output.text, inputs: Object.keys(result.metafile.inputs) }
}
