import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReviewCase } from '../api/review_types';
import { FakeServer, kAdminMe, problem } from '../test/fake_server';
import { kCnProfile } from '../test/registration_fixtures';
import { renderApp } from '../test/render_app';
import {
  inMinutes,
  kMaskedIdentity,
  kReasons,
  kReviewerMe,
  kStats,
  kSupervisorMe,
  reviewCase,
  summary,
} from '../test/review_fixtures';

afterEach(() => {
  vi.useRealTimers();
});

function staffServer(me: object = kReviewerMe) {
  return new FakeServer()
    .on('GET /api/v1/me', { status: 200, body: me })
    .on('GET /api/v1/jurisdiction', { status: 200, body: kCnProfile })
    .on('GET /api/v1/review/reasons', { status: 200, body: { reasons: kReasons } })
    .on('POST /api/v1/review/cases/app_1/renew', { status: 200, body: { lease_expires_at: inMinutes(15) } });
}

const kCounts = { total: 3, overdue: 1, due_today: 1, flagged: 1, resubmissions: 1, escalated: 0, claimed: 1 };

function queueServer(me: object = kReviewerMe) {
  const today = new Date();
  today.setHours(23, 0, 0, 0);
  return staffServer(me).on('GET /api/v1/review/queue', {
    status: 200,
    body: {
      items: [
        summary({ id: 'app_late', overdue: true, due_at: inMinutes(-60), flags: ['duplicate_document'] }),
        summary({ id: 'app_today', due_at: today.toISOString(), submission_count: 2 }),
        summary({ id: 'app_later', claim: { staff_id: 'stf_x', lease_expires_at: inMinutes(10), mine: false } }),
      ],
      counts: kCounts,
    },
  });
}

const key = (k: string, target: Element | Document = document) => fireEvent.keyDown(target, { key: k });

async function openCase(server: FakeServer, c: ReviewCase = reviewCase(), locale: 'en' | 'zh-CN' = 'en') {
  server.on(`GET /api/v1/review/cases/${c.id}`, { status: 200, body: c });
  renderApp(`/staff/review/cases/${c.id}`, server, locale);
  await screen.findByTestId('case-page');
}

