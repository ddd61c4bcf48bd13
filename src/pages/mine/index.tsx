import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import ProfileCard from '../../components/profile-card';
import StateView from '../../components/state-view';
import { useMember } from '../../hooks/useMember';
import { needsLogin, sessionToken } from '../../services/session';
import './index.css';

export default function MinePage() {
  const { member, error, loading, reload } = useMember();
  const go = (url: string) => Taro.navigateTo({ url });

  return (
    <View className='page mine'>
      <StateView loading={loading && !member} error={member ? undefined : error} onRetry={reload}>
        {member && (
          <>
            <ProfileCard
              member={{ nickname: member.nickname, realName: member.realName, phoneMasked: member.phoneMasked, orgName: member.org?.name ?? null, points: member.points }}
              onEdit={() => go('/pages/mine/edit')}
            />
            <View className='card mine__menu'>
              {member.adminOrgs.length > 0 && (
                <View className='mine__item' onClick={() => go('/packages/admin/index')}>
                  <Text>协会管理</Text>
                  <Text className='hint'>{member.adminOrgs.map((o) => o.name).join('、')} ›</Text>
                </View>
              )}
              <View className='mine__item' onClick={() => go('/pages/mine/data')}>
                <Text>隐私与数据</Text>
                <Text className='hint'>查看我的信息、注销账号 ›</Text>
              </View>
              <View className='mine__item' onClick={() => go('/pages/privacy/index')}>
                <Text>个人信息保护说明</Text>
                <Text className='hint'>{member.consentAt ? '已同意 ›' : '未同意 ›'}</Text>
              </View>
              {needsLogin() && (
                <View
                  className='mine__item'
                  onClick={() => {
                    sessionToken.clear();
                    Taro.reLaunch({ url: '/pages/login/index' });
                  }}
                >
                  <Text>退出登录</Text>
                  <Text className='hint'>›</Text>
                </View>
              )}
            </View>
          </>
        )}
      </StateView>
    </View>
  );
}
