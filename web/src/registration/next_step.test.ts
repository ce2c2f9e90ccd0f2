import { describe, expect, it } from 'vitest';
import type { Application } from '../api/registration_types';
import { application, line } from '../test/registration_fixtures';
import { applicationOf, canStartRegistration, nextStepForLine, primaryNextStep, unlistedApplicationIds } from './next_step';

const apps = (...list: Application[]) => new Map(list.map((a) => [a.id, a]));

describe('nextStepForLine', () => {
  it.each([
    ['unregistered, no application', line(), apps(), { kind: 'register' }],
    ['restricted, no application', line({ status: 'restricted' }), apps(), { kind: 'register' }],
    ['registered', line({ status: 'registered', application_id: 'a' }), apps(), { kind: 'done' }],
    ['frozen', line({ status: 'frozen' }), apps(), { kind: 'blocked' }],
    ['cancelled', line({ status: 'cancelled' }), apps(), { kind: 'blocked' }],
    ['draft', line({ application_id: 'a' }), apps(application({ id: 'a' })), { kind: 'continue', applicationId: 'a' }],
    [
      'submitted',
      line({ status: 'pending', application_id: 'a' }),
      apps(application({ id: 'a', status: 'submitted', due_at: '2026-01-08T10:00:00Z' })),
      { kind: 'pending', applicationId: 'a', dueAt: '2026-01-08T10:00:00Z' },
    ],
    ['in review', line({ status: 'pending', application_id: 'a' }), apps(application({ id: 'a', status: 'in_review', due_at: null })), { kind: 'pending', applicationId: 'a', dueAt: null }],
    [
      'changes requested for a photo',
      line({ status: 'pending', application_id: 'a' }),
      apps(application({ id: 'a', status: 'resubmission_requested', decision: { outcome: 'resubmission_requested', reasons: [{ code: 'image.blurred', message: '' }], note: null } })),
      { kind: 'fix', applicationId: 'a', step: 'documents' },
    ],
    ['rejected, line free again', line({ application_id: 'a' }), apps(application({ id: 'a', status: 'rejected' })), { kind: 'rejected', applicationId: 'a' }],
    ['application not loadable, line pending', line({ status: 'pending', application_id: 'a' }), apps(), { kind: 'pending', applicationId: 'a', dueAt: null }],
    ['application not loadable, line unregistered', line({ application_id: 'a' }), apps(), { kind: 'continue', applicationId: 'a' }],
  ] as const)('%s', (_name, l, map, expected) => {
    expect(nextStepForLine(l, map)).toEqual(expected);
  });
});

describe('applicationOf (drafts name their lines; the line does not name the draft yet)', () => {
  const draft = { id: 'd', status: 'draft', line_ids: ['ln_1'] } as const;
  const rejected = { id: 'r', status: 'rejected', line_ids: ['ln_1'] } as const;
  it.each([
    ['found through line_ids', line(), new Map([['d', draft]]), 'd'],
    ['an open application beats a rejected one', line(), new Map<string, typeof draft | typeof rejected>([['r', rejected], ['d', draft]]), 'd'],
    ['a rejected one when nothing else', line(), new Map([['r', rejected]]), 'r'],
    ['application_id wins', line({ application_id: 'x' }), new Map<string, unknown>([['d', draft], ['x', { id: 'x', status: 'submitted' }]]), 'x'],
    ['other lines’ applications are not this line’s', line({ id: 'ln_2' }), new Map([['d', draft]]), null],
  ] as const)('%s', (_name, l, map, id) => {
    expect(applicationOf(l, map as never)?.id ?? null).toBe(id);
  });

  it('a draft found through line_ids makes the next step "continue", and the line not startable', () => {
    const map = new Map([['d', { id: 'd', status: 'draft' as const, line_ids: ['ln_1'] }]]);
    expect(nextStepForLine(line(), map)).toEqual({ kind: 'continue', applicationId: 'd' });
    expect(canStartRegistration(line(), map)).toBe(false);
    expect(canStartRegistration(line({ id: 'ln_2' }), map)).toBe(true);
  });
});

describe('primaryNextStep', () => {
  it.each([
    ['no lines → link one', [], apps(), 'link'],
    ['a fix beats everything', [line({ id: '1', application_id: 'a' }), line({ id: '2' })], apps(application({ id: 'a', status: 'resubmission_requested' })), 'fix'],
    ['a draft beats a new line', [line({ id: '2' }), line({ id: '1', application_id: 'a' })], apps(application({ id: 'a' })), 'continue'],
    ['a new line beats a pending one', [line({ id: '1', status: 'pending', application_id: 'a' }), line({ id: '2' })], apps(application({ id: 'a', status: 'submitted' })), 'register'],
    ['only pending', [line({ status: 'pending', application_id: 'a' })], apps(application({ id: 'a', status: 'submitted' })), 'pending'],
    ['a rejected one is registered again', [line({ application_id: 'a' })], apps(application({ id: 'a', status: 'rejected' })), 'register'],
    ['all registered', [line({ status: 'registered' })], apps(), 'done'],
  ] as const)('%s', (_name, lines, map, kind) => {
    expect(primaryNextStep([...lines], map).kind).toBe(kind);
  });

  it('names each application a line points to but the list lacks, once', () => {
    const lines = [line({ id: '1', application_id: 'a' }), line({ id: '2', application_id: 'a' }), line({ id: '3' }), line({ id: '4', application_id: 'b' })];
    expect(unlistedApplicationIds(lines, apps())).toEqual(['a', 'b']);
    expect(unlistedApplicationIds(lines, apps(application({ id: 'b' })))).toEqual(['a']);
  });

  it.each([
    [line(), apps(), true],
    [line({ status: 'restricted' }), apps(), true],
    [line({ status: 'pending', application_id: 'a' }), apps(application({ id: 'a', status: 'submitted' })), false],
    [line({ application_id: 'a' }), apps(application({ id: 'a' })), false],
    [line({ application_id: 'a' }), apps(application({ id: 'a', status: 'rejected' })), true],
    [line({ status: 'registered' }), apps(), false],
  ] as const)('%#: canStartRegistration', (l, map, expected) => {
    expect(canStartRegistration(l, map)).toBe(expected);
  });
});