describe('review queue', () => {
  it('lists masked summaries with counts, highlights overdue and due-today, and filters by query', async () => {
    const server = queueServer();
    renderApp('/staff/review', server, 'en');
    const rows = await screen.findAllByTestId('queue-row');
    expect(rows.map((r) => r.getAttribute('data-case'))).toEqual(['app_late', 'app_today', 'app_later']);
    expect(rows[0]!.className).toBe('row--overdue');
    expect(within(rows[0]!).getByText('Overdue')).toBeTruthy();
    expect(within(rows[0]!).getByText('Duplicate document')).toBeTruthy();
    expect(rows[1]!.className).toBe('row--due-today');
    expect(within(rows[1]!).getByText('No. 2')).toBeTruthy();
    expect(within(rows[2]!).getByText(/^Someone else, until/)).toBeTruthy();
    expect(within(rows[0]!).getByText('W*** X******')).toBeTruthy();
    expect(within(rows[0]!).getByText('**************0025')).toBeTruthy();
    expect(within(rows[0]!).getByText('Resident Identity Card')).toBeTruthy();
    const counts = screen.getByTestId('queue-counts');
    expect(within(counts).getByText('In queue').nextSibling?.textContent).toBe('3');
    expect(server.callsTo('GET /api/v1/review/queue')[0]!.url).toBe('/api/v1/review/queue?limit=50');

    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'online' } });
    fireEvent.change(screen.getByLabelText('Flagged'), { target: { value: 'true' } });
    fireEvent.change(screen.getByLabelText('Document type'), { target: { value: 'passport' } });
    await waitFor(() =>
      expect(server.callsTo('GET /api/v1/review/queue').at(-1)!.url).toBe(
        '/api/v1/review/queue?channel=online&document_type=passport&flagged=true&limit=50',
      ),
    );
  });

  it('"n" claims the next case and opens it without fetching it again', async () => {
    const server = queueServer().on('POST /api/v1/review/next', { status: 200, body: reviewCase() });
    renderApp('/staff/review', server, 'en');
    await screen.findAllByTestId('queue-row');
    expect(screen.getByRole('button', { name: /Next case/ }).getAttribute('aria-keyshortcuts')).toBe('n');
    key('n');
    await screen.findByTestId('case-page');
    expect(window.location.pathname).toBe('/staff/review/cases/app_1');
    expect(server.callsTo('POST /api/v1/review/next')[0]!.body).toEqual({});
    expect(server.callsTo('GET /api/v1/review/cases/app_1')).toHaveLength(0);
    expect(screen.getByTestId('identity-document_number').textContent).toBe('110105199003070025');
  });

  it('"n" while typing in a field does nothing; 204 shows the empty queue', async () => {
    const server = queueServer({ ...kReviewerMe, locale: 'zh-CN' }).on('POST /api/v1/review/next', { status: 204 });
    renderApp('/staff/review', server, 'zh-CN');
    await screen.findAllByTestId('queue-row');
    key('n', screen.getByLabelText('渠道'));
    expect(server.callsTo('POST /api/v1/review/next')).toHaveLength(0);
    key('n');
    expect(await screen.findByText('队列为空')).toBeTruthy();
    expect(screen.getByTestId('queue-empty').textContent).toContain('目前没有等待您审核的案件');
  });

  it('keeps staff without a review role out', async () => {
    const server = staffServer(kAdminMe);
    renderApp('/staff/review', server, 'en');
    expect(await screen.findByText('Only reviewers and supervisors can review registrations.')).toBeTruthy();
    expect(server.callsTo('GET /api/v1/review/queue')).toHaveLength(0);
  });
});

