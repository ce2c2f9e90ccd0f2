import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n_context';
import { CheckboxGroup, joinChoices, parseChoices } from './checkbox_group';
import { useForm } from './use_form';

const kLetters = ['alpha', 'beta', 'gamma'] as const;

function Harness() {
  const form = useForm('pick', { letters: '' });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.reject(parseChoices(form.values.letters, kLetters).length === 0 ? { letters: 'roles.empty' } : {});
      }}
    >
      <CheckboxGroup field={form.bind('letters')} legend="Letters" options={kLetters} optionLabel={(l) => `Letter ${l}`} gridClassName="letters__grid" />
      <output data-testid="value">{form.values.letters}</output>
      <button type="submit">Check</button>
    </form>
  );
}

function renderHarness() {
  render(
    <I18nProvider initialLocale="en">
      <Harness />
    </I18nProvider>,
  );
  return screen.getByRole('group', { name: 'Letters' });
}

describe('parseChoices / joinChoices', () => {
  it('keeps known choices once, in catalogue order', () => {
    expect(parseChoices('gamma,bogus,alpha,gamma,', kLetters)).toEqual(['alpha', 'gamma']);
    expect(parseChoices('', kLetters)).toEqual([]);
  });

  it('joins in catalogue order whatever order they were given in', () => {
    expect(joinChoices(['gamma', 'alpha'], kLetters)).toBe('alpha,gamma');
    expect(joinChoices([], kLetters)).toBe('');
  });
});

describe('CheckboxGroup', () => {
  it('renders one labelled checkbox per option in the given grid', () => {
    const group = renderHarness();
    expect(within(group).getAllByRole('checkbox').map((c) => c.id)).toEqual(['pick-letters-alpha', 'pick-letters-beta', 'pick-letters-gamma']);
    expect(within(group).getByLabelText('Letter beta')).toBeTruthy();
    expect(group.querySelector('.letters__grid')).not.toBeNull();
    expect(group.getAttribute('aria-describedby')).toBe('pick-letters-error');
    expect(group.getAttribute('aria-invalid')).toBeNull();
  });

  it('keeps the field value in catalogue order while boxes are ticked and unticked', () => {
    const group = renderHarness();
    fireEvent.click(within(group).getByLabelText('Letter gamma'));
    fireEvent.click(within(group).getByLabelText('Letter alpha'));
    expect(screen.getByTestId('value').textContent).toBe('alpha,gamma');
    expect((within(group).getByLabelText('Letter alpha') as HTMLInputElement).checked).toBe(true);
    expect((within(group).getByLabelText('Letter beta') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(within(group).getByLabelText('Letter alpha'));
    expect(screen.getByTestId('value').textContent).toBe('gamma');
  });

  it('shows the error under the group, marks it invalid and focuses the first box', async () => {
    const group = renderHarness();
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect((await within(group).findByText('Choose at least one role.')).id).toBe('pick-letters-error');
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(group.className).toBe('field roles field--invalid');
    expect(document.activeElement).toBe(within(group).getByLabelText('Letter alpha'));
    fireEvent.click(within(group).getByLabelText('Letter beta'));
    expect(group.getAttribute('aria-invalid')).toBeNull();
    expect(within(group).queryByText('Choose at least one role.')).toBeNull();
  });
});
