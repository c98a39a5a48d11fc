// The collection model lives in `src/model/collection.ts` (issue 10): re-exported here while importers move.
export type * from '../model/collection.js'
