// The `api-live-sync/node` entry: Node-only additions to the main entry. A plain list of exports.

export { createFileLoader } from './file-loader.js'
export { createNodeLoader } from './node-loader.js'
export type { NodeLoaderOptions } from './node-loader.js'
export { createFileWatcher } from './file-watcher.js'
export type { FileWatcherOptions } from './file-watcher.js'
export { fileStore } from './file-store.js'
export { postmanFileTarget } from './postman-file-target.js'
