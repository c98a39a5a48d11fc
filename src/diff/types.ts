// The change types live in `src/model/change.ts` (issue 10): re-exported here while importers move.
export type * from '../model/change.js'
