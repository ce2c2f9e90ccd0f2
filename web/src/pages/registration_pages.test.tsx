import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Application, Line } from '../api/registration_types';
import type { Locale } from '../api/types';
import { formatDeadline } from '../i18n/format';
import { FakeServer, kSubscriberMe, problem } from '../test/fake_server';
import { application, completeApplication, kCnProfile, line } from '../test/registration_fixtures';
import { renderApp } from '../test/render_app';

function subscriberServer(locale: Locale = 'en') {
  return new FakeServer()
    .on('GET /api/v1/me', { status: 200, body: { ...kSubscriberMe, locale } })
    .on('GET /api/v1/jurisdiction', { status: 200, body: kCnProfile });
}

/** The subscriber's lines and applications; the list answers summaries, like the server. */
function withLines(server: FakeServer, lines: Line[], apps: Application[] = []) {
  server.on('GET /api/v1/sims', { status: 200, body: { lines } });
  const summaries = apps.map(({ id, status, channel, line_ids, created_at, updated_at, submitted_at, due_at, decided_at }) => ({
    id,
    status,
    channel,
    line_ids,
    created_at,
    updated_at,
    submitted_at,
    due_at,
    decided_at,
  }));
  server.on('GET /api/v1/applications', { status: 200, body: { applications: summaries } });
  for (const app of apps) server.on(`GET /api/v1/applications/${app.id}`, { status: 200, body: app });
  return server;
}

function errorOf(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(' ');
  const errorId = ids.find((id) => id.endsWith('-error'));
  return errorId !== undefined ? (document.getElementById(errorId)?.textContent ?? '') : '';
}

