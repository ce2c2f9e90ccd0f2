import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeServer, kSubscriberMe, problem } from '../test/fake_server';
import { renderApp } from '../test/render_app';

function signedOutServer() {
  return new FakeServer().on('GET /api/v1/me', problem(401, 'auth.unauthenticated'));
}

function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  const errorId = ids.find((id) => id.endsWith('-error'));
  return errorId !== undefined ? (document.getElementById(errorId)?.textContent ?? '') : '';
}

describe('sign-up page', () => {
  it.each([
    ['en', 'E-mail address', 'Password', 'Create account', 'Use at least 12 characters.'],
    ['zh-CN', '电子邮箱', '密码', '注册', '密码至少需要 12 个字符。'],
  ] as const)('%s: a short password shows the translated message next to the field', async (locale, emailLabel, pwLabel, submit, message) => {
    const server = signedOutServer();
    renderApp('/signup', server, locale);
    fireEvent.change(screen.getByLabelText(emailLabel), { target: { value: 'mei@example.test' } });
    const password = screen.getByLabelText(pwLabel);
    fireEvent.change(password, { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: submit }));
    await waitFor(() => expect(errorOf(password)).toContain(message));
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(password);
    expect(server.callsTo('POST /api/v1/auth/signup')).toHaveLength(0);
  });

  it('places server field errors (422) next to their fields, translated', async () => {
    const server = signedOutServer().on('POST /api/v1/auth/signup', {
      status: 422,
      body: { code: 'validation.failed', status: 422, errors: [{ field: '/email', code: 'email.invalid', message: 'Invalid e-mail' }] },
    });
    renderApp('/signup', server, 'zh-CN');
    const email = screen.getByLabelText('电子邮箱');
    fireEvent.change(email, { target: { value: 'mei@example.test' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: '注册' }));
    await waitFor(() => expect(errorOf(email)).toContain('请输入有效的电子邮箱'));
    expect(server.callsTo('POST /api/v1/auth/signup')[0]!.body).toEqual({
      email: 'mei@example.test',
      password: 'correct horse battery',
      locale: 'zh-CN',
    });
  });

  it('goes to verify-email with the address prefilled but not in the URL', async () => {
    const server = signedOutServer().on('POST /api/v1/auth/signup', { status: 201, body: { status: 'verification_required' } });
    renderApp('/signup', server, 'en');
    fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: 'mei@example.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { name: 'Verify your e-mail address' });
    expect(window.location.pathname).toBe('/verify-email');
    expect(window.location.href).not.toContain('mei');
    expect((screen.getByLabelText('E-mail address') as HTMLInputElement).value).toBe('mei@example.test');
  });
});

describe('verify + sign-in flow', () => {
  it('shows 400 auth.invalid_code as a form alert, then verifies and offers sign-in', async () => {
    let tries = 0;
    const server = signedOutServer().on('POST /api/v1/auth/verify-email', () =>
      ++tries === 1 ? problem(400, 'auth.invalid_code') : { status: 200, body: { status: 'verified' } },
    );
    renderApp('/verify-email', server, 'en', { email: 'mei@example.test' });
    expect((screen.getByLabelText('E-mail address') as HTMLInputElement).value).toBe('mei@example.test');
    fireEvent.change(screen.getByLabelText('Verification code'), { target: { value: '123 456' } });
    expect((screen.getByLabelText('Verification code') as HTMLInputElement).value).toBe('123456');
    fireEvent.click(screen.getByRole('button', { name: 'Verify e-mail' }));
    expect(await screen.findByText(/That code is wrong or has expired/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Verify e-mail' }));
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.getByText('Your e-mail address is verified. You can sign in now.')).toBeTruthy();
    expect((screen.getByLabelText('E-mail address') as HTMLInputElement).value).toBe('mei@example.test');
  });

  it('signs in, shows the account with the next step, and signs out', async () => {
    let signedIn = false;
    const server = new FakeServer()
      .on('GET /api/v1/me', () => (signedIn ? { status: 200, body: kSubscriberMe } : problem(401, 'auth.unauthenticated')))
      .on('POST /api/v1/auth/login', () => {
        signedIn = true;
        return { status: 200, body: { account: kSubscriberMe } };
      })
      .on('POST /api/v1/auth/logout', () => {
        signedIn = false;
        return { status: 204 };
      })
      .on('GET /api/v1/sims', { status: 200, body: { lines: [] } })
      .on('GET /api/v1/applications', { status: 200, body: { applications: [] } });
    renderApp('/login', server, 'en');
    fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: 'mei@example.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Your account' });
    expect(screen.getByTestId('account-email').textContent).toBe('mei@example.test');
    expect(screen.getByText('Verified')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Your next step: register your SIM card' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Link a line' }).getAttribute('href')).toBe('/lines/link');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByText('You have signed out.');
    expect(window.location.pathname).toBe('/login');
    expect(server.callsTo('POST /api/v1/auth/logout')).toHaveLength(1);
  });

  it('after a correct password but unverified e-mail, links to verification', async () => {
    const server = signedOutServer().on('POST /api/v1/auth/login', problem(403, 'auth.email_not_verified'));
    renderApp('/login', server, 'en');
    fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: 'mei@example.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByText('Verify your e-mail address before you sign in.');
    const link = within(alert.closest('.alert') as HTMLElement).getByRole('link', { name: 'Verify your e-mail address now' });
    fireEvent.click(link);
    await screen.findByRole('heading', { name: 'Verify your e-mail address' });
    expect((screen.getByLabelText('E-mail address') as HTMLInputElement).value).toBe('mei@example.test');
  });

  it('shows the Retry-After delay on 429', async () => {
    const server = signedOutServer().on('POST /api/v1/auth/login', { ...problem(429, 'auth.too_many_attempts'), headers: { 'Retry-After': '30' } });
    renderApp('/login', server, 'zh-CN');
    fireEvent.change(screen.getByLabelText('电子邮箱'), { target: { value: 'mei@example.test' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('尝试次数过多，请稍后再试。请在 30 秒后重试。')).toBeTruthy();
  });
});