describe('case page: documents', () => {
  it('zooms, rotates and switches documents from the keyboard (front, back, selfie whatever the server order)', async () => {
    await openCase(staffServer(), reviewCase({ documents: [...reviewCase().documents].reverse() }));
    const image = () => screen.getByTestId('document-image');
    expect(image().getAttribute('src')).toBe('/api/v1/review/cases/app_1/documents/id_front');
    expect(image().className).toBe('viewer__img viewer__img--z100 viewer__img--r0');
    key('+');
    key('=');
    key('r');
    expect(image().className).toBe('viewer__img viewer__img--z150 viewer__img--r90');
    expect(screen.getByTestId('viewer-zoom').textContent).toBe('Zoom 150%, rotated 90°');
    key('-');
    expect(image().className).toBe('viewer__img viewer__img--z125 viewer__img--r90');
    key('0');
    expect(image().className).toBe('viewer__img viewer__img--z100 viewer__img--r0');
    key(']');
    expect(screen.getByRole('tab', { name: 'Back of your ID document' }).getAttribute('aria-selected')).toBe('true');
    expect(image().getAttribute('src')).toBe('/api/v1/review/cases/app_1/documents/id_back');
    key('[');
    key('[');
    expect(screen.getByRole('tab', { name: 'Photo of your face' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('case-quality-ok')).toBeTruthy();
  });

  it('shows the typed data, validation, checks, escalation and earlier decisions', async () => {
    const c = reviewCase({
      flags: ['cap_exceeded', 'cross_field_mismatch'],
      validation: { valid: false, errors: [{ field: '/identity/document_number', code: 'id.check_digit' }] },
      checks: {
        duplicates: [{ application_id: 'app_dup', status: 'approved', same_subscriber: false }],
        registered_lines_same_document: 2,
        cap: { limit: 5, would_hold: 6, exceeded: true },
        cross_field: { applicable: true, date_of_birth_matches: false, sex_matches: null },
      },
      escalation: { by: 'stf_other', note: 'Looks like a duplicate.', at: '2026-11-20T09:30:00.000Z' },
      previous_decisions: [
        {
          outcome: 'resubmission_requested',
          reasons: [{ code: 'image.blurred', message: 'srv', hint: 'srv' }],
          note: 'Retake the front.',
          decided_at: '2026-11-18T10:00:00.000Z',
          reviewer_id: 'stf_rev',
        },
      ],
      submission_count: 2,
    });
    await openCase(staffServer(), c);
    await waitFor(() => expect(screen.getByTestId('identity-document_type').textContent).toBe('Resident Identity Card'));
    expect(screen.getByTestId('identity-date_of_birth').textContent).toBe('March 7, 1990');
    expect(screen.getByTestId('identity-sex').textContent).toBe('Female');
    expect(screen.getByTestId('identity-document_type').textContent).toBe('Resident Identity Card');
    const validation = screen.getByTestId('case-validation');
    expect(validation.textContent).toContain('Document number:');
    expect(validation.textContent).toContain('check digit');
    const checks = screen.getByTestId('case-checks');
    expect(within(checks).getByText('Over the SIM cap')).toBeTruthy();
    expect(within(checks).getByRole('link', { name: 'app_dup' }).getAttribute('href')).toBe('/staff/review/cases/app_dup');
    expect(within(checks).getByText('another subscriber')).toBeTruthy();
    expect(within(checks).getByText('Registered lines with this document number: 2')).toBeTruthy();
    expect(screen.getByTestId('cap-check').textContent).toBe('Would hold 6 of 5 linesOver the cap');
    expect(screen.getByTestId('cross-field').textContent).toBe('Date of birth: does not matchSex: not encoded');
    expect(screen.getByText('Looks like a duplicate.')).toBeTruthy();
    const previous = screen.getByTestId('previous-decisions');
    expect(within(previous).getByText('Resubmission requested')).toBeTruthy();
    expect(within(previous).getByText('The photo is blurred.')).toBeTruthy();
    expect(within(previous).getByText('Retake the front.')).toBeTruthy();
  });
});

describe('case page: decisions', () => {
  it('"x" offers only final reasons; typing filters, Space selects, Enter decides, then the queue when nothing is left', async () => {
    const server = staffServer()
      .on('POST /api/v1/review/cases/app_1/decision', (call) => ({
        status: 200,
        body: { application_id: 'app_1', status: 'rejected', decision: { ...(call.body as object), decided_at: inMinutes(0), reviewer_id: 'stf_rev' } },
      }))
      .on('POST /api/v1/review/next', { status: 204 })
      .on('GET /api/v1/review/queue', { status: 200, body: { items: [], counts: { ...kCounts, total: 0 } } });
    await openCase(server);
    key('x');
    const panel = await screen.findByTestId('decision-panel');
    expect(within(panel).getByRole('heading', { name: 'Reject this registration' })).toBeTruthy();
    const options = () => within(panel).getAllByRole('option').map((o) => o.getAttribute('data-code'));
    expect(options()).toEqual(['document.forged', 'identity.fraud_suspected']);
    const filter = within(panel).getByRole('combobox', { name: 'Filter reasons' });
    await waitFor(() => expect(document.activeElement).toBe(filter));
    fireEvent.change(filter, { target: { value: 'fraud' } });
    expect(options()).toEqual(['identity.fraud_suspected']);
    fireEvent.keyDown(filter, { key: ' ' });
    expect(within(panel).getByRole('option').getAttribute('aria-selected')).toBe('true');
    expect(within(panel).getByText('Selected: 1')).toBeTruthy();
    fireEvent.keyDown(filter, { key: 'Enter' });
    await screen.findByTestId('queue-empty');
    expect(server.callsTo('POST /api/v1/review/cases/app_1/decision')[0]!.body).toEqual({ outcome: 'reject', reasons: ['identity.fraud_suspected'] });
    expect(window.location.pathname).toBe('/staff/review');
    expect(screen.getByText('Decision saved. There is no other case for you right now.')).toBeTruthy();
  });

  it('"s" needs a fixable reason; arrows move, the note is sent, and the next case opens', async () => {
    const server = staffServer()
      .on('POST /api/v1/review/cases/app_1/decision', {
        status: 200,
        body: { application_id: 'app_1', status: 'resubmission_requested', decision: { outcome: 'resubmission_requested', reasons: [], note: null, decided_at: inMinutes(0), reviewer_id: 'stf_rev' } },
      })
      .on('POST /api/v1/review/next', { status: 200, body: reviewCase({ id: 'app_2' }) });
    await openCase(server);
    key('s');
    const panel = await screen.findByTestId('decision-panel');
    const filter = within(panel).getByRole('combobox');
    expect(within(panel).getAllByRole('option').map((o) => o.getAttribute('data-code'))).toEqual([
      'image.blurred',
      'image.glare',
      'document.expired',
      'data.name_mismatch',
    ]);
    fireEvent.keyDown(filter, { key: 'Enter' });
    expect(await within(panel).findByText('Choose at least one reason.')).toBeTruthy();
    expect(server.callsTo('POST /api/v1/review/cases/app_1/decision')).toHaveLength(0);
    fireEvent.keyDown(filter, { key: 'ArrowDown' });
    fireEvent.keyDown(filter, { key: 'ArrowDown' });
    fireEvent.keyDown(filter, { key: 'ArrowUp' });
    expect(filter.getAttribute('aria-activedescendant')).toMatch(/image\.glare$/);
    fireEvent.keyDown(filter, { key: ' ' });
    fireEvent.change(within(panel).getByLabelText(/^Note/), { target: { value: '  Tilt the card.  ' } });
    fireEvent.keyDown(within(panel).getByLabelText(/^Note/), { key: 'Enter' });
    await waitFor(() => expect(window.location.pathname).toBe('/staff/review/cases/app_2'));
    expect(server.callsTo('POST /api/v1/review/cases/app_1/decision')[0]!.body).toEqual({
      outcome: 'request_resubmission',
      reasons: ['image.glare'],
      note: 'Tilt the card.',
    });
    expect(await screen.findByText('Decision saved. This is your next case.')).toBeTruthy();
    expect(screen.getByTestId('case-page').getAttribute('data-case')).toBe('app_2');
  });

  it('Esc in the panel cancels it and gives the page its shortcuts back', async () => {
    const server = staffServer();
    await openCase(server);
    key('a');
    const panel = await screen.findByTestId('decision-panel');
    expect(within(panel).getByText('The lines will be registered and the subscriber told by e-mail and SMS.')).toBeTruthy();
    expect(within(panel).queryByRole('listbox')).toBeNull();
    fireEvent.keyDown(within(panel).getByLabelText(/^Note/), { key: 'Escape' });
    expect(screen.queryByTestId('decision-panel')).toBeNull();
    key('+');
    expect(screen.getByTestId('document-image').className).toContain('--z125');
  });

  it('four-eyes: the server refuses the approval, "e" escalates with a note', async () => {
    const server = staffServer()
      .on('POST /api/v1/review/cases/app_1/decision', problem(409, 'review.four_eyes_required'))
      .on('POST /api/v1/review/cases/app_1/escalate', { status: 200, body: reviewCase({ escalated: true, claim: null, status: 'submitted' }) })
      .on('GET /api/v1/review/queue', { status: 200, body: { items: [], counts: kCounts } });
    await openCase(server, reviewCase({ flags: ['duplicate_document'] }));
    key('a');
    const panel = await screen.findByTestId('decision-panel');
    fireEvent.keyDown(within(panel).getByLabelText(/^Note/), { key: 'Enter' });
    const warning = await screen.findByTestId('four-eyes');
    expect(warning.textContent).toContain('Escalate it instead.');
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Escalate'));
    fireEvent.keyDown(document.activeElement!, { key: 'e' });
    const escalate = await screen.findByRole('heading', { name: 'Escalate to a supervisor' });
    const note = within(escalate.closest('section')!).getByLabelText(/^Note for the supervisor/);
    await waitFor(() => expect(document.activeElement).toBe(note));
    fireEvent.change(note, { target: { value: 'Same number as app_9.' } });
    fireEvent.keyDown(note, { key: 'Enter' });
    expect(await screen.findByText('The case was escalated to a supervisor.')).toBeTruthy();
    expect(server.callsTo('POST /api/v1/review/cases/app_1/escalate')[0]!.body).toEqual({ note: 'Same number as app_9.' });
  });

  it('Esc asks before releasing the case, then returns to the queue', async () => {
    const server = staffServer()
      .on('POST /api/v1/review/cases/app_1/release', { status: 204 })
      .on('GET /api/v1/review/queue', { status: 200, body: { items: [], counts: kCounts } });
    await openCase(server);
    key('Escape');
    const dialog = await screen.findByRole('dialog', { name: 'Release this case?' });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Release the case'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Release the case' }));
    expect(await screen.findByText('The case went back to the queue.')).toBeTruthy();
    expect(server.callsTo('POST /api/v1/review/cases/app_1/release')).toHaveLength(1);
  });

  it('renews the lease before it runs out while the reviewer is active', async () => {
    const server = staffServer();
    await openCase(server, reviewCase({ claim: { staff_id: 'stf_rev', lease_expires_at: inMinutes(4 / 60), mine: true } }));
    expect(screen.getByTestId('lease').textContent).toMatch(/^Your claim ends in 0:0[34]$/);
    fireEvent.pointerDown(document.body);
    await waitFor(() => expect(server.callsTo('POST /api/v1/review/cases/app_1/renew')).toHaveLength(1), { timeout: 3000 });
    await waitFor(() => expect(screen.getByTestId('lease').textContent).toMatch(/^Your claim ends in 1[45]:\d\d$/));
  });

  it('an expired lease hides the decision actions and offers to claim again', async () => {
    const server = staffServer().on('POST /api/v1/review/cases/app_1/claim', { status: 200, body: reviewCase() });
    await openCase(server, reviewCase({ claim: { staff_id: 'stf_rev', lease_expires_at: inMinutes(-1), mine: true } }));
    expect(screen.getByText(/Your claim has expired/)).toBeTruthy();
    expect(screen.queryByTestId('action-a')).toBeNull();
    key('a');
    expect(screen.queryByTestId('decision-panel')).toBeNull();
    fireEvent.click(screen.getByTestId('claim'));
    expect(await screen.findByTestId('action-a')).toBeTruthy();
  });
});

