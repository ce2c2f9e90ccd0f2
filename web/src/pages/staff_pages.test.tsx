import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Staff } from '../api/types';
import { FakeServer, kAdminMe, problem } from '../test/fake_server';
import { renderApp } from '../test/render_app';

const kTotpUri = 'otpauth://totp/simreg:admin%40example.test?secret=JBSWY3DPEHPK3PXP&issuer=simreg';

beforeEach(() => {
  // jsdom has no canvas; the QR component then leaves the canvas blank (the key is still shown).
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

function staffRow(overrides: Partial<Staff>): Staff {
  return {
    id: 'stf_2',
    email: 'rev@example.test',
    roles: ['reviewer'],
    status: 'active',
    store_id: null,
    created_at: '2025-01-01T00:00:00Z',
    last_login_at: null,
    ...overrides,
  };
}

describe('staff first sign-in', () => {
  it('shows the QR and key on auth.password_change_required, then sets the password and lands on staff home', async () => {
    let signedIn = false;
    const server = new FakeServer()
      .on('GET /api/v1/me', () => (signedIn ? { status: 200, body: kAdminMe } : problem(401, 'auth.unauthenticated')))
      .on('POST /api/v1/staff/auth/login', problem(403, 'auth.password_change_required', { totp_uri: kTotpUri }))
      .on('POST /api/v1/staff/auth/password', () => {
        signedIn = true;
        return { status: 200, body: { account: kAdminMe } };
      });
    renderApp('/staff/login', server, 'en');
    fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: 'admin@example.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'one-time-pw' } });
    fireEvent.change(screen.getByLabelText('Authenticator code'), { target: { value: '111111' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { name: 'Finish setting up your account' });
    expect(screen.getByRole('img', { name: /QR code/ })).toBeTruthy();
    expect(screen.getByTestId('totp-secret').textContent).toBe('JBSW Y3DP EHPK 3PXP');
    expect((screen.getByLabelText('One-time password from your administrator') as HTMLInputElement).value).toBe('one-time-pw');

    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a brand new secret' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'a brand new secret' } });
    fireEvent.change(screen.getByLabelText('Authenticator code'), { target: { value: '222222' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save password and sign in' }));

    await screen.findByRole('heading', { name: 'Staff home' });
    expect(server.callsTo('POST /api/v1/staff/auth/password')[0]!.body).toEqual({
      email: 'admin@example.test',
      password: 'one-time-pw',
      new_password: 'a brand new secret',
      totp: '222222',
    });
    expect(screen.getByRole('link', { name: 'Manage staff accounts' })).toBeTruthy();
  });

  it('says which credentials can be wrong and clears the used code on 401', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/me', problem(401, 'auth.unauthenticated'))
      .on('POST /api/v1/staff/auth/login', problem(401, 'auth.invalid_credentials'));
    renderApp('/staff/login', server, 'zh-CN');
    fireEvent.change(screen.getByLabelText('电子邮箱'), { target: { value: 'admin@example.test' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'pw' } });
    fireEvent.change(screen.getByLabelText('身份验证码'), { target: { value: '111111' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('电子邮箱、密码或身份验证码错误。每个验证码只能使用一次。')).toBeTruthy();
    expect((screen.getByLabelText('身份验证码') as HTMLInputElement).value).toBe('');
  });

  it('keeps non-admins out of the admin page', async () => {
    const server = new FakeServer().on('GET /api/v1/me', { status: 200, body: { ...kAdminMe, roles: ['reviewer'] } });
    renderApp('/staff/admin', server, 'en');
    expect(await screen.findByText('Only administrators can manage staff accounts.')).toBeTruthy();
    expect(server.callsTo('GET /api/v1/admin/staff')).toHaveLength(0);
  });

  it('sends signed-out visitors of staff pages to staff sign-in', async () => {
    const server = new FakeServer().on('GET /api/v1/me', problem(401, 'auth.unauthenticated'));
    renderApp('/staff/admin', server, 'en');
    await screen.findByRole('heading', { name: 'Staff sign-in' });
    expect(window.location.pathname).toBe('/staff/login');
  });
});

describe('staff home', () => {
  it('changes the password with the current password and a fresh code', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/me', { status: 200, body: kAdminMe })
      .on('POST /api/v1/staff/auth/password', (call) =>
        (call.body as { totp: string }).totp === '333333'
          ? { status: 200, body: { account: kAdminMe } }
          : {
              status: 422,
              body: { code: 'validation.failed', status: 422, errors: [{ field: '/new_password', code: 'password.reused', message: 'reused' }] },
            },
      );
    renderApp('/staff', server, 'en');
    await screen.findByRole('heading', { name: 'Staff home' });
    const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
    fill('Current password', 'old secret value');
    fill('New password', 'old secret value');
    fill('Repeat the new password', 'old secret value');
    fill('Authenticator code', '111111');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Choose a password different from your current one.')).toBeTruthy();
    expect((screen.getByLabelText('Authenticator code') as HTMLInputElement).value).toBe('');
    fill('New password', 'a different secret');
    fill('Repeat the new password', 'a different secret');
    fill('Authenticator code', '333333');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Your password has been changed. Your other sessions were signed out.')).toBeTruthy();
    expect(server.callsTo('POST /api/v1/staff/auth/password')[1]!.body).toEqual({
      email: 'admin@example.test',
      password: 'old secret value',
      new_password: 'a different secret',
      totp: '333333',
    });
  });
});

describe('page footer', () => {
  it('tells staff that their looks are audited, and subscribers how their data is used', async () => {
    const staff = new FakeServer().on('GET /api/v1/me', { status: 200, body: kAdminMe });
    const { unmount } = renderApp('/staff', staff, 'en');
    await screen.findByRole('heading', { name: 'Staff home' });
    const footer = screen.getByRole('contentinfo');
    expect(within(footer).getByText(/Every look at personal data is recorded in the audit log/)).toBeTruthy();
    expect(within(footer).queryByRole('link', { name: 'Staff sign-in' })).toBeNull();
    unmount();

    const visitor = new FakeServer().on('GET /api/v1/me', problem(401, 'auth.unauthenticated'));
    renderApp('/login', visitor, 'zh-CN');
    const subscriberFooter = await screen.findByRole('contentinfo');
    expect(within(subscriberFooter).getByText('您的个人信息经过加密，仅用于 SIM 卡实名登记。')).toBeTruthy();
    expect(within(subscriberFooter).getByRole('link', { name: '员工登录' })).toBeTruthy();
  });
});

describe('staff admin page', () => {
  function adminServer(rows: Staff[], locale = 'en') {
    return new FakeServer()
      .on('GET /api/v1/me', { status: 200, body: { ...kAdminMe, locale } })
      .on('GET /api/v1/admin/staff', () => ({ status: 200, body: { items: rows } }));
  }

  it('adds a staff member, showing the one-time password and QR once', async () => {
    const rows = [staffRow({ id: 'stf_1', email: 'admin@example.test', roles: ['admin'] })];
    const server = adminServer(rows).on('POST /api/v1/admin/staff', (call) => ({
      status: 201,
      body: { staff: staffRow({ email: (call.body as { email: string }).email }), one_time_password: 'otp-Secret-1', totp_uri: kTotpUri },
    }));
    renderApp('/staff/admin', server, 'en');
    await screen.findByText('admin@example.test');
    const form = screen.getByRole('form', { name: 'Add a staff member' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add staff member' }));
    expect(await within(form).findByText('Choose at least one role.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('E-mail address'), { target: { value: 'rev@example.test' } });
    fireEvent.click(within(form).getByLabelText('Reviewer'));
    fireEvent.click(within(form).getByRole('button', { name: 'Add staff member' }));
    const created = await screen.findByTestId('created-credentials');
    expect(within(created).getByTestId('one-time-password').textContent).toBe('otp-Secret-1');
    expect(within(created).getByRole('img', { name: 'Authenticator QR code' })).toBeTruthy();
    expect(server.callsTo('POST /api/v1/admin/staff')[0]!.body).toEqual({ email: 'rev@example.test', roles: ['reviewer'] });
    expect(screen.getByTestId('staff-row-rev@example.test')).toBeTruthy();
    fireEvent.click(within(created).getByRole('button', { name: 'Done — I’ve handed them over' }));
    expect(screen.queryByTestId('created-credentials')).toBeNull();
  });

  it('puts 409 staff.email_taken on the e-mail field', async () => {
    const server = adminServer([]).on('POST /api/v1/admin/staff', problem(409, 'staff.email_taken'));
    renderApp('/staff/admin', server, 'en');
    await screen.findByText('There are no staff accounts yet.');
    const form = screen.getByRole('form', { name: 'Add a staff member' });
    const email = within(form).getByLabelText('E-mail address');
    fireEvent.change(email, { target: { value: 'rev@example.test' } });
    fireEvent.click(within(form).getByLabelText('Support'));
    fireEvent.click(within(form).getByRole('button', { name: 'Add staff member' }));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('A staff account with this e-mail address already exists.')).toBeTruthy();
  });

  it('asks for confirmation before disabling and shows a 409 self-lockout', async () => {
    const server = adminServer([staffRow({ id: 'stf_1', email: 'admin@example.test', roles: ['admin'] })]).on(
      'POST /api/v1/admin/staff/stf_1/disable',
      problem(409, 'staff.self_lockout'),
    );
    renderApp('/staff/admin', server, 'en');
    const row = await screen.findByTestId('staff-row-admin@example.test');
    fireEvent.click(within(row).getByRole('button', { name: 'Disable' }));
    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(within(dialog).getByText(/admin@example.test will be signed out/)).toBeTruthy();
    expect(server.callsTo('POST /api/v1/admin/staff/stf_1/disable')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, disable the account', hidden: true }));
    expect(await screen.findByText('You can’t disable your own account or remove your own administrator role.')).toBeTruthy();
  });

  it('disables and re-enables another account', async () => {
    const server = adminServer([staffRow({})])
      .on('POST /api/v1/admin/staff/stf_2/disable', { status: 200, body: { staff: staffRow({ status: 'disabled' }) } })
      .on('POST /api/v1/admin/staff/stf_2/enable', { status: 200, body: { staff: staffRow({ status: 'active' }) } });
    renderApp('/staff/admin', server, 'en');
    const row = await screen.findByTestId('staff-row-rev@example.test');
    fireEvent.click(within(row).getByRole('button', { name: 'Disable' }));
    fireEvent.click(within(screen.getByRole('dialog', { hidden: true })).getByRole('button', { name: 'Yes, disable the account', hidden: true }));
    expect(await screen.findByText('rev@example.test is now disabled.')).toBeTruthy();
    expect(within(row).getByText('Disabled')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Enable' }));
    expect(await screen.findByText('rev@example.test is now enabled.')).toBeTruthy();
  });

  it('edits roles with PUT and shows translated role names', async () => {
    const server = adminServer([staffRow({})], 'zh-CN').on('PUT /api/v1/admin/staff/stf_2/roles', (call) => ({
      status: 200,
      body: { staff: staffRow({ roles: (call.body as { roles: Staff['roles'] }).roles }) },
    }));
    renderApp('/staff/admin', server, 'zh-CN');
    const row = await screen.findByTestId('staff-row-rev@example.test');
    expect(within(row).getByText('审核员')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '修改角色' }));
    fireEvent.click(within(row).getByLabelText('主管'));
    fireEvent.click(within(row).getByRole('button', { name: '保存角色' }));
    expect(await screen.findByText('已保存 rev@example.test 的角色。')).toBeTruthy();
    expect(server.callsTo('PUT /api/v1/admin/staff/stf_2/roles')[0]!.body).toEqual({ roles: ['reviewer', 'supervisor'] });
    expect(within(row).getByText('审核员、主管')).toBeTruthy();
  });
});
