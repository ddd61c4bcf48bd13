export default definePageConfig({ navigationBarTitleText: '阅读', enableShareAppMessage: true });
