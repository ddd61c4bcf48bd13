export default definePageConfig({ navigationBarTitleText: '发布课堂' });
