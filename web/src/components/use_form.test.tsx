import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n_context';
import { useForm } from './use_form';

const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider initialLocale="en">{children}</I18nProvider>;

describe('useForm reset', () => {
  it('puts every field back to its initial value', () => {
    const { result } = renderHook(() => useForm('add', { url: 'https://', events: '' }), { wrapper });
    act(() => {
      result.current.setValue('url', 'https://crm.example.test/in');
      result.current.setValue('events', 'application.submitted');
    });
    expect(result.current.values).toEqual({ url: 'https://crm.example.test/in', events: 'application.submitted' });
    act(() => result.current.reset());
    expect(result.current.values).toEqual({ url: 'https://', events: '' });
  });

  it('clears the field errors too', () => {
    const { result } = renderHook(() => useForm('add', { url: '', events: '' }), { wrapper });
    act(() => {
      result.current.reject({ url: 'field.required', events: 'events.empty' });
    });
    expect(result.current.bind('url').error).toBe('Fill in this field.');
    expect(result.current.bind('events').error).not.toBeNull();
    act(() => result.current.reset());
    expect(result.current.bind('url').error).toBeNull();
    expect(result.current.bind('events').error).toBeNull();
  });
});
