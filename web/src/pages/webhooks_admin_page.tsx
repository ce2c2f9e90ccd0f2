// /staff/webhooks (admin): the carrier systems' webhook endpoints. Lists them (URL, events, status,
// the last 4 of the secret), adds one (URL, event checkboxes, optional secret) and shows the signing
// secret exactly once with a copy button, deactivates one after confirming, and shows each
// endpoint's deliveries with every attempt (time, HTTP status, error, duration) on demand.
import { Fragment, useEffect, useRef, useState } from 'react';
import { kWebhookEvents, type CreatedWebhook, type WebhookDelivery, type WebhookEndpoint } from '../api/review_types';
import { FormAlert, StatusNote } from '../components/alerts';
import { CheckboxGroup, parseChoices } from '../components/checkbox_group';
import { ConfirmDialog } from '../components/confirm_dialog';
import { DataTable } from '../components/data_table';
import { LoadedList } from '../components/loaded_list';
import { usePageTitle } from '../components/page_title';
import { StaffGuard } from '../components/staff_guard';
import { StaffPageCard } from '../components/staff_page_card';
import { Button, SubmitButton } from '../components/submit_button';
import { TextField } from '../components/text_field';
import { useConfirmedAction } from '../components/use_confirmed_action';
import { useForm } from '../components/use_form';
import { useLoadedList } from '../components/use_loaded_list';
import { formatDateTime } from '../i18n/format';
import { translateOr, type Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { useApi } from '../session/services';
import { collectErrors } from '../validation/validators';

export function parseEvents(value: string): string[] {
  return parseChoices(value, kWebhookEvents);
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
    if (ok) form.reset();
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="add-webhook-title">
      <h2 id="add-webhook-title">{t('webhooks.addTitle')}</h2>
      <FormAlert error={form.formError} context="staff" />
      <TextField field={form.bind('url')} label={t('webhooks.url')} hint={t('webhooks.urlHint')} type="url" autoComplete="off" spellCheck={false} />
      <CheckboxGroup
        field={form.bind('events')}
        legend={t('webhooks.events')}
        options={kWebhookEvents}
        optionLabel={(event) => (
          <>
            {eventLabel(t, event)} <code className="event-code">{event}</code>
          </>
        )}
        gridClassName="events__grid"
      />
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
  const [sending, setSending] = useState<string | null>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A receiver that lost a delivery (or was down past the retry window) asks for it again: the
  // same event id and body go out once more.
  const sendAgain = async (delivery: WebhookDelivery) => {
    setSending(delivery.id);
    setSendError(null);
    setNotice(null);
    try {
      const queued = await api.redeliverWebhook(endpoint.id, delivery.id);
      setItems((prev) => (prev ?? []).map((d) => (d.id === queued.id ? queued : d)));
      setNotice(t('webhooks.redelivered', { event: queued.event_id }));
    } catch (caught) {
      setSendError(caught);
    } finally {
      setSending(null);
    }
  };
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
      <StatusNote>{notice}</StatusNote>
      <FormAlert error={error ?? sendError} context="staff" />
      <LoadedList items={items} failed={error !== null} empty={<p className="muted">{t('webhooks.noDeliveries')}</p>}>
        {(list) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('webhooks.colEvent')}</th>
                <th scope="col">{t('webhooks.colDeliveryStatus')}</th>
                <th scope="col">{t('webhooks.colCreated')}</th>
                <th scope="col">{t('webhooks.colNext')}</th>
                <th scope="col">{t('webhooks.colAttempts')}</th>
                {endpoint.active ? <th scope="col">{t('webhooks.colDeliveryAction')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
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
                    {endpoint.active ? (
                      <td>
                        {d.status !== 'pending' ? (
                          <Button
                            variant="secondary"
                            busy={sending === d.id}
                            aria-label={t('webhooks.redeliverLabel', { event: d.event_id })}
                            onClick={() => void sendAgain(d)}
                          >
                            {t('webhooks.redeliver')}
                          </Button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                  {open[d.id] ? (
                    <tr id={`attempts-${d.id}`}>
                      <td colSpan={endpoint.active ? 6 : 5}>
                        <Attempts delivery={d} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
      </LoadedList>
    </div>
  );
}

function WebhooksAdmin() {
  const { t, locale } = useI18n();
  const api = useApi();
  const { items, setItems, loadError } = useLoadedList(() => api.listWebhooks(), [api]);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const action = useConfirmedAction<WebhookEndpoint>();
  usePageTitle(t('webhooks.title'));

  const deactivate = async (endpoint: WebhookEndpoint) => {
    await api.deleteWebhook(endpoint.id);
    setItems((prev) => (prev ?? []).map((w) => (w.id === endpoint.id ? { ...w, active: false } : w)));
    setNotice(t('webhooks.deactivated', { url: endpoint.url }));
  };

  return (
    <div className="stack stack--wide">
      <StaffPageCard title={t('webhooks.title')} lead={t('webhooks.lead')}>
        <StatusNote>{notice}</StatusNote>
        <FormAlert error={action.error ?? loadError} context="staff" />
        <LoadedList items={items} failed={loadError !== null} empty={<p>{t('webhooks.empty')}</p>}>
          {(list) => (
            <DataTable id="webhooks" caption={t('webhooks.caption')} columns={[t('webhooks.colUrl'), t('webhooks.colEvents'), t('webhooks.colStatus'), t('webhooks.colCreated'), t('webhooks.colSecret'), t('webhooks.colActions')]}>
              {list.map((w) => (
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
                        <Button variant="danger" onClick={() => action.ask(w)}>
                          {t('webhooks.deactivate')}
                        </Button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </LoadedList>
        {shown !== null && items !== null && items.some((w) => w.id === shown) ? <Deliveries endpoint={items.find((w) => w.id === shown)!} /> : null}
      </StaffPageCard>
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
        {...action.dialog(deactivate)}
        title={t('webhooks.confirmTitle')}
        body={t('webhooks.confirmBody', { url: action.confirming?.url ?? '' })}
        confirmLabel={t('webhooks.confirmDeactivate')}
      />
    </div>
  );
}

export function WebhooksAdminPage() {
  return (
    <StaffGuard role="admin" forbiddenKey="webhooks.forbidden">
      {() => <WebhooksAdmin />}
    </StaffGuard>
  );
}
