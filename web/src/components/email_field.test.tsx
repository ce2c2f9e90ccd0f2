import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../api/types';
import { I18nProvider } from '../i18n/i18n_context';
import { EmailField } from './email_field';
import { useForm } from './use_form';

function Harness({ autoComplete }: { autoComplete: 'email' | 'username' | 'off' }) {
  const form = useForm('sign-in', { email: '' });
  return (
    <>
      <EmailField field={form.bind('email')} autoComplete={autoComplete} />
      <output data-testid="value">{form.values.email}</output>
    </>
  );
}

function renderField(autoComplete: 'email' | 'username' | 'off', locale: Locale = 'en') {
  render(
    <I18nProvider initialLocale={locale}>
      <Harness autoComplete={autoComplete} />
    </I18nProvider>,
  );
}

describe('EmailField', () => {
  it('is a required e-mail input labelled in the current language, with the phone keyboard and no auto-correction', () => {
    renderField('email');
    const input = screen.getByLabelText('E-mail address') as HTMLInputElement;
    expect(input.id).toBe('sign-in-email');
    expect(input.type).toBe('email');
    expect(input.getAttribute('inputmode')).toBe('email');
    expect(input.getAttribute('autocapitalize')).toBe('off');
    expect(input.getAttribute('spellcheck')).toBe('false');
    expect(input.getAttribute('autocomplete')).toBe('email');
    expect(input.getAttribute('aria-required')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('sign-in-email-error');
  });

  it('takes the autofill its form asks for', () => {
    renderField('username', 'zh-CN');
    expect(screen.getByLabelText('电子邮箱').getAttribute('autocomplete')).toBe('username');
  });

  it('writes what is typed into the form', () => {
    renderField('off');
    fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: 'a@example.test' } });
    expect(screen.getByTestId('value').textContent).toBe('a@example.test');
  });
});