describe('account home: your lines and the next step', () => {
  it('without lines, the next step is linking one', async () => {
    renderApp('/', withLines(subscriberServer(), []), 'en');
    const next = await screen.findByTestId('next-step');
    expect(next.dataset.kind).toBe('link');
    expect(within(next).getByRole('heading', { name: 'Your next step: register your SIM card' })).toBeTruthy();
    expect(within(next).getByRole('link', { name: 'Link a line' }).getAttribute('href')).toBe('/lines/link');
    expect(screen.getByText('You haven’t linked a phone number yet.')).toBeTruthy();
  });

  it.each([
    ['en', 'Not registered', 'Pending review', 'Registered', 'Frozen', 'Restricted', 'SIM card ending in 0012', 'Register by', 'The registration deadline was'],
    ['zh-CN', '未登记', '审核中', '已登记', '已冻结', '已限制', 'SIM 卡号尾号 0012', '前完成登记', '已过期'],
  ] as const)('%s: each line has its localized status, SIM tail, deadline and next step', async (locale, unregistered, pending, registered, frozen, restricted, tail, deadline, passed) => {
    const submitted = completeApplication({ id: 'app_2', status: 'submitted', due_at: '2026-01-08T09:59:59Z' });
    const server = withLines(
      subscriberServer(locale),
      [
        line({ id: 'l1', msisdn: '+8613800138000', registration_deadline: '2099-01-31T15:59:59Z' }),
        line({ id: 'l2', msisdn: '+8613900139000', status: 'pending', application_id: 'app_2' }),
        line({ id: 'l3', msisdn: '+8613700137000', status: 'registered', application_id: 'app_0' }),
        line({ id: 'l4', msisdn: '+8613600136000', status: 'frozen' }),
        line({ id: 'l5', msisdn: '+8613500135000', status: 'restricted', registration_deadline: '2020-01-31T15:59:59Z' }),
      ],
      [submitted],
    );
    renderApp('/', server, locale);
    const items = await screen.findAllByTestId('line');
    expect(items.map((i) => within(i).getByTestId('line-status').textContent)).toEqual([unregistered, pending, registered, frozen, restricted]);
    expect(within(items[4]!).getByText(new RegExp(passed))).toBeTruthy();
    expect(within(items[0]!).getByText(tail)).toBeTruthy();
    expect(within(items[0]!).getByText(new RegExp(deadline))).toBeTruthy();
    expect(within(items[1]!).queryByText(new RegExp(deadline))).toBeNull();
    expect(within(items[1]!).getByRole('link').textContent).toContain(formatDeadline('2026-01-08T09:59:59Z', locale));
    // A new line waiting outranks the pending one.
    expect(screen.getByTestId('next-step').dataset.kind).toBe('register');
  });

  it.each([
    ['the line names it', line({ application_id: 'app_1' })],
    ['only the draft’s line_ids name the line', line()],
  ])('a draft makes "Continue your registration" the next step, opening the resume path (%s)', async (_name, l) => {
    const server = withLines(subscriberServer(), [l], [application()]);
    renderApp('/', server, 'en');
    const next = await screen.findByTestId('next-step');
    expect(next.dataset.kind).toBe('continue');
    expect(within(next).getByRole('link', { name: 'Continue your registration' }).getAttribute('href')).toBe('/applications/app_1/edit');
    // Summaries are enough for a draft: nothing is loaded one by one.
    expect(server.callsTo('GET /api/v1/applications/app_1')).toHaveLength(0);
  });

  it('pending review shows the due date; changes requested offers "Fix and resubmit" at the right step', async () => {
    const pending = completeApplication({ status: 'submitted', due_at: '2026-01-08T09:59:59Z' });
    renderApp('/', withLines(subscriberServer(), [line({ status: 'pending', application_id: 'app_1' })], [pending]), 'en');
    expect((await screen.findByTestId('next-pending')).textContent).toBe(`Pending review, due ${formatDeadline('2026-01-08T09:59:59Z', 'en')}`);
  });

  it('changes requested for a photo: "Fix and resubmit" opens the documents step', async () => {
    const fix = completeApplication({
      status: 'resubmission_requested',
      decision: { outcome: 'resubmission_requested', reasons: [{ code: 'image.glare', message: '' }], note: null },
    });
    renderApp('/', withLines(subscriberServer(), [line({ status: 'pending', application_id: 'app_1' })], [fix]), 'en');
    const next = await screen.findByTestId('next-step');
    expect(within(next).getByRole('link', { name: 'Fix and resubmit' }).getAttribute('href')).toBe('/applications/app_1/documents');
  });

  it('shows a failed load with a working "Try again"', async () => {
    let calls = 0;
    const server = subscriberServer()
      .on('GET /api/v1/sims', () => (++calls === 1 ? problem(503, 'server.overloaded') : { status: 200, body: { lines: [] } }))
      .on('GET /api/v1/applications', { status: 200, body: { applications: [] } });
    renderApp('/', server, 'en');
    expect(await screen.findByText('The service is busy right now. Please try again in a moment.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('next-step')).toBeTruthy();
  });
});

describe('link a line', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function linkServer(locale: Locale = 'en') {
    return withLines(subscriberServer(locale), [])
      .on('POST /api/v1/sims/link', (call) => ({
        status: 202,
        body: { msisdn: (call.body as { msisdn: string }).msisdn, expires_in_seconds: 300, resend_after_seconds: 60 },
      }));
  }

  it.each([
    ['en', 'Mobile number', 'A China number (+86), for example 138 0013 8000'],
    ['zh-CN', '手机号码', '中国号码（+86），例如 138 0013 8000'],
  ] as const)('%s: shows the national format hint from the profile’s country', async (locale, label, hint) => {
    renderApp('/lines/link', linkServer(locale), locale);
    const input = await screen.findByLabelText(label);
    expect(input.getAttribute('type')).toBe('tel');
    expect(screen.getByText(hint)).toBeTruthy();
  });

  it('sends the number as E.164, then asks for the code with a resend countdown, and links the line', async () => {
    const server = linkServer().on('POST /api/v1/sims/link/confirm', (call) =>
      (call.body as { code: string }).code === '654321'
        ? { status: 200, body: { line: line({ msisdn: '+8613800138000' }) } }
        : problem(422, 'sims.code_invalid'),
    );
    renderApp('/lines/link', server, 'en');
    fireEvent.change(await screen.findByLabelText('Mobile number'), { target: { value: '138 0013 8000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter the code from the SMS' })).toBeTruthy();
    expect(server.callsTo('POST /api/v1/sims/link')[0]!.body).toEqual({ msisdn: '+8613800138000' });
    expect(screen.getByText(/If \+8613800138000 is one of our SIM cards/)).toBeTruthy();
    expect(screen.getByTestId('resend-countdown').textContent).toBe('You can ask for a new code in 60 s.');
    fireEvent.click(screen.getByRole('button', { name: 'Send a new code' }));
    expect(server.callsTo('POST /api/v1/sims/link')).toHaveLength(1);

    const code = screen.getByLabelText('Code from the SMS');
    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Link this line' }));
    await waitFor(() => expect(errorOf(code)).toContain('That code is wrong or has expired.'));
    fireEvent.change(code, { target: { value: '654 321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Link this line' }));
    expect(await screen.findByText('The line +8613800138000 is now linked to your account.')).toBeTruthy();
    expect(window.location.pathname).toBe('/');
    expect(window.location.href).not.toContain('8613800138000');
  });

  it('the countdown ends and a resend is then allowed; a 429 restarts it from Retry-After', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let sends = 0;
    const server = withLines(subscriberServer(), []).on('POST /api/v1/sims/link', () =>
      ++sends === 2
        ? { ...problem(429, 'sims.resend_too_soon'), headers: { 'Retry-After': '45' } }
        : { status: 202, body: { msisdn: '+8613800138000', expires_in_seconds: 300, resend_after_seconds: 3 } },
    );
    renderApp('/lines/link', server, 'en');
    fireEvent.change(await screen.findByLabelText('Mobile number'), { target: { value: '13800138000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    expect((await screen.findByTestId('resend-countdown')).textContent).toBe('You can ask for a new code in 3 s.');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3500);
    });
    expect(screen.getByTestId('resend-countdown').textContent).toBe('No SMS, or has the code expired?');
    fireEvent.click(screen.getByRole('button', { name: 'Send a new code' }));
    expect(await screen.findByText(/We sent a code to this number a moment ago\. .* You can try again in 45 seconds\./)).toBeTruthy();
    expect(screen.getByTestId('resend-countdown').textContent).toBe('You can ask for a new code in 45 s.');
  });

  it.each([
    ['en', 'sims.held_by_another_person', 409, 'This number is already registered to another person.'],
    ['zh-CN', 'sims.held_by_another_person', 409, '此号码已登记在他人名下。'],
    ['en', 'sims.too_many_attempts', 429, 'Too many wrong codes for this number. Ask for a new code.'],
  ] as const)('%s: %s is explained', async (locale, code, status, text) => {
    const server = linkServer(locale).on('POST /api/v1/sims/link/confirm', problem(status, code));
    renderApp('/lines/link', server, locale);
    fireEvent.change(await screen.findByLabelText(locale === 'en' ? 'Mobile number' : '手机号码'), { target: { value: '13800138000' } });
    fireEvent.click(screen.getByRole('button', { name: locale === 'en' ? 'Send code' : '发送验证码' }));
    fireEvent.change(await screen.findByLabelText(locale === 'en' ? 'Code from the SMS' : '短信验证码'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: locale === 'en' ? 'Link this line' : '绑定此号码' }));
    await waitFor(() => expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes(text))).toBe(true));
  });

  it('checks the number before sending and shows the server’s msisdn.invalid at the field', async () => {
    const server = withLines(subscriberServer('zh-CN'), []).on('POST /api/v1/sims/link', problem(422, 'msisdn.invalid'));
    renderApp('/lines/link', server, 'zh-CN');
    const input = await screen.findByLabelText('手机号码');
    fireEvent.change(input, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: '发送验证码' }));
    expect(errorOf(input)).toContain('请输入有效的手机号码。');
    expect(server.callsTo('POST /api/v1/sims/link')).toHaveLength(0);
    fireEvent.change(input, { target: { value: '199 0000 0000' } });
    fireEvent.click(screen.getByRole('button', { name: '发送验证码' }));
    await waitFor(() => expect(errorOf(input)).toContain('请输入有效的手机号码。'));
    expect(server.callsTo('POST /api/v1/sims/link')).toHaveLength(1);
  });
});

