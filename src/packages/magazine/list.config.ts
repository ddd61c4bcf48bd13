export default definePageConfig({ navigationBarTitleText: '阅读记录' });
