import { View, Text } from '@tarojs/components';
import { useImageUpload } from './use-image-upload';
import './index.css';

/** 插入图片: uploads an image and hands back Markdown `![](url)` for the body. */
export default function InsertImageButton({ onInsert }: { onInsert: (markdown: string) => void }) {
  const up = useImageUpload((url) => onInsert(`![](${url})`), 'body-image-file');
  return (
    <View className="media-insert">
      <View className="btn-plain media-insert__btn" onClick={up.choose}>
        <Text>{up.uploading ? `正在上传 ${up.progress ?? 0}%` : '插入图片'}</Text>
      </View>
      {up.error && <Text className="field-error">{up.error}</Text>}
      {up.input}
    </View>
  );
}