describe('start a registration', () => {
  it('preselects the lines waiting for registration and creates a draft with them', async () => {
    const server = withLines(subscriberServer(), [line({ id: 'l1' }), line({ id: 'l2', msisdn: '+8613900139000' }), line({ id: 'l3', status: 'registered' })]);
    server.on('POST /api/v1/applications', { status: 201, body: application({ id: 'app_9' }) });
    server.on('GET /api/v1/applications/app_9', { status: 200, body: application({ id: 'app_9' }) });
    renderApp('/register', server, 'en');
    const group = await screen.findByRole('group', { name: 'Lines to register' });
    expect(within(group).getAllByRole('checkbox').map((c) => (c as HTMLInputElement).checked)).toEqual([true, true]);
    expect(screen.getByText('One person may register at most 5 lines.')).toBeTruthy();
    fireEvent.click(within(group).getAllByRole('checkbox')[1]!);
    fireEvent.click(screen.getByRole('button', { name: 'Start registration' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Step 1 of 3: Your details' })).toBeTruthy();
    expect(server.callsTo('POST /api/v1/applications')[0]!.body).toEqual({ line_ids: ['l1'] });
    expect(window.location.pathname).toBe('/applications/app_9/identity');
  });

  it('needs at least one line', async () => {
    const server = withLines(subscriberServer('zh-CN'), [line({ id: 'l1' })]);
    renderApp('/register', server, 'zh-CN');
    const group = await screen.findByRole('group', { name: '要登记的号码' });
    fireEvent.click(within(group).getByRole('checkbox'));
    fireEvent.click(screen.getByRole('button', { name: '开始登记' }));
    expect(errorOf(group)).toContain('请至少选择一个号码。');
    expect(server.callsTo('POST /api/v1/applications')).toHaveLength(0);
  });

  it('resumes the existing draft on 409 applications.draft_exists', async () => {
    const server = withLines(subscriberServer(), [line({ id: 'l1' })]);
    server.on('POST /api/v1/applications', problem(409, 'applications.draft_exists', { application_id: 'app_7' }));
    server.on('GET /api/v1/applications/app_7', { status: 200, body: application({ id: 'app_7', missing: ['/documents/selfie'], identity: { document_type: 'passport' } }) });
    renderApp('/register', server, 'en');
    fireEvent.click(await screen.findByRole('button', { name: 'Start registration' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Step 2 of 3: Photos' })).toBeTruthy();
    expect(screen.getByText('You already had a registration in progress, so we’ve opened it.')).toBeTruthy();
    expect(window.location.pathname).toBe('/applications/app_7/documents');
  });
});

describe('status page', () => {
  it.each([
    ['en', 'Submitted', 'Review due by', 'You'],
    ['zh-CN', '已提交', '预计审核完成时间', '您本人'],
  ] as const)('%s: pending shows the due date in the person’s locale and the timeline', async (locale, status, dueLabel, actor) => {
    const app = completeApplication({
      status: 'submitted',
      submitted_at: '2026-01-06T03:20:00Z',
      due_at: '2026-01-08T09:59:59Z',
      history: [
        { status: 'draft', at: '2026-01-06T03:05:00Z', actor: 'subscriber' },
        { status: 'submitted', at: '2026-01-06T03:20:00Z', actor: 'subscriber' },
      ],
    });
    renderApp('/applications/app_1', withLines(subscriberServer(locale), [], [app]), locale);
    expect((await screen.findByTestId('application-status')).textContent).toBe(status);
    expect(screen.getByText(dueLabel)).toBeTruthy();
    expect(screen.getByTestId('due-at').textContent).toBe(formatDeadline('2026-01-08T09:59:59Z', locale));
    const timeline = screen.getByTestId('timeline');
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(2);
    expect(within(timeline).getAllByText(new RegExp(actor))).toHaveLength(2);
  });

  it('after "changes requested": reasons (translated by code, else the server’s words), the note, and one click to fix', async () => {
    const app = completeApplication({
      status: 'resubmission_requested',
      decided_at: '2026-01-07T02:00:00Z',
      decision: {
        outcome: 'resubmission_requested',
        reasons: [
          { code: 'image.glare', message: 'Glare (server)' },
          { code: 'review.selfie_mismatch', message: 'The selfie does not look like the ID photo.' },
        ],
        note: 'Please retake both photos by a window.',
      },
      history: [
        { status: 'submitted', at: '2026-01-06T03:20:00Z', actor: 'subscriber' },
        { status: 'in_review', at: '2026-01-07T01:00:00Z', actor: 'staff' },
        { status: 'resubmission_requested', at: '2026-01-07T02:00:00Z', actor: 'staff' },
      ],
    });
    renderApp('/applications/app_1', withLines(subscriberServer(), [], [app]), 'en');
    const decision = await screen.findByTestId('decision');
    expect(within(decision).getByText('There is glare on the document.')).toBeTruthy();
    expect(within(decision).getByText('The selfie does not look like the ID photo.')).toBeTruthy();
    expect(within(decision).getByText('Please retake both photos by a window.')).toBeTruthy();
    // One reason is not about photos, so the fix starts at the identity step.
    fireEvent.click(screen.getByTestId('fix-and-resubmit'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Step 1 of 3: Your details' })).toBeTruthy();
    expect(within(screen.getByTestId('changes-requested')).getByText('Please retake both photos by a window.')).toBeTruthy();
  });

  it('photo-only reasons open the documents step', async () => {
    const app = completeApplication({
      status: 'resubmission_requested',
      decision: { outcome: 'resubmission_requested', reasons: [{ code: 'image.blurred', message: '' }], note: null },
    });
    renderApp('/applications/app_1', withLines(subscriberServer('zh-CN'), [], [app]), 'zh-CN');
    const fix = await screen.findByTestId('fix-and-resubmit');
    expect(fix.textContent).toBe('修改并重新提交');
    expect(fix.getAttribute('href')).toBe('/applications/app_1/documents');
  });

  it.each([
    [
      [{ code: 'image.blurred', severity: 'fixable', message: 'srv', hint: 'srv' }],
      ['The photo is blurred.', 'What to do: Hold the phone steady, tap the screen to focus, and take it again.'],
      '/applications/app_1/documents',
    ],
    [
      [{ code: 'document.missing_page', severity: 'fixable', message: 'A page of the document is missing.', hint: 'Photograph both sides.' }],
      ['A page of the document is missing.', 'What to do: Photograph both sides.'],
      '/applications/app_1/documents',
    ],
    [
      [
        { code: 'image.glare', severity: 'fixable', message: 'Glare', hint: 'Tilt' },
        { code: 'data.name_mismatch', severity: 'fixable', message: 'The name does not match the document.', hint: 'Type your name exactly as printed.' },
      ],
      ['There is glare on the document.', 'The name does not match the document.', 'What to do: Type your name exactly as printed.'],
      '/applications/app_1/identity',
    ],
  ] as const)('review reasons show what is wrong and what to do, and "Fix and resubmit" opens the right step (%#)', async (reasons, texts, href) => {
    const app = completeApplication({
      status: 'resubmission_requested',
      decision: { outcome: 'resubmission_requested', reasons: reasons.map((r) => ({ ...r })), note: null },
    });
    renderApp('/applications/app_1', withLines(subscriberServer(), [], [app]), 'en');
    const decision = await screen.findByTestId('decision');
    for (const text of texts) expect(decision.textContent).toContain(text);
    expect(screen.getByTestId('fix-and-resubmit').getAttribute('href')).toBe(href);
  });

  it('a not-found application says so', async () => {
    renderApp('/applications/nope', subscriberServer().on('GET /api/v1/applications/nope', problem(404, 'http.not_found')), 'en');
    expect(await screen.findByText('That could not be found.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
