import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Application, Identity, JurisdictionProfile } from '../api/registration_types';
import type { Locale } from '../api/types';
import { FakeServer, kSubscriberMe, problem, type FakeCall } from '../test/fake_server';
import { application, completeApplication, kCnProfile, kPhProfile } from '../test/registration_fixtures';
import { renderApp } from '../test/render_app';

const kAppPath = '/api/v1/applications/app_1';

/** A signed-in subscriber whose draft is `app`; PATCHes merge into it like the server would. */
function wizardServer(app: Application, profile: JurisdictionProfile = kCnProfile, locale: Locale = 'en') {
  const state = { app };
  const server = new FakeServer()
    .on('GET /api/v1/me', { status: 200, body: { ...kSubscriberMe, locale } })
    .on('GET /api/v1/jurisdiction', { status: 200, body: profile })
    .on(`GET ${kAppPath}`, () => ({ status: 200, body: state.app }));
  const mergePatch = (call: FakeCall) => {
    const identity = (call.body as { identity: Identity }).identity;
    const merged = { ...state.app.identity, ...identity };
    const missing = state.app.missing.filter((m) => !(m.startsWith('/identity/') && merged[m.slice('/identity/'.length)]));
    state.app = { ...state.app, identity: merged, missing };
    return { status: 200, body: state.app };
  };
  server.on(`PATCH ${kAppPath}`, mergePatch);
  return { server, state, mergePatch };
}

function errorOf(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(' ');
  const errorId = ids.find((id) => id.endsWith('-error'));
  return errorId !== undefined ? (document.getElementById(errorId)?.textContent ?? '') : '';
}

function patches(server: FakeServer): unknown[] {
  return server.callsTo(`PATCH ${kAppPath}`).map((c) => c.body);
}

function validationFailed(errors: Array<[string, string]>) {
  return problem(422, 'validation.failed', { errors: errors.map(([field, code]) => ({ field, code, message: `server says ${code}` })) });
}

