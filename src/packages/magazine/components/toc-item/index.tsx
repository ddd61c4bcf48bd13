import { View, Text } from '@tarojs/components';
import './index.css';

export interface TocItemProps {
  title: string;
  author: string;
  summary?: string;
  readingMinutes: number;
  status: 'unread' | 'reading' | 'read';
  /** 0..1, shown while reading. */
  position?: number;
  onOpen?: () => void;
}

const MARK = { unread: '未读', reading: '在读', read: '已读' } as const;

/** One article in an issue's table of contents, with the reader's read/unread mark. Presentational (built as a native component for tests). */
export default function TocItem({ title, author, summary, readingMinutes, status, position = 0, onOpen }: TocItemProps) {
  const label = status === 'reading' && position > 0 ? `读到 ${Math.round(position * 100)}%` : MARK[status];
  return (
    <View className={`mz-toc-item mz-toc-item--${status}`} onClick={onOpen} role="link">
      <View className="mz-toc-item__head">
        <Text className="mz-toc-item__title">{title}</Text>
        <Text className={`mz-toc-item__mark mz-toc-item__mark--${status}`}>{label}</Text>
      </View>
      {summary && <Text className="mz-toc-item__summary">{summary}</Text>}
      <Text className="mz-toc-item__meta">{`${author} · 约 ${readingMinutes} 分钟`}</Text>
    </View>
  );
}
