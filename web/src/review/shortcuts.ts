// Single-key shortcuts for the staff pages ("n" next case, "a" approve, "+" zoom in, …). A key is
// ignored while the person types in a field, while a modal dialog is open, or with Ctrl/Alt/Meta
// held, so shortcuts never steal text or browser commands. UI-thread only.
import { useLayoutEffect, useRef } from 'react';

export type ShortcutMap = Readonly<Record<string, (() => void) | undefined>>;

/** True for elements whose keystrokes are text: inputs (except buttons/checkboxes), selects, textareas, editables. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'file'].includes(type);
}

/** "+" and "=" (the unshifted key of "+" on most layouts) both zoom in; letters compare lower-case. */
export function shortcutKey(event: Pick<KeyboardEvent, 'key'>): string {
  if (event.key === '=') return '+';
  if (event.key === '_') return '-';
  return event.key.length === 1 ? event.key.toLowerCase() : event.key;
}

/** The action a keydown triggers, or null (typing, modifiers, an open dialog, no such shortcut). */
export function shortcutFor(event: KeyboardEvent, map: ShortcutMap): (() => void) | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  if (isTypingTarget(event.target)) return null;
  if (document.querySelector('dialog[open]') !== null) return null;
  return map[shortcutKey(event)] ?? null;
}

/**
 * Listens on the document while mounted; the newest map is always used (no stale closures). The
 * listener is attached in the commit itself (layout effect), so a key pressed as soon as the page
 * shows already works.
 */
export function useShortcuts(map: ShortcutMap, enabled = true): void {
  const latest = useRef(map);
  latest.current = map;
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event, latest.current);
      if (action === null) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
