/// <reference path="../../shaders/shaders.d.ts" />
/**
 * The shader sources in shaders/, imported as strings, and the quad every custom-shaded view draws.
 */
import { Mesh, MeshGeometry } from 'pixi.js';
import type { Shader } from 'pixi.js';
import quadVert from '../../shaders/quad.vert?raw';
import rasterFrag from '../../shaders/raster.frag?raw';
import sheetFrag from '../../shaders/sheet.frag?raw';

export { quadVert, rasterFrag, sheetFrag };

/** A rectangle mesh with UVs 0..1 drawn by a custom shader; resize it with setQuadSize. */
export function quadMesh(shader: Shader): Mesh<MeshGeometry, Shader> {
  const geometry = new MeshGeometry({
    positions: new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]),
    uvs: new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]),
    indices: new Uint32Array([0, 1, 2, 0, 2, 3]),
    topology: 'triangle-list',
  });
  return new Mesh({ geometry, shader });
}

export function setQuadSize(mesh: Mesh<MeshGeometry, Shader>, width: number, height: number): void {
  const p = mesh.geometry.positions;
  p[2] = width;
  p[4] = width;
  p[5] = height;
  p[7] = height;
  mesh.geometry.getBuffer('aPosition').update();
}
