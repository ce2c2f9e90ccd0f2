// /staff/admin (role admin): the staff table with enable/disable (confirmed first) and role
// editing, and the add-staff form that shows the one-time password and TOTP QR exactly once.
// Server refusals (409 staff.self_lockout, 404 staff.not_found, 422 roles.*) are shown in place.
import { useEffect, useRef, useState } from 'react';
import type { CreatedStaff, Staff, StaffMe } from '../api/types';
import { FormAlert, StatusNote } from '../components/alerts';
import { ConfirmDialog } from '../components/confirm_dialog';
import { DataTable } from '../components/data_table';
import { EmailField } from '../components/email_field';
import { LoadedList } from '../components/loaded_list';
import { QrCode, groupSecret, totpSecretFromUri } from '../components/qr_code';
import { RoleCheckboxes, joinRoles, parseRoles } from '../components/role_checkboxes';
import { StaffGuard } from '../components/staff_guard';
import { StaffPageCard } from '../components/staff_page_card';
import { Button, SubmitButton } from '../components/submit_button';
import { TextField } from '../components/text_field';
import { usePageTitle } from '../components/page_title';
import { useConfirmedAction } from '../components/use_confirmed_action';
import { useForm } from '../components/use_form';
import { useLoadedList } from '../components/use_loaded_list';
import { formatDateTime } from '../i18n/format';
import type { MessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n_context';
import { useApi } from '../session/services';
import { collectErrors, validateEmail } from '../validation/validators';

interface Notice {
  key: MessageKey;
  email: string;
}

function RoleEditor({ staff, onSaved, onCancel }: { staff: Staff; onSaved: (s: Staff) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const form = useForm(`roles-${staff.id}`, { roles: joinRoles(staff.roles) });
  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const roles = parseRoles(form.values.roles);
    if (form.reject(collectErrors({ roles: roles.length === 0 ? 'roles.empty' : null }))) return;
    await form.submit(async () => {
      const { staff: saved } = await api.setStaffRoles(staff.id, roles);
      onSaved(saved);
    });
  };
  return (
    <form className="form role-editor" noValidate onSubmit={onSubmit}>
      <FormAlert error={form.formError} context="staff" />
      <RoleCheckboxes field={form.bind('roles')} legend={t('admin.rolesFor', { email: staff.email })} />
      <div className="button-row">
        <SubmitButton busy={form.busy}>{t('admin.saveRoles')}</SubmitButton>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function AddStaffForm({ onCreated }: { onCreated: (created: CreatedStaff) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const form = useForm('add-staff', { email: '', roles: '', store_id: '' });
  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    const email = form.values.email.trim();
    const roles = parseRoles(form.values.roles);
    const storeId = form.values.store_id.trim();
    const codes = collectErrors({ email: validateEmail(email), roles: roles.length === 0 ? 'roles.empty' : null });
    if (form.reject(codes)) return;
    const ok = await form.submit(
      async () => {
        onCreated(await api.addStaff(email, roles, storeId === '' ? null : storeId));
      },
      { problemToField: { 'staff.email_taken': 'email' } },
    );
    if (ok) form.reset();
  };
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="add-title">
      <h2 id="add-title">{t('admin.addTitle')}</h2>
      <FormAlert error={form.formError} context="staff" />
      <EmailField field={form.bind('email')} autoComplete="off" />
      <RoleCheckboxes field={form.bind('roles')} legend={t('admin.rolesLegend')} />
      <TextField field={form.bind('store_id')} label={t('admin.storeId')} optionalText={t('common.optional')} autoComplete="off" />
      <SubmitButton busy={form.busy}>{t('admin.addSubmit')}</SubmitButton>
    </form>
  );
}

function CreatedCredentials({ created, onDone }: { created: CreatedStaff; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => heading.current?.focus(), []);
  const secret = totpSecretFromUri(created.totp_uri);
  return (
    <section className="card card--credentials" aria-labelledby="created-title" data-testid="created-credentials">
      <h2 id="created-title" ref={heading} tabIndex={-1}>
        {t('admin.createdTitle', { email: created.staff.email })}
      </h2>
      <p className="warning">{t('admin.createdLead')}</p>
      <dl className="facts">
        <div>
          <dt>{t('admin.oneTimePassword')}</dt>
          <dd className="secret" data-testid="one-time-password">
            {created.one_time_password}
          </dd>
        </div>
        <div>
          <dt>{t('admin.totpTitle')}</dt>
          <dd className="qr-box">
            <QrCode value={created.totp_uri} label={t('admin.totpTitle')} />
          </dd>
        </div>
        <div>
          <dt>{t('admin.totpKey')}</dt>
          <dd className="secret">{groupSecret(secret)}</dd>
        </div>
      </dl>
      <Button onClick={onDone}>{t('admin.done')}</Button>
    </section>
  );
}

function StaffAdmin({ me }: { me: StaffMe }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { items, setItems, loadError } = useLoadedList(() => api.listStaff(), [api]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedStaff | null>(null);
  const action = useConfirmedAction<Staff>();
  usePageTitle(t('admin.title'));

  const replace = (staff: Staff) => setItems((prev) => (prev ?? []).map((s) => (s.id === staff.id ? staff : s)));

  const setStatus = (enable: boolean) => async (staff: Staff) => {
    setNotice(null);
    const { staff: updated } = enable ? await api.enableStaff(staff.id) : await api.disableStaff(staff.id);
    replace(updated);
    setNotice({ key: enable ? 'admin.enabledDone' : 'admin.disabledDone', email: updated.email });
  };

  return (
    <div className="stack stack--wide">
      <StaffPageCard title={t('admin.title')} lead={t('admin.lead')}>
        <StatusNote>{notice !== null ? t(notice.key, { email: notice.email }) : null}</StatusNote>
        <FormAlert error={action.error ?? loadError} context="staff" />
        <LoadedList items={items} failed={loadError !== null} empty={<p>{t('admin.empty')}</p>}>
          {(list) => (
            <DataTable id="staff" caption={t('admin.caption')} columns={[t('admin.colEmail'), t('admin.colRoles'), t('admin.colStatus'), t('admin.colLastLogin'), t('admin.colActions')]}>
              {list.map((staff) => (
                <tr key={staff.id} data-testid={`staff-row-${staff.email}`}>
                  <th scope="row" className="table__email">
                    {staff.email}
                    {staff.id === me.id ? <span className="you-tag">{t('admin.you')}</span> : null}
                  </th>
                  <td>
                    {editing === staff.id ? (
                      <RoleEditor
                        staff={staff}
                        onCancel={() => setEditing(null)}
                        onSaved={(saved) => {
                          replace(saved);
                          setEditing(null);
                          action.setError(null);
                          setNotice({ key: 'admin.rolesSaved', email: saved.email });
                        }}
                      />
                    ) : (
                      staff.roles.map((r) => t(`role.${r}`)).join(t('common.listSeparator'))
                    )}
                  </td>
                  <td>
                    <span className={staff.status === 'active' ? 'badge badge--ok' : 'badge badge--off'}>
                      {t(`admin.status.${staff.status}`)}
                    </span>
                  </td>
                  <td>{staff.last_login_at !== null ? formatDateTime(staff.last_login_at, locale) : t('admin.never')}</td>
                  <td>
                    <div className="button-row" role="group" aria-label={t('admin.actionsFor', { email: staff.email })}>
                      {editing !== staff.id ? (
                        <Button variant="secondary" onClick={() => setEditing(staff.id)}>
                          {t('admin.editRoles')}
                        </Button>
                      ) : null}
                      {staff.status === 'active' ? (
                        <Button variant="danger" busy={action.busyId === staff.id} onClick={() => action.ask(staff)}>
                          {t('admin.disable')}
                        </Button>
                      ) : (
                        <Button variant="secondary" busy={action.busyId === staff.id} onClick={() => void action.run(staff, setStatus(true))}>
                          {t('admin.enable')}
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </LoadedList>
      </StaffPageCard>
      {created !== null ? <CreatedCredentials created={created} onDone={() => setCreated(null)} /> : null}
      <section className="card">
        <AddStaffForm
          onCreated={(c) => {
            setCreated(c);
            setItems((prev) => [...(prev ?? []).filter((s) => s.id !== c.staff.id), c.staff]);
          }}
        />
      </section>
      <ConfirmDialog
        {...action.dialog(setStatus(false))}
        title={t('admin.confirmTitle')}
        body={t('admin.confirmBody', { email: action.confirming?.email ?? '' })}
        confirmLabel={t('admin.confirmDisable')}
      />
    </div>
  );
}

export function StaffAdminPage() {
  return <StaffGuard role="admin">{(me) => <StaffAdmin me={me} />}</StaffGuard>;
}
