import { describe, expect, it } from 'vitest';
import { queueQuery } from '../api/endpoints';
import { translator } from '../i18n/i18n';
import { kReasons } from '../test/review_fixtures';
import { takeCase, stashCase, casePath } from './case_handoff';
import { formatDuration } from './durations';
import { formatCountdown, remainingMs, shouldRenew } from './lease';
import { filterReasons, reasonsForOutcome, selectionProblem } from './reason_filter';
import { isTypingTarget, shortcutKey } from './shortcuts';
import { cycleIndex, kInitialViewer, viewerClass, viewerReducer, zoomPercent, type ViewerAction } from './viewer_state';
import { reviewCase } from '../test/review_fixtures';

const codes = (list: Array<{ code: string }>) => list.map((r) => r.code);

describe('reasonsForOutcome: only reasons whose severity fits', () => {
  it.each([
    ['reject', ['document.forged', 'identity.fraud_suspected']],
    ['request_resubmission', ['image.blurred', 'image.glare', 'document.expired', 'data.name_mismatch']],
    ['approve', []],
  ] as const)('%s → %j', (outcome, expected) => {
    expect(codes(reasonsForOutcome(kReasons, outcome))).toEqual(expected);
  });
});

describe('filterReasons', () => {
  it.each([
    ['', 'en', 6],
    ['blur', 'en', 1],
    ['BLUR', 'en', 1],
    ['image.', 'en', 2],
    ['document', 'en', 4],
    ['document.f', 'en', 1],
    ['模糊', 'zh-CN', 1],
    ['photo blurred', 'en', 1],
    ['nothing-like-this', 'en', 0],
  ] as const)('%j in %s → %i reasons', (query, locale, count) => {
    expect(filterReasons(kReasons, query, locale)).toHaveLength(count);
  });
});

describe('selectionProblem mirrors the server rules', () => {
  it.each([
    ['approve', [], null],
    ['approve', ['image.blurred'], 'reasons.not_allowed'],
    ['reject', [], 'reasons.required'],
    ['reject', ['document.forged'], null],
    ['reject', ['document.forged', 'image.blurred'], 'reasons.not_allowed'],
    ['request_resubmission', ['image.blurred'], null],
    ['request_resubmission', ['document.forged'], 'reasons.not_allowed'],
    ['request_resubmission', ['no.such_code'], 'reasons.not_allowed'],
    ['request_resubmission', [], 'reasons.required'],
  ] as const)('%s %j → %s', (outcome, selected, expected) => {
    expect(selectionProblem(outcome, selected, kReasons)).toBe(expected);
  });
});

describe('viewer state', () => {
  const run = (actions: ViewerAction[]) => actions.reduce(viewerReducer, kInitialViewer);
  it.each([
    [[], 100, 0],
    [['zoom_in'], 125, 0],
    [['zoom_in', 'zoom_in', 'zoom_in'], 200, 0],
    [Array<ViewerAction>(20).fill('zoom_in'), 400, 0],
    [Array<ViewerAction>(20).fill('zoom_out'), 50, 0],
    [['rotate'], 100, 90],
    [['rotate', 'rotate', 'rotate', 'rotate'], 100, 0],
    [['zoom_in', 'rotate', 'reset'], 100, 0],
  ] as const)('%j → %i%% %i°', (actions, zoom, rotation) => {
    const state = run([...actions]);
    expect(zoomPercent(state)).toBe(zoom);
    expect(state.rotation).toBe(rotation);
    expect(viewerClass(state)).toBe(`viewer__img viewer__img--z${zoom} viewer__img--r${rotation}`);
  });

  it.each([
    [0, 1, 3, 1],
    [2, 1, 3, 0],
    [0, -1, 3, 2],
    [0, 1, 0, 0],
  ])('cycleIndex(%i, %i, %i) = %i', (index, delta, count, expected) => {
    expect(cycleIndex(index, delta, count)).toBe(expected);
  });
});

