import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FakeServer, kAdminMe, problem } from '../test/fake_server';
import { renderApp } from '../test/render_app';
import { kDelivery, kEndpoint } from '../test/review_fixtures';
import { parseEvents, validateWebhookUrl } from './webhooks_admin_page';

function adminServer() {
  return new FakeServer()
    .on('GET /api/v1/me', { status: 200, body: kAdminMe })
    .on('GET /api/v1/admin/webhooks', { status: 200, body: { items: [kEndpoint] } })
    .on('GET /api/v1/admin/webhooks/whk_1/deliveries', { status: 200, body: { items: [kDelivery] } });
}

describe('webhook form helpers', () => {
  it.each([
    ['', 'field.required'],
    ['billing.example.test/hooks', 'url.invalid'],
    ['ftp://billing.example.test/', 'url.invalid'],
    ['https://billing.example.test/hooks', null],
    ['http://10.0.0.7:8080/in', null],
  ])('validateWebhookUrl(%j) = %s', (url, code) => {
    expect(validateWebhookUrl(url)).toBe(code);
  });

  it('keeps known events in catalogue order', () => {
    expect(parseEvents('sim.status_changed,bogus,application.submitted,')).toEqual(['application.submitted', 'sim.status_changed']);
  });
});

describe('admin webhooks page', () => {
  it('lists endpoints and shows each delivery’s attempts on demand', async () => {
    const server = adminServer();
    renderApp('/staff/webhooks', server, 'en');
    const row = await screen.findByTestId('webhook-row');
    expect(row.textContent).toContain('https://billing.example.test/hooks');
    expect(row.textContent).toContain('Application decided, Line status changed');
    expect(row.textContent).toContain('…a1b2');
    expect(row.textContent).toContain('Active');
    fireEvent.click(within(row).getByRole('button', { name: 'Deliveries' }));
    const deliveries = await screen.findByTestId('deliveries-whk_1');
    const delivery = await within(deliveries).findByTestId('delivery');
    expect(delivery.textContent).toContain('Delivered');
    expect(delivery.textContent).toContain('evt_1');
    const toggle = within(delivery).getByRole('button', { name: 'Show attempts (3)' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const attempts = screen.getAllByTestId('delivery-attempt');
    expect(attempts.map((a) => a.children[1]!.textContent)).toEqual(['500', 'No answer', '204']);
    expect(attempts[1]!.textContent).toContain('connection refused');
    expect(attempts[2]!.textContent).toContain('12 ms');
  });

  it('sends a finished delivery again and shows it pending', async () => {
    const queued = { ...kDelivery, status: 'pending' as const, delivered_at: null, next_attempt_at: '2026-11-20T11:00:00.000Z' };
    const server = adminServer().on('POST /api/v1/admin/webhooks/whk_1/deliveries/dlv_1/redeliver', { status: 202, body: queued });
    renderApp('/staff/webhooks', server, 'en');
    const row = await screen.findByTestId('webhook-row');
    fireEvent.click(within(row).getByRole('button', { name: 'Deliveries' }));
    const deliveries = await screen.findByTestId('deliveries-whk_1');
    const delivery = await within(deliveries).findByTestId('delivery');
    fireEvent.click(within(delivery).getByRole('button', { name: 'Send again: evt_1' }));
    expect(await within(deliveries).findByText('Event evt_1 will be sent again now.')).toBeTruthy();
    const pending = within(deliveries).getByTestId('delivery');
    expect(pending.textContent).toContain('Pending');
    // A pending delivery is being tried: nothing to send again yet.
    expect(within(pending).queryByRole('button', { name: /Send again/ })).toBeNull();
    expect(server.callsTo('POST /api/v1/admin/webhooks/whk_1/deliveries/dlv_1/redeliver')).toHaveLength(1);
  });

  it('explains why a delivery cannot be sent again', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/me', { status: 200, body: { ...kAdminMe, locale: 'zh-CN' } })
      .on('GET /api/v1/admin/webhooks', { status: 200, body: { items: [kEndpoint] } })
      .on('GET /api/v1/admin/webhooks/whk_1/deliveries', { status: 200, body: { items: [kDelivery] } })
      .on('POST /api/v1/admin/webhooks/whk_1/deliveries/dlv_1/redeliver', problem(409, 'webhooks.endpoint_inactive'));
    renderApp('/staff/webhooks', server, 'zh-CN');
    const row = await screen.findByTestId('webhook-row');
    fireEvent.click(within(row).getByRole('button', { name: '推送记录' }));
    const deliveries = await screen.findByTestId('deliveries-whk_1');
    const delivery = await within(deliveries).findByTestId('delivery');
    fireEvent.click(within(delivery).getByRole('button', { name: '重新发送：evt_1' }));
    expect(await within(deliveries).findByText('此端点已停用，不会再向其推送。')).toBeTruthy();
  });

  it('checks the form, adds an endpoint and shows its secret once with a copy button', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const server = adminServer().on('POST /api/v1/admin/webhooks', (call) => {
      const body = call.body as { url: string; events: string[] };
      return {
        status: 201,
        body: { ...kEndpoint, id: 'whk_2', url: body.url, events: body.events, secret: 'f00dfeed'.repeat(8), secret_hint: '…feed' },
      };
    });
    renderApp('/staff/webhooks', server, 'en');
    const form = await screen.findByRole('form', { name: 'Add an endpoint' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(form).findByText('Fill in this field.')).toBeTruthy();
    expect(within(form).getByText('Choose at least one event.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('URL'), { target: { value: 'billing.example.test' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(form).findByText('Enter a URL starting with http:// or https://.')).toBeTruthy();
    expect(server.callsTo('POST /api/v1/admin/webhooks')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('URL'), { target: { value: ' https://crm.example.test/in ' } });
    fireEvent.click(within(form).getByLabelText(/^Application submitted/));
    fireEvent.click(within(form).getByLabelText(/^Line status changed/));
    fireEvent.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    const created = await screen.findByTestId('webhook-created');
    expect(server.callsTo('POST /api/v1/admin/webhooks')[0]!.body).toEqual({
      url: 'https://crm.example.test/in',
      events: ['application.submitted', 'sim.status_changed'],
    });
    expect(within(created).getByTestId('webhook-secret').textContent).toBe('f00dfeed'.repeat(8));
    // The form is cleared for the next endpoint.
    expect((within(form).getByLabelText('URL') as HTMLInputElement).value).toBe('');
    expect((within(form).getByLabelText(/^Line status changed/) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(within(created).getByRole('button', { name: 'Copy' }));
    expect(await within(created).findByText('Copied to the clipboard.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('f00dfeed'.repeat(8));
    expect(screen.getAllByTestId('webhook-row')).toHaveLength(2);
    fireEvent.click(within(created).getByRole('button', { name: /^Done/ }));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
    expect(document.body.textContent).not.toContain('f00dfeed'.repeat(8));
  });

  it('sends a chosen secret and shows server refusals in place', async () => {
    const server = adminServer()
      .on('GET /api/v1/me', { status: 200, body: { ...kAdminMe, locale: 'zh-CN' } })
      .on('POST /api/v1/admin/webhooks', {
      status: 422,
      body: { code: 'validation.failed', status: 422, errors: [{ field: '/secret', code: 'secret.too_short', message: 'short' }] },
    });
    renderApp('/staff/webhooks', server, 'zh-CN');
    const form = await screen.findByRole('form', { name: '添加端点' });
    fireEvent.change(within(form).getByLabelText('网址'), { target: { value: 'https://crm.example.test/in' } });
    fireEvent.click(within(form).getByLabelText(/^登记已决定/));
    fireEvent.change(within(form).getByLabelText(/^签名密钥/), { target: { value: 'abc' } });
    fireEvent.click(within(form).getByRole('button', { name: '添加端点' }));
    expect(await within(form).findByText('请使用更长的密钥，或留空自动生成。')).toBeTruthy();
    expect(server.callsTo('POST /api/v1/admin/webhooks')[0]!.body).toEqual({
      url: 'https://crm.example.test/in',
      events: ['application.decided'],
      secret: 'abc',
    });
  });

  it('deactivates only after confirming', async () => {
    const server = adminServer().on('DELETE /api/v1/admin/webhooks/whk_1', { status: 204 });
    renderApp('/staff/webhooks', server, 'en');
    const row = await screen.findByTestId('webhook-row');
    fireEvent.click(within(row).getByRole('button', { name: 'Deactivate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate this endpoint?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(server.callsTo('DELETE /api/v1/admin/webhooks/whk_1')).toHaveLength(0);
    fireEvent.click(within(row).getByRole('button', { name: 'Deactivate' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, deactivate' }));
    expect(await screen.findByText('The endpoint https://billing.example.test/hooks is deactivated.')).toBeTruthy();
    await waitFor(() => expect(row.textContent).toContain('Deactivated'));
    expect(within(row).queryByRole('button', { name: 'Deactivate' })).toBeNull();
  });

  it('is for admins only, and says so when the list cannot be loaded', async () => {
    const reviewer = new FakeServer().on('GET /api/v1/me', { status: 200, body: { ...kAdminMe, roles: ['reviewer'] } });
    renderApp('/staff/webhooks', reviewer, 'en');
    expect(await screen.findByText('Only administrators can manage webhooks.')).toBeTruthy();
    expect(reviewer.callsTo('GET /api/v1/admin/webhooks')).toHaveLength(0);
  });

  it('shows a load failure in the user’s language', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/me', { status: 200, body: { ...kAdminMe, locale: 'zh-CN' } })
      .on('GET /api/v1/admin/webhooks', problem(503, 'server.overloaded'));
    renderApp('/staff/webhooks', server, 'zh-CN');
    expect(await screen.findByText('服务繁忙，请稍后再试。')).toBeTruthy();
  });
});
