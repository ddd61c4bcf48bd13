import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import ProfileCard from '../../components/profile-card';
import StateView from '../../components/state-view';
import Screen from '../../components/screen';
import { useMember } from '../../hooks/useMember';
import { useElderMode } from '../../hooks/useElderMode';
import { call } from '../../services/api';
import { elderMode } from '../../services/elder-mode';
import { needsLogin, sessionToken } from '../../services/session';
import './index.css';
import { LOGIN_PAGE } from '../../services/login-return';

/** What a member comes back for, one tap each (我的报名 shows the 入场码 at once). */
const HUB = [
  { key: 'registrations', label: '我的报名', hint: '入场码、候补、取消', url: '/packages/classes/mine' },
  { key: 'checkins', label: '我的签到', hint: '活动签到记录', url: '/packages/events/mine/index' },
  { key: 'scores', label: '我的成绩', hint: '知识竞赛成绩', url: '/packages/quiz/index?mine=1' },
  { key: 'reading', label: '我的阅读', hint: '《人生》阅读时间', url: '/packages/magazine/mine' },
  { key: 'messages', label: '消息', hint: '候补递补、上课提醒', url: '/packages/classes/messages' },
];

/** 我的: the member's hub — profile, 长辈模式, their records, privacy. */
export default function MinePage() {
  const { member, error, loading, reload } = useMember();
  const elder = useElderMode();
  const go = (url: string) => Taro.navigateTo({ url });

  const toggleElder = async () => {
    const on = !elder;
    elderMode.set(on); // at once, so the member sees what they chose
    try {
      await call('member.update', { elderMode: on }, { quiet: true });
    } catch {
      elderMode.set(!on);
      Taro.showToast({ title: '没有保存成功，请稍后再试', icon: 'none' });
    }
  };

  return (
    <Screen className="page mine">
      <StateView loading={loading && !member} error={member ? undefined : error} onRetry={reload}>
        {member && (
          <>
            <ProfileCard
              member={{
                nickname: member.nickname,
                realName: member.realName,
                phoneMasked: member.phoneMasked,
                orgName: member.org?.name ?? null,
                points: member.points,
              }}
              onEdit={() => go('/pages/mine/edit')}
            />
            <View className="card mine__elder" role="switch" aria-checked={elder} aria-label="长辈模式" onClick={toggleElder}>
              <View className="mine__elder-text">
                <Text className="mine__elder-title">长辈模式</Text>
                <Text className="hint">{elder ? '已开启：字更大、按钮更大' : '字更大、按钮更大、颜色更清楚'}</Text>
              </View>
              <View className={`mine__switch ${elder ? 'mine__switch--on' : ''}`}>
                <Text className="mine__switch-text">{elder ? '开' : '关'}</Text>
                <View className="mine__switch-knob" />
              </View>
            </View>
            <View className="card mine__menu">
              {HUB.map((h) => (
                <View key={h.key} className={`mine__item mine__item--${h.key}`} role="link" onClick={() => go(h.url)}>
                  <Text className="mine__label">{h.label}</Text>
                  <Text className="hint mine__hint">{`${h.hint} ›`}</Text>
                </View>
              ))}
            </View>
            <View className="card mine__menu">
              {member.adminOrgs.length > 0 && (
                <View className="mine__item" role="link" onClick={() => go('/packages/admin/index')}>
                  <Text className="mine__label">协会管理</Text>
                  <Text className="hint mine__hint">{member.adminOrgs.map((o) => o.name).join('、')} ›</Text>
                </View>
              )}
              <View className="mine__item" role="link" onClick={() => go('/pages/mine/data')}>
                <Text className="mine__label">隐私与数据</Text>
                <Text className="hint mine__hint">查看我的信息、注销账号 ›</Text>
              </View>
              <View className="mine__item" role="link" onClick={() => go('/pages/privacy/index')}>
                <Text className="mine__label">个人信息保护说明</Text>
                <Text className="hint mine__hint">{member.consentAt ? '已同意 ›' : '未同意 ›'}</Text>
              </View>
              {needsLogin() && (
                <View
                  className="mine__item"
                  role="button"
                  onClick={() => {
                    sessionToken.clear();
                    Taro.reLaunch({ url: LOGIN_PAGE });
                  }}
                >
                  <Text className="mine__label">退出登录</Text>
                  <Text className="hint mine__hint">›</Text>
                </View>
              )}
            </View>
          </>
        )}
      </StateView>
    </Screen>
  );
}