describe('case page: not the holder', () => {
  it('a reviewer who does not hold the case is told so and can claim it with "c"', async () => {
    const server = staffServer()
      .on('GET /api/v1/review/cases/app_1', problem(409, 'review.not_holder'))
      .on('POST /api/v1/review/cases/app_1/claim', { status: 200, body: reviewCase() });
    renderApp('/staff/review/cases/app_1', server, 'en');
    expect(await screen.findByText('You are not holding this case. Claim it first.')).toBeTruthy();
    key('c');
    await screen.findByTestId('case-page');
    expect(screen.getByTestId('identity-full_name').textContent).toBe('WANG XIAOMEI');
  });

  it('a claim refused because someone else holds it is explained', async () => {
    const server = staffServer({ ...kReviewerMe, locale: 'zh-CN' })
      .on('GET /api/v1/review/cases/app_1', problem(409, 'review.not_holder'))
      .on('POST /api/v1/review/cases/app_1/claim', problem(409, 'review.claimed_by_other'));
    renderApp('/staff/review/cases/app_1', server, 'zh-CN');
    fireEvent.click(await screen.findByTestId('claim'));
    expect(await screen.findByText('另一位审核员正在处理此案件。')).toBeTruthy();
  });

  it('a supervisor sees it masked, unmasks one field or all, and reassigns with "m"', async () => {
    const masked = reviewCase({
      masked: true,
      identity: kMaskedIdentity,
      claim: { staff_id: 'stf_rev', lease_expires_at: inMinutes(10), mine: false },
    });
    const server = staffServer(kSupervisorMe)
      .on('POST /api/v1/review/cases/app_1/unmask', (call) => {
        const fields = (call.body as { fields: string[] }).fields;
        const full = reviewCase().identity as Record<string, string>;
        return { status: 200, body: { identity: Object.fromEntries(fields.map((f) => [f, full[f]])) } };
      })
      .on('GET /api/v1/review/reviewers', { status: 200, body: { items: [{ id: 'stf_r2', email: 'r2@example.test', roles: ['reviewer'] }] } })
      .on('POST /api/v1/review/cases/app_1/reassign', { status: 200, body: summary() })
      .on('GET /api/v1/review/queue', { status: 200, body: { items: [], counts: kCounts } });
    await openCase(server, masked);
    expect(screen.getByText(/Masked: you are not holding this case/)).toBeTruthy();
    expect(screen.getByTestId('identity-document_number').textContent).toBe('**************0025');
    expect(screen.queryByTestId('action-a')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show Document number' }));
    await waitFor(() => expect(screen.getByTestId('identity-document_number').textContent).toBe('110105199003070025'));
    expect(server.callsTo('POST /api/v1/review/cases/app_1/unmask')[0]!.body).toEqual({ fields: ['document_number'] });
    key('u');
    await waitFor(() => expect(screen.getByTestId('identity-full_name').textContent).toBe('WANG XIAOMEI'));
    expect((server.callsTo('POST /api/v1/review/cases/app_1/unmask')[1]!.body as { fields: string[] }).fields).not.toContain('document_number');

    key('m');
    const dialog = await screen.findByRole('dialog', { name: 'Reassign this case' });
    const select = await within(dialog).findByLabelText('Give the case to');
    await within(dialog).findByRole('option', { name: 'r2@example.test (Reviewer)' });
    fireEvent.change(select, { target: { value: 'stf_r2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reassign' }));
    expect(await screen.findByText('The case was reassigned.')).toBeTruthy();
    expect(server.callsTo('POST /api/v1/review/cases/app_1/reassign')[0]!.body).toEqual({ staff_id: 'stf_r2' });
  });
});

describe('supervisor dashboard', () => {
  it('shows the figures, per-reviewer and mix tables and the sample report, refreshing every 30 s', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const server = staffServer(kSupervisorMe)
      .on('GET /api/v1/review/stats', { status: 200, body: kStats })
      .on('GET /api/v1/review/samples/report', {
        status: 200,
        body: { items: [{ reviewer_id: 'stf_rev', email: 'reviewer@example.test', sampled: 9, reviewed: 6, disagreements: 1 }] },
      });
    renderApp('/staff/supervisor', server, 'en');
    const figures = await screen.findByTestId('dashboard-figures');
    const value = (name: string) => figures.querySelector(`[data-count="${name}"] dd`)?.textContent;
    expect(value('queue_depth')).toBe('42');
    expect(value('overdue')).toBe('3');
    expect(value('median')).toBe('4 min 05 s');
    expect(value('p90')).toBe('2 h 01 min');
    const perReviewer = screen.getByTestId('per-reviewer');
    expect(within(perReviewer).getByText('reviewer@example.test').closest('tr')!.textContent).toBe('reviewer@example.test301.3');
    const mix = screen.getByTestId('mix');
    await waitFor(() => expect(within(mix).getByText('The photo is blurred.')).toBeTruthy());
    expect(within(mix).getByText('No reason')).toBeTruthy();
    expect(mix.querySelectorAll('meter')).toHaveLength(3);
    expect(mix.querySelector('meter')!.getAttribute('max')).toBe('120');
    const report = screen.getByTestId('sample-report');
    expect(report.querySelector('tbody tr')!.className).toBe('row--attention');
    expect(server.callsTo('GET /api/v1/review/stats')).toHaveLength(1);
    await act(async () => {
      vi.advanceTimersByTime(30_000);
    });
    await waitFor(() => expect(server.callsTo('GET /api/v1/review/stats')).toHaveLength(2));
  });

  it('is for supervisors only', async () => {
    renderApp('/staff/supervisor', staffServer({ ...kReviewerMe, locale: 'zh-CN' }), 'zh-CN');
    expect(await screen.findByText('只有主管可以查看此页面。')).toBeTruthy();
  });
});

