// Spec 7: the same registration in Chinese on a 390×844 phone, the language chosen with the
// switcher before signing up (so the account, the SMS and the server's quality messages are all in
// Chinese), signing out after the identity step and resuming the draft after signing in again,
// with the due date shown in China's time zone.
import { registerLine } from './support/registration_flow';
import { expect, seedLine, test } from './support/simreg';
import { signUpAndSignIn, type SubscriberStrings } from './support/subscriber_flow';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai' });

test('新用户在手机上完成号码实名登记（中文）', async ({ page }) => {
  const line = seedLine();
  await page.goto('/');
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const subscriberStrings: SubscriberStrings = {
    landingTitle: '放心办理 SIM 卡实名登记',
    createAccountLink: '注册账户',
    signupTitle: '注册账户',
    email: '电子邮箱',
    password: '密码',
    signupSubmit: '注册',
    verifyTitle: '验证电子邮箱',
    code: '验证码',
    verifySubmit: '验证邮箱',
    verifiedNotice: '电子邮箱已验证，现在可以登录了。',
    signInTitle: '登录',
    signInSubmit: '登录',
    accountTitle: '我的账户',
    verifiedBadge: '已验证',
    nextStepTitle: '下一步：办理 SIM 卡实名登记',
    signOut: '退出登录',
    signedOutNotice: '您已退出登录。',
  };
  const email = await signUpAndSignIn(page, subscriberStrings, 'registration-zh', 'zh-CN');
  await registerLine(
    page,
    {
      linkLine: '绑定号码',
      linkTitle: '绑定号码',
      msisdn: '手机号码',
      sendCode: '发送验证码',
      codeTitle: '输入短信验证码',
      smsCode: '短信验证码',
      confirmLink: '绑定此号码',
      linkedNotice: (msisdn) => `号码 ${msisdn} 已绑定到您的账户。`,
      unregistered: '未登记',
      startRegistration: '开始登记',
      startTitle: '办理 SIM 卡实名登记',
      startSubmit: '开始登记',
      identityHeading: '第 1 步，共 3 步：个人信息',
      fullName: '姓名',
      dateOfBirth: '出生日期',
      female: '女',
      nationality: '国籍',
      address: '住址',
      residentId: '居民身份证',
      documentNumber: '证件号码',
      numberHint: '18 位，最后一位可能是 X',
      expiry: '有效期至',
      contactPhone: '联系电话',
      continueButton: '继续',
      documentsHeading: '第 2 步，共 3 步：拍照',
      blurredMessage: '照片模糊。',
      blurredHint: '请拿稳手机，点击屏幕对焦后重新拍摄。',
      accepted: '照片合格',
      reviewHeading: '第 3 步，共 3 步：核对并声明',
      show: '显示',
      declaration: '本人声明：所填写的信息真实、准确、完整',
      declare: '我已阅读以上声明，并确认所填内容属实。',
      submit: '提交登记',
      statusTitle: '我的登记',
      submittedNotice: '谢谢！您的登记已提交。',
      submittedStatus: '已提交',
      dueLabel: '预计审核完成时间',
      pendingLine: '审核中',
      nextPending: (date) => `审核中，预计 ${date} 前完成`,
      myAccount: '我的账户',
      continueRegistration: '继续登记',
      person: { fullName: '王小梅', address: '北京市东城区东长安街 1 号' },
    },
    'registration-zh',
    'zh-CN',
    line,
    { email, strings: subscriberStrings },
  );
});
