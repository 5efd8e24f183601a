/**
 * In-app browsers (WeChat above all: most links reach people in Dongguan through it) cannot install
 * the app and do not keep it for offline use. Recognised by the tokens their user agents carry; a
 * full browser that merely shares a vendor's name (QQ Browser, "MQQBrowser") is not an in-app one.
 */
export type InAppBrowser = 'wechat' | 'other';

const WECHAT = /MicroMessenger|wxwork/i;
const OTHERS = [
  / QQ\/[\d.]+/,
  /Weibo/i,
  /AlipayClient/i,
  /DingTalk/i,
  /aweme|BytedanceWebview|ByteLocale/i,
  /FBAN|FBAV/,
  /Instagram/,
  / Line\//,
  /XiaoHongShu|discover\/[\d.]+/i,
];

export function detectInAppBrowser(userAgent: string): InAppBrowser | null {
  if (WECHAT.test(userAgent)) return 'wechat';
  if (OTHERS.some((re) => re.test(userAgent))) return 'other';
  return null;
}
