import { defineConfig } from 'tsup'

export default defineConfig({
  // One build with code splitting, so the entries share one copy of each class (instanceof works
  // across `api-live-sync` and `api-live-sync/node`) and the main entry never pulls Node-only chunks.
  entry: { index: 'src/index.ts', node: 'src/node/index.ts', redis: 'src/redis/index.ts', testing: 'src/testing/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', node: 'src/node/index.ts', redis: 'src/redis/index.ts', testing: 'src/testing/index.ts' } },
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/, 'graphql', 'bullmq', 'ioredis'],
  treeshake: true,
})
