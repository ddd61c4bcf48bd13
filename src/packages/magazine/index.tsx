import FeatureIntro from '../../components/feature-intro';

export default function MagazineEntryPage() {
  return (
    <FeatureIntro
      title='《人生》会刊'
      lead='学《人生》、用《人生》：在手机上阅读协会会刊。'
      coming={[
        '按期浏览会刊与目录',
        '大字号与夜间模式',
        '阅读进度多设备同步，继续阅读',
        '全文搜索、收藏与阅读记录',
        '离线阅读最近打开的一期',
      ]}
    />
  );
}
