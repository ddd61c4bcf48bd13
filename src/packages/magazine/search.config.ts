export default definePageConfig({ navigationBarTitleText: '搜索《人生》' });
