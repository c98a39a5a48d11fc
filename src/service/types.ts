// The sync result and status types live in `src/model/sync.ts` (issue 10): re-exported here while importers move.
export type * from '../model/sync.js'
