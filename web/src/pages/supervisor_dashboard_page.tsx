// /staff/supervisor (supervisor): the service-level view — queue depth, due today, overdue, being
// reviewed, median and 90th-percentile time to decision, decisions per reviewer per hour, the
// outcome/reason mix as a table with <meter> bars (no chart library; the CSP forbids inline styles),
// refreshed every 30 seconds, and the quality-sample report per reviewer.
import { useCallback, useEffect, useState } from 'react';
import type { ReviewStats, SampleReport } from '../api/review_types';
import { FormAlert } from '../components/alerts';
import { Loading } from '../components/auth_card';
import { usePageTitle } from '../components/page_title';
import { StaffGuard } from '../components/staff_guard';
import { StaffPageCard } from '../components/staff_page_card';
import { formatDateTime } from '../i18n/format';
import { translateOr } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { formatDuration, formatRate } from '../review/durations';
import { useReasons } from '../review/use_reasons';
import { reasonMessage } from '../review/reason_filter';
import { Link } from '../router/router';
import { useApi } from '../session/services';

export const kDashboardRefreshMs = 30_000;

function Dashboard() {
  const { t, locale } = useI18n();
  const api = useApi();
  const { reasons } = useReasons();
  const [stats, setStats] = useState<ReviewStats | null>(null);
  const [samples, setSamples] = useState<SampleReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [updated, setUpdated] = useState<string | null>(null);
  usePageTitle(t('dashboard.title'));

  const load = useCallback(async () => {
    try {
      const [s, r] = await Promise.all([api.reviewStats(), api.sampleReport()]);
      setStats(s);
      setSamples(r);
      setError(null);
      setUpdated(new Date().toISOString());
    } catch (caught) {
      setError(caught);
    }
  }, [api]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), kDashboardRefreshMs);
    return () => window.clearInterval(timer);
  }, [load]);

  const reasonLabel = (code: string | null) => {
    if (code === null || code === '') return t('dashboard.noReason');
    const info = reasons?.find((r) => r.code === code);
    return info !== undefined ? reasonMessage(info, locale) : code;
  };
  const mixTotal = stats?.mix.reduce((sum, m) => sum + m.count, 0) ?? 0;
  const hours = stats?.window_hours ?? 24;

  return (
    <div className="stack stack--wide">
      <StaffPageCard title={t('dashboard.title')} lead={t('dashboard.lead')}>
        {updated !== null ? (
          <p className="muted" aria-live="polite" data-testid="dashboard-updated">
            {t('dashboard.updated', { time: formatDateTime(updated, locale) })}
          </p>
        ) : null}
        <FormAlert error={error} context="staff" />
        {stats === null && error === null ? <Loading /> : null}
        {stats !== null ? (
          <dl className="counts counts--large" aria-label={t('dashboard.figures')} data-testid="dashboard-figures">
            <div className="counts__item" data-count="queue_depth">
              <dt>{t('dashboard.queueDepth')}</dt>
              <dd>{stats.queue_depth}</dd>
            </div>
            <div className="counts__item counts__item--due_today" data-count="due_today">
              <dt>{t('dashboard.dueToday')}</dt>
              <dd>{stats.due_today}</dd>
            </div>
            <div className="counts__item counts__item--overdue" data-count="overdue">
              <dt>{t('dashboard.overdue')}</dt>
              <dd>{stats.overdue}</dd>
            </div>
            <div className="counts__item" data-count="claimed">
              <dt>{t('dashboard.claimed')}</dt>
              <dd>{stats.claimed}</dd>
            </div>
            <div className="counts__item" data-count="median">
              <dt>{t('dashboard.median')}</dt>
              <dd>{formatDuration(t, stats.time_to_decision_seconds.median)}</dd>
            </div>
            <div className="counts__item" data-count="p90">
              <dt>{t('dashboard.p90')}</dt>
              <dd>{formatDuration(t, stats.time_to_decision_seconds.p90)}</dd>
            </div>
          </dl>
        ) : null}
        {stats !== null ? <p className="muted">{t('dashboard.decisionCount', { count: stats.time_to_decision_seconds.count })}</p> : null}
      </StaffPageCard>

      {stats !== null ? (
        <div className="dashboard-grid">
          <section className="card" aria-labelledby="per-reviewer-title">
            <h2 id="per-reviewer-title">{t('dashboard.perReviewer', { hours })}</h2>
            {stats.decisions_per_reviewer.length === 0 ? (
              <p className="muted">{t('dashboard.noDecisions')}</p>
            ) : (
              <table className="table" data-testid="per-reviewer">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.colReviewer')}</th>
                    <th scope="col" className="num">
                      {t('dashboard.colDecisions')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.colPerHour')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.decisions_per_reviewer.map((r) => (
                    <tr key={r.reviewer_id}>
                      <th scope="row" className="table__email">
                        {r.email}
                      </th>
                      <td className="num">{r.decisions}</td>
                      <td className="num">{formatRate(r.per_hour, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="mix-title">
            <h2 id="mix-title">{t('dashboard.mix', { hours })}</h2>
            {stats.mix.length === 0 ? (
              <p className="muted">{t('dashboard.noDecisions')}</p>
            ) : (
              <table className="table" data-testid="mix">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.colOutcome')}</th>
                    <th scope="col">{t('dashboard.colReason')}</th>
                    <th scope="col" className="num">
                      {t('dashboard.colCount')}
                    </th>
                    <th scope="col">{t('dashboard.colShare')}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.mix.map((m, i) => (
                    <tr key={`${m.outcome}-${m.reason ?? ''}-${i}`} className={`mix--${m.outcome}`}>
                      <td>{translateOr(t, `outcome.${m.outcome}`, m.outcome)}</td>
                      <td>{reasonLabel(m.reason)}</td>
                      <td className="num">{m.count}</td>
                      <td>
                        <meter className={`bar bar--${m.outcome}`} min={0} max={Math.max(1, mixTotal)} value={m.count}>
                          {m.count}
                        </meter>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      ) : null}

      <section className="card" aria-labelledby="samples-title">
        <h2 id="samples-title">{t('dashboard.samples')}</h2>
        <p>
          <Link to="/staff/review/samples" className="button button--secondary">
            {t('dashboard.secondReview')}
          </Link>
        </p>
        {samples !== null && samples.items.length === 0 ? <p className="muted">{t('dashboard.noSamples')}</p> : null}
        {samples !== null && samples.items.length > 0 ? (
          <table className="table" data-testid="sample-report">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.colReviewer')}</th>
                <th scope="col" className="num">
                  {t('dashboard.colSampled')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.colReviewed')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.colDisagreements')}
                </th>
              </tr>
            </thead>
            <tbody>
              {samples.items.map((r) => (
                <tr key={r.reviewer_id} className={r.disagreements > 0 ? 'row--attention' : undefined}>
                  <th scope="row" className="table__email">
                    {r.email}
                  </th>
                  <td className="num">{r.sampled}</td>
                  <td className="num">{r.reviewed}</td>
                  <td className="num">{r.disagreements}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}

export function SupervisorDashboardPage() {
  return (
    <StaffGuard role="supervisor" forbiddenKey="supervisorAccess.forbidden">
      {() => <Dashboard />}
    </StaffGuard>
  );
}