describe('language', () => {
  it('switching saves the choice locally and, when signed in, to the account', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/me', { status: 200, body: kSubscriberMe })
      .on('PATCH /api/v1/me', (call) => ({ status: 200, body: { ...kSubscriberMe, locale: (call.body as { locale: string }).locale } }));
    renderApp('/', server, 'en');
    await screen.findByRole('heading', { name: 'Your account' });
    expect(document.documentElement.lang).toBe('en');
    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    await screen.findByRole('heading', { name: '我的账户' });
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(window.localStorage.getItem('simreg.locale')).toBe('zh-CN');
    await waitFor(() => expect(server.callsTo('PATCH /api/v1/me').map((c) => c.body)).toEqual([{ locale: 'zh-CN' }]));
    expect(screen.getByRole('button', { name: '中文' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('adopts the account language on load when the person has not chosen one here', async () => {
    const server = new FakeServer().on('GET /api/v1/me', { status: 200, body: { ...kSubscriberMe, locale: 'zh-CN' } });
    renderApp('/', server, 'en');
    await screen.findByRole('heading', { name: '我的账户' });
    expect(server.callsTo('PATCH /api/v1/me')).toHaveLength(0);
  });

  it('a choice made before signing in is saved to the account at sign-in', async () => {
    window.localStorage.setItem('simreg.locale', 'zh-CN');
    const server = signedOutServer()
      .on('POST /api/v1/auth/login', { status: 200, body: { account: kSubscriberMe } })
      .on('PATCH /api/v1/me', { status: 200, body: { ...kSubscriberMe, locale: 'zh-CN' } });
    renderApp('/login', server);
    fireEvent.change(screen.getByLabelText('电子邮箱'), { target: { value: 'mei@example.test' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByRole('heading', { name: '我的账户' });
    await waitFor(() => expect(server.callsTo('PATCH /api/v1/me').map((c) => c.body)).toEqual([{ locale: 'zh-CN' }]));
  });
});

describe('other pages', () => {
  it('unknown paths show a translated not-found page', async () => {
    renderApp('/no/such/page', signedOutServer(), 'zh-CN');
    expect(await screen.findByRole('heading', { name: '页面不存在' })).toBeTruthy();
  });

  it('the demo outbox says demo mode is off on 404', async () => {
    renderApp('/demo/outbox', signedOutServer(), 'en');
    fireEvent.change(screen.getByLabelText('Recipient'), { target: { value: 'mei@example.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show messages' }));
    expect(await screen.findByText(/Demo mode is off/)).toBeTruthy();
  });

  it('the demo outbox needs a recipient, then lists its messages', async () => {
    const server = signedOutServer().on('GET /api/v1/demo/outbox', (call) =>
      call.url.includes('to=')
        ? {
            status: 200,
            body: {
              items: [
                { id: 'm1', to: 'mei@example.test', channel: 'email', template: 'verify_email', status: 'sent', created_at: '2025-01-01T00:00:00Z', subject: 'Your code', body: 'Code: 123456' },
              ],
            },
          }
        : { status: 422, body: { code: 'validation.failed', status: 422, errors: [{ field: '/to', code: 'field.required', message: 'Give the address.' }] } },
    );
    renderApp('/demo/outbox', server, 'zh-CN');
    expect(screen.getByText('输入收件人，即可按时间从新到旧查看发给它的消息。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '显示消息' }));
    expect(await screen.findByText('请填写此项。')).toBeTruthy();
    expect(server.callsTo('GET /api/v1/demo/outbox')).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('收件人'), { target: { value: 'mei@example.test' } });
    fireEvent.click(screen.getByRole('button', { name: '显示消息' }));
    expect(await screen.findByText('Code: 123456')).toBeTruthy();
    expect(screen.getByText('已发送')).toBeTruthy();
    expect(server.callsTo('GET /api/v1/demo/outbox')[0]!.url).toBe('/api/v1/demo/outbox?to=mei%40example.test');
  });

  it('a session that ended mid-use returns to sign-in with a notice', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/me', { status: 200, body: kSubscriberMe })
      .on('POST /api/v1/auth/password', problem(401, 'auth.unauthenticated'));
    renderApp('/', server, 'en');
    await screen.findByRole('heading', { name: 'Your account' });
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'old password 123' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'new password 456' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'new password 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeTruthy();
    expect(window.location.pathname).toBe('/login');
  });
});
