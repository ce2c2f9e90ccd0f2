// /staff/review (reviewer, supervisor): the queue of submitted cases, most urgent first, with masked
// values only, filters (channel, document type from the profile, flagged, resubmissions, escalated),
// the counts, overdue and due-today rows highlighted, and "Next case" (n) which claims the most
// urgent case and opens it, or says the queue is empty (204).
import { useCallback, useEffect, useState } from 'react';
import type { CaseSummary, QueueFilters, QueueResponse } from '../api/review_types';
import type { StaffMe } from '../api/types';
import { FormAlert, StatusNote } from '../components/alerts';
import { FlagBadges } from '../components/case_details';
import { DataTable } from '../components/data_table';
import { Kbd } from '../components/kbd';
import { LoadedList } from '../components/loaded_list';
import { usePageTitle } from '../components/page_title';
import { ApplicationStatusBadge } from '../components/status_badges';
import { StaffGuard } from '../components/staff_guard';
import { StaffPageCard } from '../components/staff_page_card';
import { Button } from '../components/submit_button';
import { formatDateTime } from '../i18n/format';
import { translateOr, type MessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { findDocumentType, localized } from '../registration/profile';
import { useProfile } from '../registration/use_profile';
import { casePath, stashCase } from '../review/case_handoff';
import { useShortcuts } from '../review/shortcuts';
import { Link, useNavState, useRouter } from '../router/router';
import { useApi } from '../session/services';

type TriState = '' | 'true' | 'false';

interface FilterForm {
  channel: string;
  document_type: string;
  flagged: TriState;
  resubmission: TriState;
  escalated: TriState;
}

const kEmptyFilters: FilterForm = { channel: '', document_type: '', flagged: '', resubmission: '', escalated: '' };

export function toQueueFilters(form: FilterForm): QueueFilters {
  const out: QueueFilters = { limit: 50 };
  if (form.channel !== '') out.channel = form.channel;
  if (form.document_type !== '') out.document_type = form.document_type;
  for (const flag of ['flagged', 'resubmission', 'escalated'] as const) {
    if (form[flag] !== '') out[flag] = form[flag] === 'true';
  }
  return out;
}

/** Same calendar day as now in the browser's time zone (the reviewer's working day). */
function isDueToday(iso: string | null, now: Date): boolean {
  if (iso === null) return false;
  const due = new Date(iso);
  return due.getFullYear() === now.getFullYear() && due.getMonth() === now.getMonth() && due.getDate() === now.getDate();
}

const kNotices: Record<string, MessageKey> = {
  decided_empty: 'queue.decidedEmpty',
  escalated: 'queue.escalatedNotice',
  released: 'queue.releasedNotice',
  reassigned: 'queue.reassignedNotice',
};

const kCountKeys = ['total', 'overdue', 'due_today', 'flagged', 'resubmissions', 'escalated', 'claimed'] as const;

function TriSelect({ id, label, value, onChange }: { id: string; label: string; value: TriState; onChange: (v: TriState) => void }) {
  const { t } = useI18n();
  return (
    <div className="field field--compact">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="field__input" value={value} onChange={(e) => onChange(e.target.value as TriState)}>
        <option value="">{t('queue.any')}</option>
        <option value="true">{t('queue.yes')}</option>
        <option value="false">{t('queue.no')}</option>
      </select>
    </div>
  );
}

function Queue(_: { me: StaffMe }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { navigate } = useRouter();
  const navState = useNavState();
  const profile = useProfile();
  const [filters, setFilters] = useState<FilterForm>(kEmptyFilters);
  const [data, setData] = useState<QueueResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [empty, setEmpty] = useState(navState.notice === 'decided_empty');
  const [busy, setBusy] = useState(false);
  usePageTitle(t('queue.title'));

  const load = useCallback(async () => {
    try {
      setData(await api.reviewQueue(toQueueFilters(filters)));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [api, filters]);

  useEffect(() => {
    void load();
  }, [load]);

  const next = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setEmpty(false);
    try {
      const claimed = await api.reviewNext({
        ...(filters.channel !== '' ? { channel: filters.channel } : {}),
        ...(filters.document_type !== '' ? { document_type: filters.document_type } : {}),
      });
      if (claimed === undefined) {
        setEmpty(true);
        setBusy(false);
        document.getElementById('queue-empty')?.focus();
        void load();
        return;
      }
      stashCase(claimed);
      navigate(casePath(claimed.id));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  useShortcuts({ n: () => void next() });

  const docLabel = (id: string | null) => {
    if (id === null) return '';
    if (profile.status !== 'ready') return id;
    const type = findDocumentType(profile.profile, id);
    return type !== null ? localized(type.label, locale, profile.profile.default_language) : id;
  };
  const set = <K extends keyof FilterForm>(key: K, value: FilterForm[K]) => {
    setEmpty(false);
    setFilters((f) => ({ ...f, [key]: value }));
  };
  const notice = typeof navState.notice === 'string' ? kNotices[navState.notice] : undefined;
  const now = new Date();

  return (
    <div className="stack stack--wide">
      <StaffPageCard
        title={t('queue.title')}
        lead={t('queue.lead')}
        action={
          <Button busy={busy} aria-keyshortcuts="n" onClick={() => void next()} data-testid="next-case">
            <Kbd k="n" /> {t('queue.next')}
          </Button>
        }
      >
        <StatusNote>{notice !== undefined && !(empty && navState.notice === 'decided_empty') ? t(notice) : null}</StatusNote>
        {empty ? (
          <div className="empty-state" id="queue-empty" tabIndex={-1} data-testid="queue-empty">
            <h2>{t('queue.emptyTitle')}</h2>
            <p>{navState.notice === 'decided_empty' ? t('queue.decidedEmpty') : t('queue.emptyBody')}</p>
          </div>
        ) : null}
        <FormAlert error={error} context="staff" />
        {data !== null ? (
          <dl className="counts" aria-label={t('queue.counts')} data-testid="queue-counts">
            {kCountKeys.map((k) => (
              <div key={k} className={`counts__item counts__item--${k}`} data-count={k}>
                <dt>{t(`counts.${k}`)}</dt>
                <dd>{data.counts[k]}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        <fieldset className="filters">
          <legend>{t('queue.filters')}</legend>
          <div className="field field--compact">
            <label className="field__label" htmlFor="filter-channel">
              {t('queue.channel')}
            </label>
            <select id="filter-channel" className="field__input" value={filters.channel} onChange={(e) => set('channel', e.target.value)}>
              <option value="">{t('queue.channelAny')}</option>
              <option value="online">{t('channel.online')}</option>
              <option value="store">{t('channel.store')}</option>
            </select>
          </div>
          <div className="field field--compact">
            <label className="field__label" htmlFor="filter-document-type">
              {t('queue.documentType')}
            </label>
            <select
              id="filter-document-type"
              className="field__input"
              value={filters.document_type}
              onChange={(e) => set('document_type', e.target.value)}
            >
              <option value="">{t('queue.documentTypeAny')}</option>
              {profile.status === 'ready'
                ? profile.profile.document_types.map((d) => (
                    <option key={d.id} value={d.id}>
                      {localized(d.label, locale, profile.profile.default_language)}
                    </option>
                  ))
                : null}
            </select>
          </div>
          <TriSelect id="filter-flagged" label={t('queue.flagged')} value={filters.flagged} onChange={(v) => set('flagged', v)} />
          <TriSelect id="filter-resubmission" label={t('queue.resubmission')} value={filters.resubmission} onChange={(v) => set('resubmission', v)} />
          <TriSelect id="filter-escalated" label={t('queue.escalated')} value={filters.escalated} onChange={(v) => set('escalated', v)} />
          <Button variant="secondary" onClick={() => void load()}>
            {t('queue.refresh')}
          </Button>
        </fieldset>
        <LoadedList items={data?.items ?? null} failed={error !== null} empty={<p data-testid="queue-no-match">{t('queue.noMatch')}</p>}>
          {(items) => (
            <DataTable id="queue" caption={t('queue.caption')} columns={[t('queue.colDue'), t('queue.colName'), t('queue.colDocument'), t('queue.colChannel'), t('queue.colStatus'), t('queue.colFlags'), t('queue.colSubmission'), t('queue.colClaim'), t('queue.colCase')]} className="table--queue">
              {items.map((item: CaseSummary) => {
                const today = !item.overdue && isDueToday(item.due_at, now);
                const rowClass = item.overdue ? 'row--overdue' : today ? 'row--due-today' : undefined;
                return (
                  <tr key={item.id} className={rowClass} data-testid="queue-row" data-case={item.id}>
                    <td>
                      {item.due_at !== null ? <time dateTime={item.due_at}>{formatDateTime(item.due_at, locale)}</time> : null}
                      {item.overdue ? <span className="badge badge--danger badge--spaced">{t('queue.overdue')}</span> : null}
                      {today ? <span className="badge badge--warn badge--spaced">{t('queue.dueToday')}</span> : null}
                    </td>
                    <th scope="row" className="masked-value">
                      {item.full_name_masked ?? ''}
                    </th>
                    <td>
                      <span className="muted">{docLabel(item.document_type)}</span>
                      <br />
                      <span className="masked-value">{item.document_number_masked ?? ''}</span>
                    </td>
                    <td>{translateOr(t, `channel.${item.channel}`, item.channel)}</td>
                    <td>
                      <ApplicationStatusBadge status={item.status} testId="queue-status" />
                    </td>
                    <td>
                      <FlagBadges flags={item.flags} escalated={item.escalated} />
                    </td>
                    <td>{t('queue.submissionN', { n: item.submission_count })}</td>
                    <td>
                      {item.claim === null
                        ? t('queue.unclaimed')
                        : item.claim.mine
                          ? t('queue.claimMine')
                          : t('queue.claimOther', { time: formatDateTime(item.claim.lease_expires_at, locale) })}
                    </td>
                    <td>
                      <Link to={casePath(item.id)} aria-label={t('queue.openCase', { name: item.full_name_masked ?? item.id })}>
                        {t('queue.open')}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </LoadedList>
      </StaffPageCard>
    </div>
  );
}

export function ReviewQueuePage() {
  return (
    <StaffGuard role={['reviewer', 'supervisor']} forbiddenKey="reviewAccess.forbidden">
      {(me) => <Queue me={me} />}
    </StaffGuard>
  );
}
