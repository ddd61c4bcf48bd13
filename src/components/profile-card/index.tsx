import { View, Text } from '@tarojs/components';
import './index.css';

export interface ProfileCardMember {
  nickname: string;
  realName: string | null;
  phoneMasked: string | null;
  orgName: string | null;
  points: number;
}

interface Props {
  member: ProfileCardMember;
  onEdit?: () => void;
}

/**
 * The member's own card on 我的. Kept free of app state so it also builds as a native weapp
 * component (tests/weapp load it under miniprogram-simulate).
 */
export default function ProfileCard({ member, onEdit }: Props) {
  return (
    <View className="profile-card">
      <View className="profile-card__head">
        <View className="profile-card__avatar">
          <Text>{member.nickname.slice(0, 1)}</Text>
        </View>
        <View className="profile-card__names">
          <Text className="profile-card__nickname">{member.nickname}</Text>
          <Text className="profile-card__realname">{member.realName ? `实名：${member.realName}` : '未填写真实姓名'}</Text>
        </View>
      </View>
      <View className="profile-card__row">
        <Text className="profile-card__label">手机号</Text>
        <Text className="profile-card__value profile-card__phone">{member.phoneMasked ?? '未填写'}</Text>
      </View>
      <View className="profile-card__row">
        <Text className="profile-card__label">所在单位</Text>
        <Text className="profile-card__value profile-card__org">{member.orgName ?? '未选择'}</Text>
      </View>
      <View className="profile-card__row">
        <Text className="profile-card__label">我的积分</Text>
        <Text className="profile-card__value profile-card__points">{member.points}</Text>
      </View>
      {onEdit && (
        <View className="profile-card__edit" onClick={onEdit}>
          <Text>编辑资料</Text>
        </View>
      )}
    </View>
  );
}
