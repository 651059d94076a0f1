/** One file of a folder export (Brian2, NEST/SONATA): written by the runner, zipped by the page. */
export interface ExportedFile {
  /** relative to the export folder, '/'-separated */
  path: string;
  bytes: Uint8Array;
}
