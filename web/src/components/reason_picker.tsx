// Choosing decision reasons without the mouse: a filter box that keeps focus while typing narrows the
// list (code or text in the current language), ↑ ↓ move the highlighted reason, Space selects or
// clears it. Enter and Escape are left to the surrounding panel (confirm / cancel). ARIA: a
// combobox-controlled multi-select listbox with aria-activedescendant.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ReasonInfo } from '../api/review_types';
import { useI18n } from '../i18n/i18n_context';
import { filterReasons, reasonHint, reasonMessage } from '../review/reason_filter';

interface Props {
  reasons: readonly ReasonInfo[];
  selected: readonly string[];
  onToggle: (code: string) => void;
  error?: string | null;
  autoFocus?: boolean;
}

export function ReasonPicker({ reasons, selected, onToggle, error = null, autoFocus = true }: Props) {
  const { t, locale } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement | null>(null);
  const visible = useMemo(() => filterReasons(reasons, query, locale), [reasons, query, locale]);
  const activeReason = visible[Math.min(active, visible.length - 1)];

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    document.getElementById(`${id}-opt-${activeReason?.code ?? ''}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeReason, id]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (visible.length === 0) return;
      const delta = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => Math.max(0, Math.min(visible.length - 1, Math.min(a, visible.length - 1) + delta)));
    } else if (event.key === ' ') {
      event.preventDefault();
      if (activeReason !== undefined) onToggle(activeReason.code);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : Math.max(0, visible.length - 1));
    }
  };

  const errorId = `${id}-error`;
  return (
    <div className={error !== null ? 'reasons reasons--invalid' : 'reasons'}>
      <label className="field__label" htmlFor={`${id}-filter`}>
        {t('decision.filter')}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t('decision.filterHint')}
      </p>
      <input
        ref={input}
        id={`${id}-filter`}
        className="field__input"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={activeReason !== undefined ? `${id}-opt-${activeReason.code}` : undefined}
        aria-describedby={`${id}-hint${error !== null ? ` ${errorId}` : ''}`}
        aria-invalid={error !== null ? true : undefined}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value.replace(/ /g, ''));
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-testid="reason-filter"
      />
      <p className="reasons__count" aria-live="polite">
        {t('decision.selected', { count: selected.length })}
      </p>
      <ul id={`${id}-list`} className="reasons__list" role="listbox" aria-multiselectable="true" aria-label={t('decision.reasons')}>
        {visible.map((reason, i) => {
          const isSelected = selected.includes(reason.code);
          const isActive = activeReason?.code === reason.code;
          return (
            <li
              key={reason.code}
              id={`${id}-opt-${reason.code}`}
              role="option"
              aria-selected={isSelected}
              data-code={reason.code}
              className={['reasons__option', isActive ? 'reasons__option--active' : '', isSelected ? 'reasons__option--selected' : ''].join(' ').trim()}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setActive(i);
                onToggle(reason.code);
                input.current?.focus();
              }}
            >
              <span className="reasons__check" aria-hidden="true">
                {isSelected ? '☑' : '☐'}
              </span>
              <span className="reasons__text">
                <span className="reasons__message">{reasonMessage(reason, locale)}</span>
                <span className="reasons__hint">{reasonHint(reason, locale)}</span>
              </span>
              <code className="reasons__code">{reason.code}</code>
            </li>
          );
        })}
      </ul>
      {visible.length === 0 ? <p className="muted">{t('decision.noMatch')}</p> : null}
      <p className="field__error" id={errorId}>
        {error}
      </p>
    </div>
  );
}
