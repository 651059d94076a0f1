/**
 * Events the page dispatches on its document for whoever waits on its start-up (a test, an
 * embedding page). Kept apart from app.ts so that a test in Node can name them without loading the
 * page's bundle.
 */

/** The page has read its address: parsed, rewritten, any notice shown (src/ui/app.ts startApp). */
export const ADDRESS_READ_EVENT = 'mg-gate:address-read';
