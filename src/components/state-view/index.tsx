import type { ReactNode } from 'react';
import { View, Text, Button } from '@tarojs/components';
import FixButton from '../fix-button';
import { fixFor } from '../../services/fixes';

interface Props {
  loading?: boolean;
  error?: { message: string; code?: string } | undefined;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children?: ReactNode;
}

/** The one way a screen shows loading, error and empty states. */
export default function StateView({ loading, error, empty, emptyText = '这里还没有内容', onRetry, children }: Props) {
  if (loading && !children) return <Loading />;
  if (error)
    return (
      <View className="state" role="alert">
        <Text className="state-title">{fixFor(error) ? '还差一步' : '加载失败'}</Text>
        <Text className="muted">{error.message}</Text>
        <FixButton error={error} />
        {onRetry && (
          <Button className="btn-plain state-action" onClick={onRetry}>
            重新加载
          </Button>
        )}
      </View>
    );
  if (loading) return <Loading />;
  if (empty)
    return (
      <View className="state">
        <Text className="state-title">{emptyText}</Text>
      </View>
    );
  return <>{children}</>;
}

function Loading() {
  return (
    <View className="state" aria-busy="true">
      <View className="spinner" />
      <Text className="muted">正在加载…</Text>
    </View>
  );
}
