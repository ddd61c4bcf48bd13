export default definePageConfig({ navigationBarTitleText: '协会管理' });