describe('second review of samples', () => {
  it('"n" fetches a sample read-only, "a" agrees, "d" disagrees with reasons; then the next or none', async () => {
    let served = 0;
    const server = staffServer(kSupervisorMe)
      .on('POST /api/v1/review/samples/next', () => {
        served += 1;
        return served <= 2 ? { status: 200, body: { sample_id: `smp_${served}`, case: reviewCase({ status: 'approved', claim: null }) } } : { status: 204 };
      })
      .on('POST /api/v1/review/samples/smp_1/verdict', { status: 200, body: {} })
      .on('POST /api/v1/review/samples/smp_2/verdict', { status: 200, body: {} });
    renderApp('/staff/review/samples', server, 'en');
    await screen.findByRole('heading', { level: 1, name: 'Second review' });
    key('n');
    expect(await screen.findByText('Read-only: this case is already decided.')).toBeTruthy();
    expect(screen.getByTestId('document-image')).toBeTruthy();
    key('a');
    await waitFor(() => expect(served).toBe(2));
    expect(server.callsTo('POST /api/v1/review/samples/smp_1/verdict')[0]!.body).toEqual({ agree: true });
    key('d');
    const panel = await screen.findByTestId('disagree-panel');
    const filter = within(panel).getByRole('combobox');
    fireEvent.change(filter, { target: { value: 'forged' } });
    fireEvent.keyDown(filter, { key: ' ' });
    fireEvent.keyDown(filter, { key: 'Enter' });
    expect(await screen.findByTestId('samples-empty')).toBeTruthy();
    expect(server.callsTo('POST /api/v1/review/samples/smp_2/verdict')[0]!.body).toEqual({ agree: false, reasons: ['document.forged'] });
    expect(screen.getByText('Verdict recorded.')).toBeTruthy();
  });
});

