import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n_context';
import { LoadedList } from './loaded_list';

function renderList(items: readonly string[] | null, failed: boolean) {
  return render(
    <I18nProvider initialLocale="en">
      <div data-testid="slot">
        <LoadedList items={items} failed={failed} empty={<p>Nothing yet.</p>}>
          {(list) => (
            <ul>
              {list.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </LoadedList>
      </div>
    </I18nProvider>,
  );
}

describe('LoadedList', () => {
  it('says it is loading until the first answer', () => {
    renderList(null, false);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByText('Nothing yet.')).toBeNull();
  });

  it('shows nothing when the load failed (the page’s alert says why)', () => {
    renderList(null, true);
    expect(screen.getByTestId('slot').innerHTML).toBe('');
  });

  it('shows the empty text for an empty list', () => {
    renderList([], false);
    expect(screen.getByText('Nothing yet.')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('renders the items, even after a later failure', () => {
    renderList(['one', 'two'], true);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByText('Nothing yet.')).toBeNull();
  });
});
