// /staff/webhooks (admin): the carrier systems' webhook endpoints. Lists them (URL, events, status,
// the last 4 of the secret), adds one (URL, event checkboxes, optional secret) and shows the signing
// secret exactly once with a copy button, deactivates one after confirming, and shows each
// endpoint's deliveries with every attempt (time, HTTP status, error, duration) on demand.
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { kWebhookEvents, type CreatedWebhook, type WebhookDelivery, type WebhookEndpoint } from '../api/review_types';
import { FormAlert, StatusNote } from '../components/alerts';
import { Loading } from '../components/auth_card';
import { ConfirmDialog } from '../components/confirm_dialog';
import { DataTable } from '../components/data_table';
import { PageHeading } from '../components/layout';
import { usePageTitle } from '../components/page_title';
import { StaffGuard } from '../components/staff_guard';
import { Button, SubmitButton } from '../components/submit_button';
import { TextField } from '../components/text_field';
import { useForm, type BoundField } from '../components/use_form';
import { formatDateTime } from '../i18n/format';
import { translateOr, type Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { Link } from '../router/router';
import { useApi } from '../session/services';
import { collectErrors } from '../validation/validators';

export function parseEvents(value: string): string[] {
  const chosen = new Set(value.split(',').filter((e) => e !== ''));
  return kWebhookEvents.filter((e) => chosen.has(e));
}

/** Client check mirroring the server's: an absolute http(s) URL with a host. */
export function validateWebhookUrl(value: string): 'field.required' | 'url.invalid' | null {
  const trimmed = value.trim();
  if (trimmed === '') return 'field.required';
  try {
    const url = new URL(trimmed);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? null : 'url.invalid';
  } catch {
    return 'url.invalid';
  }
}

const eventLabel = (t: Translate, e: string) => translateOr(t, `event.${e}`, e);

function EventCheckboxes({ field }: { field: BoundField }) {
  const { t } = useI18n();
  const events = parseEvents(field.value);
  const errorId = `${field.id}-error`;
  return (
    <fieldset
      className={field.error !== null ? 'field roles field--invalid' : 'field roles'}
      aria-describedby={errorId}
      aria-invalid={field.error !== null ? true : undefined}
    >
      <legend className="field__label">{t('webhooks.events')}</legend>
      <div className="events__grid">
        {kWebhookEvents.map((event, index) => {
          const id = `${field.id}-${event}`;
          return (
            <div className="check" key={event}>
              <input
                id={id}
                type="checkbox"
                ref={index === 0 ? field.inputRef : undefined}
                checked={events.includes(event)}
                onChange={(e) => field.onChange((e.target.checked ? [...events, event] : events.filter((x) => x !== event)).join(','))}
              />
              <label htmlFor={id}>
                {eventLabel(t, event)} <code className="event-code">{event}</code>
              </label>
            </div>
          );
        })}
      </div>
      <p className="field__error" id={errorId} aria-live="polite">
        {field.error}
      </p>
    </fieldset>
  );
}

function AddWebhookForm({ onCreated }: { onCreated: (w: CreatedWebhook) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const form = useForm('add-webhook', { url: '', events: '', secret: '' });
  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const url = form.values.url.trim();
    const events = parseEvents(form.values.events);
    if (form.reject(collectErrors({ url: validateWebhookUrl(url), events: events.length === 0 ? 'events.empty' : null }))) return;
    const ok = await form.submit(async () => onCreated(await api.addWebhook(url, events, form.values.secret)));
    if (ok) {
      form.setValue('url', '');
      form.setValue('events', '');
      form.setValue('secret', '');
    }
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="add-webhook-title">
      <h2 id="add-webhook-title">{t('webhooks.addTitle')}</h2>
      <FormAlert error={form.formError} context="staff" />
      <TextField field={form.bind('url')} label={t('webhooks.url')} hint={t('webhooks.urlHint')} type="url" autoComplete="off" spellCheck={false} />
      <EventCheckboxes field={form.bind('events')} />
      <TextField
        field={form.bind('secret')}
        label={t('webhooks.secret')}
        hint={t('webhooks.secretHint')}
        optionalText={t('common.optional')}
        autoComplete="off"
        spellCheck={false}
      />
      <SubmitButton busy={form.busy}>{t('webhooks.add')}</SubmitButton>
    </form>
  );
}

function CreatedSecret({ created, onDone }: { created: CreatedWebhook; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement | null>(null);
  const [copy, setCopy] = useState<'idle' | 'done' | 'failed'>('idle');
  useEffect(() => heading.current?.focus(), []);
  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopy('done');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <section className="card card--credentials" aria-labelledby="webhook-created-title" data-testid="webhook-created">
      <h2 id="webhook-created-title" ref={heading} tabIndex={-1}>
        {t('webhooks.createdTitle', { url: created.url })}
      </h2>
      <p className="warning">{t('webhooks.createdLead')}</p>
      <p className="secret" data-testid="webhook-secret">
        {created.secret}
      </p>
      <div className="button-row">
        <Button variant="secondary" onClick={() => void copySecret()}>
          {t('webhooks.copy')}
        </Button>
        <Button onClick={onDone}>{t('webhooks.done')}</Button>
      </div>
      <StatusNote>{copy === 'done' ? t('webhooks.copied') : null}</StatusNote>
      {copy === 'failed' ? <p className="alert alert--error">{t('webhooks.copyFailed')}</p> : null}
    </section>
  );
}

function Attempts({ delivery }: { delivery: WebhookDelivery }) {
  const { t, locale } = useI18n();
  return (
    <table className="table table--nested">
      <thead>
        <tr>
          <th scope="col">{t('webhooks.colAt')}</th>
          <th scope="col">{t('webhooks.colStatusCode')}</th>
          <th scope="col">{t('webhooks.colError')}</th>
          <th scope="col" className="num">
            {t('webhooks.colDuration')}
          </th>
        </tr>
      </thead>
      <tbody>
        {delivery.attempts.map((a, i) => (
          <tr key={`${a.at}-${i}`} data-testid="delivery-attempt">
            <td>{formatDateTime(a.at, locale)}</td>
            <td>{a.status_code ?? t('webhooks.noStatus')}</td>
            <td>{a.error ?? ''}</td>
            <td className="num">{t('webhooks.durationMs', { ms: a.duration_ms })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Deliveries({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [items, setItems] = useState<WebhookDelivery[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  useEffect(() => {
    let cancelled = false;
    api.webhookDeliveries(endpoint.id).then(
      (r) => {
        if (!cancelled) setItems(r.items);
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, endpoint.id]);
  return (
    <div className="deliveries" data-testid={`deliveries-${endpoint.id}`}>
      <h3>{t('webhooks.deliveriesFor', { url: endpoint.url })}</h3>
      <FormAlert error={error} context="staff" />
      {items === null && error === null ? <Loading /> : null}
      {items !== null && items.length === 0 ? <p className="muted">{t('webhooks.noDeliveries')}</p> : null}
      {items !== null && items.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.colEvent')}</th>
              <th scope="col">{t('webhooks.colDeliveryStatus')}</th>
              <th scope="col">{t('webhooks.colCreated')}</th>
              <th scope="col">{t('webhooks.colNext')}</th>
              <th scope="col">{t('webhooks.colAttempts')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <Fragment key={d.id}>
                <tr data-testid="delivery">
                  <td>
                    {eventLabel(t, d.event_type)}
                    <br />
                    <code className="muted">{d.event_id}</code>
                  </td>
                  <td>
                    <span className={`badge badge--${d.status === 'delivered' ? 'ok' : d.status === 'failed' ? 'danger' : 'info'}`}>
                      {translateOr(t, `webhooks.delivery.${d.status}`, d.status)}
                    </span>
                  </td>
                  <td>{formatDateTime(d.created_at, locale)}</td>
                  <td>{d.next_attempt_at !== null ? formatDateTime(d.next_attempt_at, locale) : ''}</td>
                  <td>
                    {d.attempts.length > 0 ? (
                      <button
                        type="button"
                        className="button button--link"
                        aria-expanded={open[d.id] === true}
                        aria-controls={`attempts-${d.id}`}
                        onClick={() => setOpen((o) => ({ ...o, [d.id]: !o[d.id] }))}
                      >
                        {open[d.id] ? t('webhooks.hideAttempts') : t('webhooks.showAttempts', { count: d.attempts.length })}
                      </button>
                    ) : (
                      '0'
                    )}
                  </td>
                </tr>
                {open[d.id] ? (
                  <tr id={`attempts-${d.id}`}>
                    <td colSpan={5}>
                      <Attempts delivery={d} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function WebhooksAdmin() {
  const { t, locale } = useI18n();
  const api = useApi();
  const [items, setItems] = useState<WebhookEndpoint[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [confirming, setConfirming] = useState<WebhookEndpoint | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  usePageTitle(t('webhooks.title'));

  const load = useCallback(async () => {
    try {
      setItems((await api.listWebhooks()).items);
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const deactivate = async (endpoint: WebhookEndpoint) => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteWebhook(endpoint.id);
      setItems((prev) => (prev ?? []).map((w) => (w.id === endpoint.id ? { ...w, active: false } : w)));
      setNotice(t('webhooks.deactivated', { url: endpoint.url }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  return (
    <div className="stack stack--wide">
      <section className="card" aria-labelledby="page-heading">
        <p className="breadcrumb">
          <Link to="/staff">{t('nav.staffHome')}</Link>
        </p>
        <PageHeading>{t('webhooks.title')}</PageHeading>
        <p className="lead">{t('webhooks.lead')}</p>
        <StatusNote>{notice}</StatusNote>
        <FormAlert error={error} context="staff" />
        {items === null && error === null ? <Loading /> : null}
        {items !== null && items.length === 0 ? <p>{t('webhooks.empty')}</p> : null}
        {items !== null && items.length > 0 ? (
          <DataTable id="webhooks" caption={t('webhooks.caption')} columns={[t('webhooks.colUrl'), t('webhooks.colEvents'), t('webhooks.colStatus'), t('webhooks.colCreated'), t('webhooks.colSecret'), t('webhooks.colActions')]}>
            {items.map((w) => (
              <tr key={w.id} data-testid="webhook-row">
                <th scope="row" className="table__email">
                  {w.url}
                </th>
                <td>{w.events.map((e) => eventLabel(t, e)).join(t('common.listSeparator'))}</td>
                <td>
                  <span className={w.active ? 'badge badge--ok' : 'badge badge--off'}>{w.active ? t('webhooks.active') : t('webhooks.inactive')}</span>
                </td>
                <td>{formatDateTime(w.created_at, locale)}</td>
                <td>
                  <code>{w.secret_hint}</code>
                </td>
                <td>
                  <div className="button-row">
                    <Button
                      variant="secondary"
                      aria-expanded={shown === w.id}
                      onClick={() => setShown((s) => (s === w.id ? null : w.id))}
                    >
                      {shown === w.id ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}
                    </Button>
                    {w.active ? (
                      <Button variant="danger" onClick={() => setConfirming(w)}>
                        {t('webhooks.deactivate')}
                      </Button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        {shown !== null && items !== null && items.some((w) => w.id === shown) ? <Deliveries endpoint={items.find((w) => w.id === shown)!} /> : null}
      </section>
      {created !== null ? <CreatedSecret created={created} onDone={() => setCreated(null)} /> : null}
      <section className="card">
        <AddWebhookForm
          onCreated={(c) => {
            setCreated(c);
            const { secret: _secret, ...endpoint } = c;
            setItems((prev) => [...(prev ?? []).filter((w) => w.id !== c.id), endpoint]);
          }}
        />
      </section>
      <ConfirmDialog
        open={confirming !== null}
        title={t('webhooks.confirmTitle')}
        body={t('webhooks.confirmBody', { url: confirming?.url ?? '' })}
        confirmLabel={t('webhooks.confirmDeactivate')}
        busy={busy}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming !== null) void deactivate(confirming);
        }}
      />
    </div>
  );
}

export function WebhooksAdminPage() {
  const { t } = useI18n();
  return (
    <StaffGuard role="admin" forbiddenText={t('webhooks.forbidden')}>
      {() => <WebhooksAdmin />}
    </StaffGuard>
  );
}