describe('staff home links by role', () => {
  it.each([
    [kReviewerMe, ['Review queue', 'Second review of sampled approvals']],
    [kSupervisorMe, ['Review queue', 'Second review of sampled approvals', 'Supervisor dashboard']],
    [kAdminMe, ['Webhooks', 'Manage staff accounts']],
    [{ ...kAdminMe, roles: ['support'] }, []],
  ] as const)('%#', async (me, links) => {
    renderApp('/staff', staffServer(me), 'en');
    await screen.findByRole('heading', { level: 1, name: 'Staff home' });
    const tools = screen.queryByTestId('staff-tools');
    expect(tools === null ? [] : within(tools).getAllByRole('link').map((l) => l.textContent)).toEqual(links);
    if (links.length === 0) expect(screen.getByText('Tools for your roles will appear here as they are released.')).toBeTruthy();
  });
});

describe('main navigation by role', () => {
  it.each([
    [kReviewerMe, ['Staff home', 'Review queue']],
    [kSupervisorMe, ['Staff home', 'Review queue', 'Dashboard']],
    [kAdminMe, ['Staff home', 'Staff accounts']],
    [{ ...kAdminMe, roles: ['support'] }, ['Staff home']],
  ] as const)('%#', async (me, links) => {
    renderApp('/staff', staffServer(me), 'en');
    await screen.findByRole('heading', { level: 1, name: 'Staff home' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((l) => l.textContent)).toEqual(links);
  });
});