describe('identity step rendered from the profile', () => {
  it('cn in English: every profile field, labelled, with the document types as choices', async () => {
    const { server } = wizardServer(application());
    renderApp('/applications/app_1/identity', server, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Step 1 of 3: Your details' })).toBeTruthy();
    for (const label of ['Full name', 'Date of birth', 'Nationality', 'Home address', 'Document number', 'Expiry date', 'Contact phone number']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect((screen.getByLabelText('Date of birth') as HTMLInputElement).type).toBe('date');
    expect(screen.getByLabelText('Home address').tagName).toBe('TEXTAREA');
    const sex = screen.getByRole('group', { name: 'Sex' });
    expect(within(sex).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['F', 'M']);
    expect(within(sex).getByLabelText('Female')).toBeTruthy();
    const types = screen.getByRole('group', { name: 'ID document' });
    expect(within(types).getByLabelText('Resident Identity Card')).toBeTruthy();
    expect(within(types).getByLabelText('Passport')).toBeTruthy();
    const nationality = screen.getByLabelText('Nationality') as HTMLSelectElement;
    expect(nationality.options[0]!.text).toBe('Choose…');
    expect(nationality.options[1]!.text).toBe('China');
    expect(nationality.options.length).toBe(250);
    const steps = screen.getByRole('navigation', { name: 'Registration steps' });
    expect(within(steps).getByText('Your details').closest('li')!.getAttribute('aria-current')).toBe('step');
  });

  it('cn in Chinese: labels, document labels and the number hint of the chosen type', async () => {
    const { server } = wizardServer(application(), kCnProfile, 'zh-CN');
    renderApp('/applications/app_1/identity', server, 'zh-CN');
    expect(await screen.findByRole('heading', { level: 1, name: '第 1 步，共 3 步：个人信息' })).toBeTruthy();
    expect(screen.getByLabelText('姓名')).toBeTruthy();
    expect((screen.getByLabelText('国籍') as HTMLSelectElement).options[1]!.text).toBe('中国');
    expect(screen.queryByText('18 位，最后一位可能是 X')).toBeNull();
    fireEvent.click(screen.getByLabelText('居民身份证'));
    expect(await screen.findByText('18 位，最后一位可能是 X')).toBeTruthy();
    await waitFor(() => expect(patches(server)).toEqual([{ identity: { document_type: 'cn_resident_id' } }]));
    fireEvent.click(screen.getByLabelText('护照'));
    expect(await screen.findByText('与资料页上印的号码一致')).toBeTruthy();
  });

  it('ph: only its fields (no contact phone), its four documents, and expiry optional where the profile says', async () => {
    const { server } = wizardServer(application({ missing: ['/identity/full_name'] }), kPhProfile);
    renderApp('/applications/app_1/identity', server, 'en');
    await screen.findByRole('heading', { level: 1, name: 'Step 1 of 3: Your details' });
    expect(screen.queryByLabelText('Contact phone number')).toBeNull();
    const types = screen.getByRole('group', { name: 'ID document' });
    expect(within(types).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['ph_philsys_id', 'ph_drivers_license', 'ph_umid', 'passport']);
    expect((screen.getByLabelText('Nationality') as HTMLSelectElement).options[1]!.text).toBe('Philippines');
    fireEvent.click(within(types).getByLabelText('UMID'));
    expect(await screen.findByText('CRN, 12 digits')).toBeTruthy();
    expect(screen.getByText('Expiry date').closest('label')!.textContent).toContain('(optional)');
    fireEvent.click(within(types).getByLabelText('Driver’s License'));
    await waitFor(() => expect(screen.getByText('Expiry date').closest('label')!.textContent).not.toContain('(optional)'));
  });
});

describe('identity step saving', () => {
  it('PATCHes each typed field on blur (trimmed), and each picked one on change', async () => {
    const { server } = wizardServer(application());
    renderApp('/applications/app_1/identity', server, 'en');
    const name = await screen.findByLabelText('Full name');
    fireEvent.change(name, { target: { value: '  Wang   Xiaomei ' } });
    expect(patches(server)).toEqual([]);
    fireEvent.blur(name);
    fireEvent.click(screen.getByLabelText('Female'));
    fireEvent.change(screen.getByLabelText('Nationality'), { target: { value: 'CN' } });
    fireEvent.change(screen.getByLabelText('Contact phone number'), { target: { value: '138 0013 8000' } });
    fireEvent.blur(screen.getByLabelText('Contact phone number'));
    await waitFor(() =>
      expect(patches(server)).toEqual([
        { identity: { full_name: 'Wang Xiaomei' } },
        { identity: { sex: 'F' } },
        { identity: { nationality: 'CN' } },
        { identity: { contact_phone: '+8613800138000' } },
      ]),
    );
    expect(screen.getByTestId('save-state').textContent).toBe('All changes saved');
    // The field then shows what the server stored.
    await waitFor(() => expect((screen.getByLabelText('Contact phone number') as HTMLInputElement).value).toBe('+8613800138000'));
    expect((name as HTMLInputElement).value).toBe('Wang Xiaomei');
    // Blurring an unchanged field sends nothing.
    fireEvent.blur(name);
    await new Promise((r) => setTimeout(r, 20));
    expect(patches(server)).toHaveLength(4);
  });

  it.each([
    ['en', 'Document number', 'This number isn’t valid: its check digit doesn’t match. Check each character.'],
    ['zh-CN', '证件号码', '号码无效：校验位不符，请逐位检查。'],
  ] as const)('%s: the server’s field error is shown translated at the field, and nothing is saved', async (locale, label, message) => {
    const { server } = wizardServer(application({ identity: { document_type: 'cn_resident_id' } }), kCnProfile, locale);
    server.on(`PATCH ${kAppPath}`, validationFailed([['/identity/document_number', 'id.check_digit']]));
    renderApp('/applications/app_1/identity', server, locale);
    const number = await screen.findByLabelText(label);
    fireEvent.change(number, { target: { value: '110105 19900307 0021' } });
    fireEvent.blur(number);
    await waitFor(() => expect(errorOf(number)).toContain(message));
    expect(number.getAttribute('aria-invalid')).toBe('true');
    expect(patches(server)).toEqual([{ identity: { document_number: '110105199003070021' } }]);
  });

  it('shows a client-side format error without calling the server', async () => {
    const { server } = wizardServer(application());
    renderApp('/applications/app_1/identity', server, 'en');
    const name = await screen.findByLabelText('Full name');
    fireEvent.change(name, { target: { value: 'x'.repeat(201) } });
    fireEvent.blur(name);
    expect(errorOf(name)).toContain('This is too long.');
    const phone = screen.getByLabelText('Contact phone number');
    fireEvent.change(phone, { target: { value: 'my cell' } });
    fireEvent.blur(phone);
    expect(errorOf(phone)).toContain('Enter a valid mobile number.');
    expect(patches(server)).toEqual([]);
  });

  it('an under-age date of birth explains the minimum age and the profile’s rule for minors', async () => {
    const { server } = wizardServer(application(), kCnProfile, 'zh-CN');
    server.on(`PATCH ${kAppPath}`, validationFailed([['/identity/date_of_birth', 'age.under_minimum']]));
    renderApp('/applications/app_1/identity', server, 'zh-CN');
    const dob = await screen.findByLabelText('出生日期');
    fireEvent.change(dob, { target: { value: '2015-06-01' } });
    fireEvent.blur(dob);
    await waitFor(() => expect(errorOf(dob)).toContain('年满 16 周岁才能在线办理 SIM 卡实名登记。 未满 16 周岁请由监护人陪同到营业厅办理。'));
  });

  it('a birth-date mismatch marks both fields; fixing one side re-sends the other with it', async () => {
    const saved = { document_type: 'cn_resident_id', document_number: '110105199003070025', date_of_birth: '1990-03-07' };
    const { server, mergePatch } = wizardServer(application({ identity: saved }));
    server.on(`PATCH ${kAppPath}`, (call) => {
      const identity = (call.body as { identity: Identity }).identity;
      // The server's cross-field rule, for this test: the number must carry the birth date.
      const number = identity.document_number ?? saved.document_number;
      const dob = identity.date_of_birth ?? saved.date_of_birth;
      if (number !== null && dob !== null && number.slice(6, 14) !== dob.replace(/-/g, '')) {
        return validationFailed([['/identity/document_number', 'id.birth_date_mismatch']]);
      }
      return mergePatch(call);
    });
    renderApp('/applications/app_1/identity', server, 'en');
    const dob = await screen.findByLabelText('Date of birth');
    fireEvent.change(dob, { target: { value: '1991-03-07' } });
    fireEvent.blur(dob);
    const number = screen.getByLabelText('Document number');
    const mismatch = 'The date of birth and the ID number don’t match. Check both.';
    await waitFor(() => expect(errorOf(number)).toContain(mismatch));
    expect(errorOf(dob)).toContain(mismatch);
    fireEvent.change(number, { target: { value: '110105199103070022' } });
    fireEvent.blur(number);
    await waitFor(() => expect(errorOf(dob)).toBe(''));
    expect(errorOf(number)).toBe('');
    expect(patches(server)[1]).toEqual({ identity: { document_number: '110105199103070022', date_of_birth: '1991-03-07' } });
  });

  it('switching the document type is not blocked by a number typed for the old type', async () => {
    const saved = { document_type: 'cn_resident_id', document_number: '110105199003070025' };
    const { server, mergePatch } = wizardServer(application({ identity: saved }));
    server.on(`PATCH ${kAppPath}`, (call) => {
      const identity = (call.body as { identity: Identity }).identity;
      if (identity.document_type === 'passport' && typeof identity.document_number === 'string') {
        return validationFailed([['/identity/document_number', 'id.format']]);
      }
      return mergePatch(call);
    });
    renderApp('/applications/app_1/identity', server, 'en');
    fireEvent.click(await screen.findByLabelText('Passport'));
    const number = screen.getByLabelText('Document number');
    await waitFor(() => expect(errorOf(number)).toContain('This number doesn’t have the format of the chosen document.'));
    expect(patches(server)).toEqual([
      { identity: { document_type: 'passport', document_number: '110105199003070025' } },
      { identity: { document_type: 'passport', document_number: null } },
    ]);
    expect((number as HTMLInputElement).value).toBe('110105199003070025');
    expect((screen.getByLabelText('Passport') as HTMLInputElement).checked).toBe(true);
  });

  it('Continue marks what the server still lists as missing and focuses the first one', async () => {
    const { server } = wizardServer(application({ identity: { full_name: 'Wang Xiaomei' }, missing: ['/identity/address', '/identity/sex'] }));
    renderApp('/applications/app_1/identity', server, 'en');
    await screen.findByLabelText('Full name');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const sexGroup = screen.getByRole('group', { name: 'Sex' });
    await waitFor(() => expect(errorOf(sexGroup)).toContain('Fill in this field.'));
    expect(errorOf(screen.getByLabelText('Home address'))).toContain('Fill in this field.');
    expect(document.activeElement).toBe(screen.getByLabelText('Female'));
    expect(window.location.pathname).toBe('/applications/app_1/identity');
  });

  it('Continue saves the last field first, then goes to the documents step', async () => {
    const { server } = wizardServer(application({ missing: ['/identity/full_name'] }));
    renderApp('/applications/app_1/identity', server, 'en');
    fireEvent.change(await screen.findByLabelText('Full name'), { target: { value: 'Wang Xiaomei' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Step 2 of 3: Photos' });
    expect(patches(server)).toEqual([{ identity: { full_name: 'Wang Xiaomei' } }]);
    expect(window.location.pathname).toBe('/applications/app_1/documents');
  });
});

function documentsApp(overrides: Partial<Application> = {}) {
  return application({
    identity: { document_type: 'cn_resident_id' },
    required_documents: ['id_front', 'id_back', 'selfie'],
    missing: ['/documents/id_front', '/documents/id_back', '/documents/selfie'],
    ...overrides,
  });
}

function chooseFile(kindLabel: string, file: File) {
  const input = screen.getByLabelText(kindLabel, { selector: 'input[type="file"]' });
  fireEvent.change(input, { target: { files: [file] } });
}

const jpeg = (name = 'photo.jpg') => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], name, { type: 'image/jpeg' });

describe('documents step', () => {
  it('asks for each image the document type needs, with camera capture and guidance', async () => {
    const { server } = wizardServer(documentsApp());
    renderApp('/applications/app_1/documents', server, 'en');
    await screen.findByRole('heading', { level: 1, name: 'Step 2 of 3: Photos' });
    const inputs = document.querySelectorAll<HTMLInputElement>('input[type="file"]');
    expect([...inputs].map((i) => [i.getAttribute('aria-label'), i.getAttribute('capture'), i.getAttribute('accept')])).toEqual([
      ['Front of your ID document', 'environment', 'image/jpeg,image/png,image/webp'],
      ['Back of your ID document', 'environment', 'image/jpeg,image/png,image/webp'],
      ['Photo of your face', 'user', 'image/jpeg,image/png,image/webp'],
    ]);
    expect(screen.getByRole('img', { name: 'Guide: your face inside the oval' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Take or choose a photo/ })).toHaveLength(3);
  });

  it.each([
    ['en', 'Front of your ID document', 'The photo is blurred.', 'Hold the phone steady, tap the screen to focus, and take it again.', 'Retake', 'Photo accepted', 'Replace photo'],
    ['zh-CN', '证件正面', '照片模糊。', '请拿稳手机，点击屏幕对焦后重新拍摄。', '重新拍摄', '照片合格', '更换照片'],
  ] as const)('%s: a blurred photo gets its reason and fix at once; the retake is accepted', async (locale, label, message, hint, retake, accepted, replace) => {
    const { server } = wizardServer(documentsApp(), kCnProfile, locale);
    let uploads = 0;
    server.on(`PUT ${kAppPath}/documents/id_front`, () =>
      ++uploads === 1
        ? problem(422, 'document.quality_rejected', {
            errors: [{ field: '/documents/id_front', code: 'image.blurred', message: 'blurred' }],
            report: { kind: 'id_front', accepted: false, reasons: [{ code: 'image.blurred', message: 'Server text', hint: 'Server hint' }], measurements: { sharpness: 12 } },
          })
        : { status: 200, body: { kind: 'id_front', accepted: true, reasons: [], measurements: {}, uploaded_at: '2026-01-06T03:10:00Z' } },
    );
    renderApp('/applications/app_1/documents', server, locale);
    await screen.findAllByRole('img');
    chooseFile(label, jpeg('blurred.jpg'));
    const section = screen.getByTestId('upload-id_front');
    expect(await within(section).findByText(message)).toBeTruthy();
    expect(within(section).getByText(hint)).toBeTruthy();
    const retakeButton = within(section).getByRole('button', { name: new RegExp(`^${retake}`) });
    expect(retakeButton).toBeTruthy();
    chooseFile(label, jpeg('sharp.jpg'));
    expect(await within(section).findByText(accepted)).toBeTruthy();
    expect(within(section).queryByText(message)).toBeNull();
    expect(within(section).getByRole('button', { name: new RegExp(`^${replace}`) })).toBeTruthy();
    const puts = server.callsTo(`PUT ${kAppPath}/documents/id_front`);
    expect(puts.map((c) => c.headers['content-type'])).toEqual(['image/jpeg', 'image/jpeg']);
    expect(puts[1]!.blob).toBeInstanceOf(File);
  });

  it.each([
    [413, 'image.too_large', 'en', 'This photo file is too large. Take the photo again, or choose a smaller file.'],
    [413, 'image.too_many_pixels', 'zh-CN', '照片像素过高。请将相机调到较低分辨率后重新拍摄。'],
    [415, 'image.type_mismatch', 'en', 'The file isn’t the kind of image its name says. Take the photo again, or choose another file.'],
    [422, 'image.unreadable', 'zh-CN', '无法读取这张照片，文件可能已损坏或不完整。请重新拍摄。'],
  ] as const)('hard failure %s %s is translated (%s)', async (status, code, locale, message) => {
    const { server } = wizardServer(documentsApp(), kCnProfile, locale);
    server.on(`PUT ${kAppPath}/documents/selfie`, problem(status, code));
    renderApp('/applications/app_1/documents', server, locale);
    await screen.findAllByRole('img');
    const input = document.getElementById('upload-selfie') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [jpeg()] } });
    expect(await within(screen.getByTestId('upload-selfie')).findByText(message)).toBeTruthy();
  });

  it('refuses a HEIC file before uploading it', async () => {
    const { server } = wizardServer(documentsApp());
    renderApp('/applications/app_1/documents', server, 'en');
    await screen.findAllByRole('img');
    chooseFile('Photo of your face', new File(['x'], 'IMG_1.HEIC', { type: 'image/heic' }));
    expect(await screen.findByText('Use a JPEG, PNG or WebP photo.')).toBeTruthy();
    expect(server.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('Continue re-reads the draft and marks the photos still missing', async () => {
    const { server } = wizardServer(
      documentsApp({
        documents: { id_front: { accepted: true, uploaded_at: '2026-01-06T03:10:00Z' }, id_back: { accepted: true, uploaded_at: '2026-01-06T03:11:00Z' } },
        missing: ['/documents/selfie'],
      }),
    );
    renderApp('/applications/app_1/documents', server, 'en');
    await screen.findAllByRole('img');
    expect(within(screen.getByTestId('upload-id_front')).getByTestId('quality-accepted').textContent).toContain('Photo accepted');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await within(screen.getByTestId('upload-selfie')).findByText('Add this photo before you continue.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.closest('[data-testid="upload-selfie"]')).not.toBeNull());
    expect(window.location.pathname).toBe('/applications/app_1/documents');
  });

  it.each([
    [['/documents/selfie'], 'Your details (done)'],
    [['/identity/address', '/documents/selfie'], 'Your details'],
  ] as const)('the step indicator ticks an earlier step only when nothing is missing there (%j)', async (missing, identityText) => {
    const { server } = wizardServer(documentsApp({ missing: [...missing] }));
    renderApp('/applications/app_1/documents', server, 'en');
    const steps = await screen.findByRole('navigation', { name: 'Registration steps' });
    const items = within(steps).getAllByRole('listitem');
    expect(items[0]!.textContent?.replace(/^[✓\d]/, '')).toBe(identityText);
    expect(items[1]!.getAttribute('aria-current')).toBe('step');
  });

  it('without a document type, points back to the identity step', async () => {
    const { server } = wizardServer(application({ missing: ['/identity/document_type'] }));
    renderApp('/applications/app_1/documents', server, 'en');
    expect(await screen.findByText('Choose your ID document first: the photos needed depend on it.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Your details' }).getAttribute('href')).toBe('/applications/app_1/identity');
  });
});

describe('resume: the wizard reopens at the first incomplete step', () => {
  it.each([
    ['identity missing', application(), '/applications/app_1/identity', 'Step 1 of 3: Your details'],
    ['a photo missing', documentsApp({ missing: ['/documents/selfie'] }), '/applications/app_1/documents', 'Step 2 of 3: Photos'],
    ['nothing missing', completeApplication(), '/applications/app_1/review', 'Step 3 of 3: Review and declare'],
    ['changes requested for a photo', completeApplication({ status: 'resubmission_requested', missing: ['/documents/id_back'] }), '/applications/app_1/documents', 'Step 2 of 3: Photos'],
    ['already submitted', completeApplication({ status: 'submitted', due_at: '2026-01-08T10:00:00Z' }), '/applications/app_1', 'Your registration'],
  ] as const)('%s → %s', async (_name, app, path, heading) => {
    const { server } = wizardServer(app);
    renderApp('/applications/app_1/edit', server, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
    expect(window.location.pathname).toBe(path);
  });

  it('an application that is no longer editable cannot be edited through a step URL', async () => {
    const { server } = wizardServer(completeApplication({ status: 'in_review' }));
    renderApp('/applications/app_1/identity', server, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your registration' })).toBeTruthy();
    expect(window.location.pathname).toBe('/applications/app_1');
  });

  it('signed out, the wizard sends the person to sign in (the draft waits on the server)', async () => {
    const server = new FakeServer().on('GET /api/v1/me', problem(401, 'auth.unauthenticated'));
    renderApp('/applications/app_1/edit', server, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  });
});

describe('review and declare', () => {
  it('shows every value, masks the document number until asked, and shows the declaration in the current language', async () => {
    const { server } = wizardServer(completeApplication(), kCnProfile, 'zh-CN');
    renderApp('/applications/app_1/review', server, 'zh-CN');
    await screen.findByRole('heading', { level: 1, name: '第 3 步，共 3 步：核对并声明' });
    const identity = screen.getByTestId('review-identity');
    expect(within(identity).getByText('王小梅')).toBeTruthy();
    expect(within(identity).getByText('1990年3月7日')).toBeTruthy();
    expect(within(identity).getByText('女')).toBeTruthy();
    expect(within(identity).getByText('中国')).toBeTruthy();
    expect(within(identity).getByText('居民身份证')).toBeTruthy();
    const number = screen.getByTestId('document-number');
    expect(number.textContent).toBe('••••••••••••••0025');
    const toggle = screen.getByRole('button', { name: '显示 证件号码' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(number.textContent).toBe('110105199003070025');
    expect(screen.getByText('本人声明所填信息真实有效，并确认本人为上述号码的实际使用人。')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: '号码' })).getByText('+8613800138000')).toBeTruthy();
  });

  it('requires the declaration box before submitting', async () => {
    const { server } = wizardServer(completeApplication());
    renderApp('/applications/app_1/review', server, 'en');
    await screen.findByRole('heading', { level: 1, name: 'Step 3 of 3: Review and declare' });
    fireEvent.click(screen.getByRole('button', { name: 'Submit registration' }));
    const box = screen.getByLabelText('I have read the declaration above and confirm it is true.');
    expect(errorOf(box)).toContain('Tick the box to confirm the declaration.');
    expect(document.activeElement).toBe(box);
    expect(server.callsTo(`POST ${kAppPath}/submit`)).toHaveLength(0);
  });

  it('maps a 422 from submit back to the steps, with links that open the step with the error at the field', async () => {
    const { server } = wizardServer(completeApplication());
    server.on(
      `POST ${kAppPath}/submit`,
      validationFailed([
        ['/identity/document_expiry', 'document.expired'],
        ['/documents/selfie', 'document.missing'],
      ]),
    );
    renderApp('/applications/app_1/review', server, 'en');
    await screen.findByRole('heading', { level: 1, name: 'Step 3 of 3: Review and declare' });
    fireEvent.click(screen.getByLabelText('I have read the declaration above and confirm it is true.'));
    fireEvent.click(screen.getByRole('button', { name: 'Submit registration' }));
    const list = await screen.findByTestId('submit-problems');
    expect(list.textContent).toContain('Expiry date: This document has expired. Use a document that is still valid.');
    expect(list.textContent).toContain('Photo of your face: Add this photo before you continue.');
    fireEvent.click(within(list).getByRole('link', { name: 'Fix this Expiry date' }));
    await screen.findByRole('heading', { level: 1, name: 'Step 1 of 3: Your details' });
    expect(errorOf(screen.getByLabelText('Expiry date'))).toContain('This document has expired.');
  });

  it('submits and lands on the status page with the due date', async () => {
    const { server, state } = wizardServer(completeApplication());
    server.on(`POST ${kAppPath}/submit`, () => {
      state.app = {
        ...state.app,
        status: 'submitted',
        submitted_at: '2026-01-06T03:20:00Z',
        due_at: '2026-01-08T09:59:59Z',
        history: [...state.app.history, { status: 'submitted', at: '2026-01-06T03:20:00Z', actor: 'subscriber' }],
      };
      return { status: 200, body: state.app };
    });
    renderApp('/applications/app_1/review', server, 'en');
    await screen.findByRole('heading', { level: 1, name: 'Step 3 of 3: Review and declare' });
    fireEvent.click(screen.getByLabelText('I have read the declaration above and confirm it is true.'));
    fireEvent.click(screen.getByRole('button', { name: 'Submit registration' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your registration' })).toBeTruthy();
    expect(screen.getByText('Thank you. Your registration has been submitted.')).toBeTruthy();
    expect(screen.getByTestId('application-status').textContent).toBe('Submitted');
    expect(screen.getByTestId('due-at').textContent).toMatch(/2026/);
    expect(server.callsTo(`POST ${kAppPath}/submit`)[0]!.body).toEqual({ declaration_accepted: true });
  });
});
