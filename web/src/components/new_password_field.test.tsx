import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n_context';
import { NewPasswordField } from './new_password_field';
import { useForm } from './use_form';

function Harness() {
  const form = useForm('signup', { password: '' });
  return <NewPasswordField field={form.bind('password')} label="Password" rulesId="signup-password-rules" email="maria@example.test" />;
}

function renderField() {
  const { container } = render(
    <I18nProvider initialLocale="en">
      <Harness />
    </I18nProvider>,
  );
  return { container, input: screen.getByLabelText('Password') as HTMLInputElement };
}

describe('NewPasswordField', () => {
  it('is a new-password input described by the rules list under it', () => {
    const { container, input } = renderField();
    expect(input.type).toBe('password');
    expect(input.getAttribute('autocomplete')).toBe('new-password');
    expect(input.getAttribute('aria-describedby')).toBe('signup-password-rules signup-password-error');
    const rules = container.querySelector('#signup-password-rules')!;
    expect(rules.textContent).toContain('Your password needs:');
    expect(screen.getByLabelText('Show password')).toBeTruthy();
  });

  it('ticks the rules off from what is typed in the field', () => {
    const { container, input } = renderField();
    const minRule = () => container.querySelector('#signup-password-rules li')!;
    expect(minRule().className).toBe('rules__item');
    fireEvent.change(input, { target: { value: 'a long enough password' } });
    expect(minRule().className).toBe('rules__item rules__item--met');
    expect(minRule().textContent).toContain('(done)');
  });
});
