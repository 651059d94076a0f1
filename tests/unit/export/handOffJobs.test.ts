// The page's hand-off jobs (src/export/handOffJobs.ts) run in Node as in the export worker: the
// Brian2 zip holds the runner's folder (the same bytes as brian2ExportFiles of the same network),
// and a bad configuration is refused naming its field before anything is built.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { presetConfig, withNeurons } from '../../../src/core/presets';
import { Simulation } from '../../../src/core/simulation';
import { brian2ExportFiles } from '../../../src/export/brian2/brian2Export';
import { brian2Job, zipFolder } from '../../../src/export/handOffJobs';

describe('hand-off jobs', () => {
  it('zips the Brian2 folder of the network as built, byte for byte', async () => {
    const config = withNeurons(presetConfig('sheet'), 300);
    const stages: string[] = [];
    const zip = await brian2Job(config, (s) => stages.push(s));
    const files = unzipSync(zip);
    const expected = brian2ExportFiles(Simulation.create(config).network);
    expect(Object.keys(files).sort()).toEqual(expected.map((f) => `mg-gate-brian2/${f.path}`).sort());
    for (const f of expected) {
      if (f.path === 'network.json') continue; // carries no time, but compare parsed to be safe
      expect(Buffer.from(files[`mg-gate-brian2/${f.path}`]).equals(Buffer.from(f.bytes))).toBe(true);
    }
    expect(JSON.parse(new TextDecoder().decode(files['mg-gate-brian2/network.json']))).toEqual(JSON.parse(new TextDecoder().decode(expected.find((f) => f.path === 'network.json')!.bytes)));
    expect(stages[0]).toMatch(/^building the network \(300 neurons/);
  });

  it('refuses a bad configuration naming the field, and a path that leaves the folder', async () => {
    const config = { ...withNeurons(presetConfig('sheet'), 300), dtMs: -1 };
    await expect(brian2Job(config)).rejects.toThrow(/dtMs/);
    expect(() => zipFolder('x', [{ path: '../evil.py', bytes: new Uint8Array(1) }])).toThrow('bad file path ../evil.py');
  });
});
