import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text, Input, Button } from '@tarojs/components';
import { call, ApiCallError } from '../../services/api';
import { sessionToken } from '../../services/session';
import { returnAfterLogin } from '../../services/login-return';
import './index.css';
import Screen from '../../components/screen';

/**
 * Dev-mode login of the HTTP host (`npm start`): any account name acts as a WeChat openid.
 * Inside WeChat the identity comes from WeChat itself and this page is never shown.
 */
export default function LoginPage() {
  // The page the visitor meant to open (a check-in link, a class) when the login page was put in its way.
  const { back } = useRouter().params;
  const [openid, setOpenid] = useState('');
  const [nickname, setNickname] = useState('');
  const [error, setError] = useState('');

  const login = async () => {
    setError('');
    try {
      const r = await call('auth.devLogin', { openid: openid.trim(), nickname: nickname.trim() || undefined }, { loading: '正在登录', quiet: true });
      sessionToken.set(r.token);
      returnAfterLogin(back);
    } catch (e) {
      setError((e as ApiCallError).message);
    }
  };

  return (
    <Screen className="page login">
      <View className="login__brand">
        <Text className="login__title">会员之家</Text>
        <Text className="muted">计划生育协会会员服务</Text>
      </View>
      <View className="card">
        <Text className="card-title">开发环境登录</Text>
        <Text className="hint">正式环境中由微信自动识别身份。演示管理员账号见 README。</Text>
        <View className="field">
          <Text className="field-label">账号（如 member-001）</Text>
          <Input className="field-input" name="openid" value={openid} placeholder="字母、数字或短横线" onInput={(e) => setOpenid(e.detail.value)} />
        </View>
        <View className="field">
          <Text className="field-label">昵称（新账号使用）</Text>
          <Input className="field-input" name="nickname" value={nickname} placeholder="如：草原上的格桑花" onInput={(e) => setNickname(e.detail.value)} />
        </View>
        {error && <Text className="field-error">{error}</Text>}
        <Button className="btn-primary" style={{ marginTop: '28px' }} onClick={login}>
          登录
        </Button>
      </View>
    </Screen>
  );
}
