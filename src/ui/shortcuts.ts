/**
 * Keyboard shortcuts for the lecture hall: Space play/pause, ↑/↓ [Mg]o ± 0.05 mM, 1–7 presets,
 * R reset, F full screen, P presentation mode, O performance overlay, C the caption, D describe,
 * L the guided lessons, ? the list of shortcuts.
 * They never fire while the user types in a field, uses a control that owns the key (Space on a
 * button, arrows on a slider or a menu), holds a modifier, or has a dialog open.
 */
export type ShortcutAction =
  | { kind: 'playPause' }
  | { kind: 'mgStep'; deltaMM: number }
  | { kind: 'scene'; key: string }
  | { kind: 'nextEvent' }
  | { kind: 'reset' }
  | { kind: 'fullscreen' }
  | { kind: 'presentation' }
  | { kind: 'overlay' }
  | { kind: 'caption' }
  | { kind: 'describe' }
  | { kind: 'lessons' }
  | { kind: 'help' };

export const MG_KEY_STEP_MM = 0.05;

/** The action of a key (KeyboardEvent.key), or null. */
export function actionOfKey(key: string): ShortcutAction | null {
  switch (key) {
    case ' ':
    case 'Spacebar':
      return { kind: 'playPause' };
    case 'ArrowUp':
      return { kind: 'mgStep', deltaMM: MG_KEY_STEP_MM };
    case 'ArrowDown':
      return { kind: 'mgStep', deltaMM: -MG_KEY_STEP_MM };
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
      return { kind: 'scene', key };
    case 'r':
    case 'R':
      return { kind: 'reset' };
    case 'n':
    case 'N':
      return { kind: 'nextEvent' };
    case 'f':
    case 'F':
      return { kind: 'fullscreen' };
    case 'p':
    case 'P':
      return { kind: 'presentation' };
    case 'o':
    case 'O':
      return { kind: 'overlay' };
    case 'c':
    case 'C':
      return { kind: 'caption' };
    case 'd':
    case 'D':
      return { kind: 'describe' };
    case 'l':
    case 'L':
      return { kind: 'lessons' };
    case '?':
      return { kind: 'help' };
    default:
      return null;
  }
}

/** Elements that own keys themselves: typing there (or Space on a button) is not a shortcut. */
export function ownsKeys(target: EventTarget | null, key: string): boolean {
  const el = target as (Element & { isContentEditable?: boolean }) | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable) return true;
  if ((key === ' ' || key === 'Enter') && (tag === 'button' || tag === 'summary' || tag === 'a')) return true;
  return typeof el.closest === 'function' && el.closest('dialog[open]') !== null;
}

/** The list of shortcuts (? or its button in the top bar): a modal dialog, closed with Esc. */
export function openShortcutsList(doc: Document): void {
  const dialog = doc.getElementById('shortcuts') as HTMLDialogElement | null;
  if (dialog && !dialog.open) dialog.showModal();
}

/** Listens for the shortcuts on the whole page, and wires the button that opens their list. */
export function installShortcuts(doc: Document, act: (action: ShortcutAction) => void): void {
  doc.getElementById('shortcuts-open')?.addEventListener('click', () => openShortcutsList(doc));
  doc.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (ownsKeys(event.target, event.key)) return;
    if (doc.querySelector('dialog[open]')) return;
    const action = actionOfKey(event.key);
    if (!action) return;
    event.preventDefault();
    act(action);
  });
}
