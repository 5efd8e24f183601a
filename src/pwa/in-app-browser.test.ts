import { describe, expect, it } from 'vitest';
import { detectInAppBrowser } from './in-app-browser';

const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 13; M2012K11AC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36';

describe('detectInAppBrowser', () => {
  it.each([
    [
      'WeChat on Android',
      `${ANDROID_CHROME} XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64`,
      'wechat',
    ],
    [
      'WeChat on iPhone',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.46(0x18002e2c) NetType/WIFI Language/zh_CN',
      'wechat',
    ],
    ['WeCom', `${ANDROID_CHROME} wxwork/4.1.16 MicroMessenger/7.0.1 NetType/WIFI Language/zh`, 'wechat'],
    ['QQ app', `${ANDROID_CHROME} V1_AND_SQ_8.9.80_4614_YYB_D QQ/8.9.80.12440 NetType/WIFI WebP/0.3.0 AppId/537176863`, 'other'],
    ['Alipay', `${ANDROID_CHROME} AlipayClient/10.5.36.8000 Language/zh-Hans`, 'other'],
    [
      'Douyin',
      `${ANDROID_CHROME} aweme_290400 JsSdk/1.0 NetType/WIFI Channel/douyin_tengxun_wzl_1108 app_version/29.4.0 ByteLocale/zh`,
      'other',
    ],
  ])('%s', (_name, ua, expected) => {
    expect(detectInAppBrowser(ua)).toBe(expected);
  });

  it.each([
    ['Chrome on Android', ANDROID_CHROME],
    ['QQ Browser (a full browser)', `${ANDROID_CHROME.replace('Mobile Safari/537.36', '')} MQQBrowser/14.5 Mobile Safari/537.36`],
    [
      'Safari on iPhone',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
    ],
    ['Huawei Browser', `${ANDROID_CHROME} HuaweiBrowser/14.0.5.302`],
  ])('%s is not an in-app browser', (_name, ua) => {
    expect(detectInAppBrowser(ua)).toBeNull();
  });
});
