import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { MemberProfile } from '@contracts/member';
import { PRIVACY_NOTICE_VERSION } from '@contracts/privacy';
import { call, ApiCallError } from '../services/api';
import { needsLogin, sessionToken } from '../services/session';
import { goToLogin } from '../services/login-return';
import { elderMode } from '../services/elder-mode';

export const NOTICE_SEEN_KEY = 'privacy.noticeSeen';

/**
 * The signed-in member for tab pages. Sends a visitor without a session to the login page, and
 * shows the privacy notice once on first use (consent itself is recorded on the server).
 */
export function useMember() {
  const [member, setMember] = useState<MemberProfile>();
  const [error, setError] = useState<ApiCallError>();
  const [loading, setLoading] = useState(true);

  const load = async () => {
    if (needsLogin() && !sessionToken.get()) {
      goToLogin();
      return;
    }
    setLoading(true);
    try {
      const me = await call('member.me', {}, { quiet: true });
      setMember(me);
      elderMode.set(me.elderMode);
      setError(undefined);
      if (me.consentVersion !== PRIVACY_NOTICE_VERSION && !Taro.getStorageSync(NOTICE_SEEN_KEY)) {
        Taro.setStorageSync(NOTICE_SEEN_KEY, '1');
        Taro.navigateTo({ url: '/pages/privacy/index?first=1' });
      }
    } catch (e) {
      setError(e as ApiCallError);
    } finally {
      setLoading(false);
    }
  };

  useDidShow(() => void load());
  return { member, error, loading, reload: load };
}