describe('lease', () => {
  const base = { expiresAt: 100_000, leaseMs: 90_000, lastRenewal: 10_000 };
  it.each([
    ['plenty left', { now: 20_000, lastActivity: 15_000 }, false],
    ['a third left and active since renewal', { now: 71_000, lastActivity: 15_000 }, true],
    ['a third left but idle since renewal', { now: 71_000, lastActivity: 9_000 }, false],
    ['already expired', { now: 100_000, lastActivity: 99_000 }, false],
  ] as const)('%s', (_name, input, expected) => {
    expect(shouldRenew({ ...base, ...input })).toBe(expected);
  });

  it('renews at least 5 s before expiry for very short leases', () => {
    expect(shouldRenew({ now: 96_000, expiresAt: 100_000, leaseMs: 6_000, lastActivity: 95_000, lastRenewal: 94_000 })).toBe(true);
  });

  it.each([
    [905, '15:05'],
    [59, '0:59'],
    [0, '0:00'],
    [-3, '0:00'],
  ])('formatCountdown(%i) = %s', (seconds, text) => {
    expect(formatCountdown(seconds)).toBe(text);
  });

  it('remainingMs never goes below zero and tolerates junk', () => {
    expect(remainingMs('2026-01-01T00:00:10.000Z', Date.parse('2026-01-01T00:00:00.000Z'))).toBe(10_000);
    expect(remainingMs('2026-01-01T00:00:10.000Z', Date.parse('2026-01-02T00:00:00.000Z'))).toBe(0);
    expect(remainingMs('soon', 0)).toBe(0);
  });
});

describe('shortcuts', () => {
  it.each([
    ['=', '+'],
    ['+', '+'],
    ['_', '-'],
    ['N', 'n'],
    ['Escape', 'Escape'],
    ['[', '['],
  ])('shortcutKey(%s) = %s', (key, expected) => {
    expect(shortcutKey({ key })).toBe(expected);
  });

  it.each([
    ['input', 'text', true],
    ['input', 'search', true],
    ['input', 'checkbox', false],
    ['textarea', '', true],
    ['select', '', true],
    ['button', '', false],
    ['div', '', false],
  ])('<%s type=%s> is a typing target: %s', (tag, type, expected) => {
    const el = document.createElement(tag);
    if (type !== '') el.setAttribute('type', type);
    expect(isTypingTarget(el)).toBe(expected);
  });
});

describe('queueQuery', () => {
  it.each([
    [{}, ''],
    [{ limit: 50 }, '?limit=50'],
    [{ channel: 'online', flagged: true, resubmission: false }, '?channel=online&flagged=true&resubmission=false'],
    [{ document_type: 'cn_resident_id', escalated: true }, '?document_type=cn_resident_id&escalated=true'],
    [{ channel: '' }, ''],
  ])('%j → %s', (filters, expected) => {
    expect(queueQuery(filters)).toBe(expected);
  });
});

describe('formatDuration', () => {
  const en = translator('en');
  const zh = translator('zh-CN');
  it.each([
    [en, null, 'No data'],
    [en, 42.4, '42 s'],
    [en, 245, '4 min 05 s'],
    [en, 7260, '2 h 01 min'],
    [zh, 245, '4 分 05 秒'],
    [en, Number.NaN, 'No data'],
  ] as const)('%#: %s', (t, seconds, text) => {
    expect(formatDuration(t, seconds)).toBe(text);
  });
});

describe('case handoff', () => {
  it('hands a case over once, and only to the page of that case', () => {
    const c = reviewCase({ id: 'app_9' });
    stashCase(c);
    expect(takeCase('app_other')).toBeNull();
    stashCase(c);
    expect(takeCase('app_9')).toBe(c);
    expect(takeCase('app_9')).toBeNull();
    expect(casePath('a/b')).toBe('/staff/review/cases/a%2Fb');
  });
});
