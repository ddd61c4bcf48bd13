export default definePageConfig({ navigationBarTitleText: '《人生》' });
