// A visible keyboard-shortcut hint ("N") inside or beside a control. Hidden from screen readers:
// the control itself carries aria-keyshortcuts, which assistive technology announces.
export function Kbd({ k }: { k: string }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {k.length === 1 ? k.toUpperCase() : k}
    </kbd>
  );
}
