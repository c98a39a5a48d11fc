// The loader contract lives in `src/model/loader.ts` (issue 10): re-exported here while importers move.
export type * from '../model/loader.js'
