/**
 * HDF5 files built in memory with h5wasm (HDF5 compiled to WebAssembly), returned as bytes. The same
 * code runs in Node, in the page and in a worker: h5wasm's ESM build (what `import('h5wasm')`
 * resolves to everywhere) keeps its files in emscripten's in-memory filesystem, so nothing here
 * touches a disk — a Node wrapper writes the bytes (src/export/nwb/node.ts), the page offers them
 * as a download. Loaded on first use: the module is 4 MB (the wasm binary is embedded) and the
 * page should not pay for it unless it exports. Under a Content-Security-Policy it needs
 * 'wasm-unsafe-eval' and nothing more (tests/export/h5wasm-csp.mjs).
 *
 * h5wasm reports most HDF5 failures by printing HDF5's diagnostics and returning null; the helpers
 * below turn that into an ExportError naming the object, so a broken export never passes silently.
 */
import type { Dataset, Group, File as H5File } from 'h5wasm';

type H5wasm = (typeof import('h5wasm'))['default'];

/** An export that cannot be written: `field` names the input field (or flag) at fault. */
export class ExportError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ExportError';
  }
}

let loading: Promise<H5wasm> | null = null;

/** h5wasm, loaded and initialised once per thread. */
export function loadH5wasm(): Promise<H5wasm> {
  loading ??= import('h5wasm').then(async (m) => {
    await m.default.ready;
    return m.default;
  });
  return loading;
}

let fileCount = 0;

/**
 * Builds one HDF5 file with `fill` (synchronous: HDF5 calls are) and returns its bytes. The file
 * lives in the in-memory filesystem only while it is built; a unique name per call keeps two
 * exports on one thread apart.
 */
export async function buildHdf5(what: string, fill: (file: H5File) => void): Promise<Uint8Array> {
  const h5 = await loadH5wasm();
  const { FS } = await h5.ready;
  const path = `/mg-gate-export-${++fileCount}.h5`;
  const file = new h5.File(path, 'w');
  try {
    try {
      fill(file);
    } finally {
      file.close();
    }
    return FS.readFile(path);
  } catch (error) {
    if (error instanceof ExportError) throw error;
    throw new ExportError(what, `HDF5 could not write it (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    try {
      FS.unlink(path);
    } catch {
      // never created: nothing to remove
    }
  }
}

/** A new group `name` under `parent`; throws if HDF5 refused it. */
export function addGroup(parent: Group, name: string): Group {
  const group = parent.create_group(name);
  if (!group) throw new ExportError(`${parent.path}/${name}`, 'HDF5 could not create this group');
  return group;
}

/** Data a dataset or attribute may hold here: typed arrays, numbers, strings (UTF-8, variable length). */
export type H5Data = Float64Array | Float32Array | Uint32Array | Int32Array | Uint8Array | BigUint64Array | number | string | string[];

/** A new dataset `name` under `parent`; `dtype` as h5wasm spells it ('<d', '<f', '<I', '<i', '<Q'). */
export function addDataset(parent: Group, name: string, data: H5Data, dtype?: string): Dataset {
  const dataset = parent.create_dataset({ name, data, dtype: dtype ?? null });
  if (!dataset) throw new ExportError(`${parent.path}/${name}`, 'HDF5 could not create this dataset');
  return dataset;
}

/** Elements per chunk of a compressed dataset, and the length below which compressing is not worth a chunk index. */
const CHUNK_ELEMENTS = 65536;
const COMPRESS_MIN_ELEMENTS = 4096;
/**
 * gzip level 4: measured here on 1.44 M edges (the 10k sheet) as fast to write as no compression
 * (0.8 vs 1.4 s, both noisy) and 10× smaller (5.8 vs 57.6 MB). Every HDF5 build reads it (deflate).
 */
const GZIP_LEVEL = 4;

/** A long 1-D array as a chunked, gzip-compressed dataset (short ones stay contiguous). */
export function addArray(parent: Group, name: string, data: Float64Array | Uint32Array | Int32Array | BigUint64Array): Dataset {
  if (data.length < COMPRESS_MIN_ELEMENTS) return addDataset(parent, name, data);
  const dataset = parent.create_dataset({ name, data, chunks: [Math.min(CHUNK_ELEMENTS, data.length)], compression: GZIP_LEVEL });
  if (!dataset) throw new ExportError(`${parent.path}/${name}`, 'HDF5 could not create this dataset');
  return dataset;
}

/** Attributes on a group or dataset; a number becomes float64 unless `dtypes` names another type. */
export function addAttributes(
  target: Group | Dataset,
  attributes: Record<string, H5Data | import('h5wasm').Reference>,
  dtypes: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(attributes)) {
    const dtype = dtypes[name] ?? (typeof value === 'number' ? '<d' : null);
    target.create_attribute(name, value, null, dtype);
  }
}

/**
 * uint64 copies of 32-bit ids without a BigInt per element: each id becomes the low word of a
 * little-endian 64-bit integer (both h5wasm's memory and HDF5's '<Q' are little-endian).
 */
export function toUint64(values: ArrayLike<number>): BigUint64Array {
  const words = new Uint32Array(values.length * 2);
  for (let k = 0; k < values.length; k++) words[2 * k] = values[k];
  return new BigUint64Array(words.buffer);
}
