// Spec: a short Chinese smoke of the back office at laptop width. A supervisor created with
// `simreg staff add` finishes the first sign-in, switches the UI to 中文 (saved to the account), and
// sees the staff home tools, the review queue with its counts and filters, "下一个案件" (n) — a case
// or the empty state — the second review of a sampled approval, and the supervisor dashboard with
// the sample report, all in Chinese.
import { addStaff, expect, shot, test, uniqueEmail } from './support/simreg';
import { firstStaffSignIn } from './support/staff_flow';

// The browser starts in English (the sign-in helper reads English); the person then picks 中文.
test.use({ viewport: { width: 1366, height: 820 }, locale: 'en-GB', timezoneId: 'Asia/Shanghai' });

test('supervisor back office in Chinese', async ({ page }) => {
  const supervisor = addStaff(uniqueEmail('supervisor-zh'), ['reviewer', 'supervisor']);
  await firstStaffSignIn(page, supervisor);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '员工主页' })).toBeVisible();
  await expect
    .poll(async () => ((await (await page.request.get('/api/v1/me')).json()) as { locale: string }).locale)
    .toBe('zh-CN');
  const tools = page.getByTestId('staff-tools');
  await expect(tools.getByRole('link')).toHaveText(['审核队列', '抽检复核', '主管看板']);
  await shot(page, 'review-zh-01-staff-home');

  await tools.getByRole('link', { name: '审核队列' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '审核队列' })).toBeVisible();
  await expect(page.getByTestId('queue-counts')).toContainText('队列中');
  await expect(page.getByLabel('渠道')).toBeVisible();
  await shot(page, 'review-zh-02-queue');
  await page.keyboard.press('n');
  const casePage = page.getByTestId('case-page');
  await expect(casePage.or(page.getByTestId('queue-empty'))).toBeVisible();
  if (await casePage.isVisible()) {
    await expect(page.getByRole('heading', { level: 1, name: '审核案件' })).toBeVisible();
    await expect(page.getByRole('button', { name: /批准/ })).toBeVisible();
    await shot(page, 'review-zh-03-case');
    await page.keyboard.press('x');
    await expect(page.getByTestId('decision-panel').getByRole('heading', { name: '拒绝此登记' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: '释放此案件？' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByText('案件已退回队列。')).toBeVisible();
  } else {
    await expect(page.getByTestId('queue-empty')).toContainText('队列为空');
    await shot(page, 'review-zh-03-empty');
  }

  // Second review (every approval is sampled in these tests): agree with "a", or nothing waiting.
  await page.goto('/staff/review/samples');
  await expect(page.getByRole('heading', { level: 1, name: '抽检复核' })).toBeVisible();
  await page.keyboard.press('n');
  const agree = page.getByTestId('sample-agree');
  await expect(agree.or(page.getByTestId('samples-empty'))).toBeVisible();
  if (await agree.isVisible()) {
    await expect(page.getByText('只读：此案件已做出决定。')).toBeVisible();
    await shot(page, 'review-zh-04-sample');
    await page.keyboard.press('a');
    await expect(page.getByText('复核意见已记录。')).toBeVisible();
  }

  await page.goto('/staff/supervisor');
  await expect(page.getByRole('heading', { level: 1, name: '主管看板' })).toBeVisible();
  await expect(page.getByTestId('dashboard-figures')).toContainText('队列长度');
  await expect(page.getByTestId('dashboard-figures')).toContainText('决定用时中位数');
  await expect(page.getByRole('heading', { name: '质量抽检' })).toBeVisible();
  await shot(page, 'review-zh-05-dashboard');
});
