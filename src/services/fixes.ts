import Taro from '@tarojs/taro';

export interface Fix {
  label: string;
  run: () => void;
}

const go = (url: string) => () => void Taro.navigateTo({ url });
/** 编辑资料 opened straight on the organisation picker. */
export const PICK_ORG_URL = '/pages/mine/edit?pickOrg=1';

/**
 * The one place that knows which refusals a member can fix themselves, and the button that does it.
 * A refusal that is not here (a closed class, a wrong code) gets no button: nothing on this phone fixes it.
 */
export function fixFor(error: { code?: string } | undefined | null): Fix | null {
  switch (error?.code) {
    case 'QUIZ_NOT_ELIGIBLE':
    case 'NOT_IN_AUDIENCE':
      return { label: '去设置所在单位', run: go(PICK_ORG_URL) };
    case 'CONSENT_REQUIRED':
      return { label: '去阅读并同意', run: go('/pages/privacy/index') };
    case 'ALREADY_REGISTERED':
      return { label: '查看我的报名', run: go('/packages/classes/mine') };
    case 'LOCATION_REQUIRED':
      return process.env.TARO_ENV === 'weapp' ? { label: '去开启位置权限', run: () => void Taro.openSetting() } : null;
    default:
      return null;
  }
}
