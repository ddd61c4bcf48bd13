export default definePageConfig({ navigationBarTitleText: '《人生》发布' });
