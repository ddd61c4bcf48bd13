export default defineAppConfig({
  pages: ['pages/home/index', 'pages/mine/index', 'pages/mine/edit', 'pages/mine/data', 'pages/privacy/index', 'pages/login/index'],
  // One subPackage per feature keeps the main package small; routes are /packages/<feature>/<page>.
  subPackages: [
    { root: 'packages/quiz', pages: ['index', 'answer', 'result', 'leaderboard'] },
    { root: 'packages/classes', pages: ['index', 'detail', 'mine', 'messages'] },
    { root: 'packages/events', pages: ['index', 'detail/index', 'mine/index'] },
    { root: 'packages/magazine', pages: ['index', 'issue', 'article', 'search', 'mine', 'list'] },
    {
      root: 'packages/admin',
      pages: [
        'index',
        'quiz/index',
        'quiz/edit',
        'quiz/import',
        'quiz/stats',
        'classes/index',
        'classes/edit',
        'classes/roster',
        'events/index',
        'events/edit',
        'events/screen',
        'events/stats',
        'magazine/index',
        'magazine/issue',
        'magazine/article',
      ],
    },
  ],
  // Only for `taro build native-components` (tests/weapp): React components compiled to native ones.
  components: [
    'components/profile-card/index',
    'packages/quiz/components/question-card/index',
    'packages/quiz/components/result-card/index',
    'packages/classes/components/class-card/index',
    'packages/events/components/checkin-panel/index',
    'packages/events/components/link-checkin/index',
    'packages/magazine/components/toc-item/index',
    'packages/magazine/components/font-size-control/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '会员之家',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3ef',
  },
  tabBar: {
    color: '#6b6b6b',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // 活动签到: location for on-site check-in (members) and for picking the venue (organisers).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: { 'scope.userLocation': { desc: '用于确认您在活动现场签到，以及管理员设置活动和课堂的地点' } },
});
