export default definePageConfig({ navigationBarTitleText: '课堂消息' });
