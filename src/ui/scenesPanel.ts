/**
 * The preset buttons (SCENES) and the "what to look for" text of the one in force, beside the views
 * (#caption). A button is pressed (aria-pressed) while the running network and its ions are that
 * scene's. The text's box keeps the height of the longest text (every text laid in the same grid
 * cell, the others invisible), so a change of preset moves nothing on the page.
 */
import { describeSceneIons, SCENES, sceneOf } from './scenes';
import type { Scene, SceneIons } from './scenes';

const CUSTOM_TEXT =
  'Between presets: drag [Mg]o (or press ↑/↓), the bath’s K⁺ or Ca²⁺ and watch the block curve, the rate, [K⁺]o and the sheet follow. Presets 1–6 change only the ions; 7 rebuilds the network.';

export class ScenesPanel {
  private readonly buttons = new Map<Scene['id'], HTMLButtonElement>();
  private readonly look: HTMLElement;

  constructor(doc: Document, onChoose: (scene: Scene) => void) {
    const host = doc.getElementById('scenes')!;
    this.look = doc.getElementById('scene-look')!;
    for (const text of [...SCENES.map((s) => s.lookFor), CUSTOM_TEXT]) {
      const sizer = doc.createElement('p');
      sizer.className = 'look-for look-sizer';
      sizer.setAttribute('aria-hidden', 'true');
      sizer.textContent = text;
      this.look.after(sizer);
    }
    for (const scene of SCENES) {
      const button = doc.createElement('button');
      button.type = 'button';
      button.dataset.scene = scene.id;
      button.setAttribute('aria-pressed', 'false');
      button.setAttribute('aria-keyshortcuts', scene.key);
      button.setAttribute('aria-label', `${scene.name}, ${describeSceneIons(scene)}`);
      const key = doc.createElement('kbd');
      key.textContent = scene.key;
      key.setAttribute('aria-hidden', 'true');
      const name = doc.createElement('span');
      name.className = 'scene-name';
      name.textContent = scene.name;
      // presentation mode shows the short name (style.css), so five fit in one row of large type
      const short = doc.createElement('span');
      short.className = 'scene-short';
      short.textContent = scene.short;
      const value = doc.createElement('span');
      value.className = 'scene-value';
      value.textContent = describeSceneIons(scene);
      button.append(key, name, short, value);
      button.addEventListener('click', () => onChoose(scene));
      host.append(button);
      this.buttons.set(scene.id, button);
    }
  }

  /** Marks the scene that the network and its ions amount to, and shows what to look for. */
  show(state: SceneIons): void {
    const scene = sceneOf(state);
    for (const [id, button] of this.buttons) button.setAttribute('aria-pressed', String(scene?.id === id));
    const text = scene ? scene.lookFor : CUSTOM_TEXT;
    if (this.look.textContent !== text) this.look.textContent = text;
    this.look.dataset.scene = scene?.id ?? 'custom';
  }
}
