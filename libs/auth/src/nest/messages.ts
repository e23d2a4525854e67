/** What users read (Chinese); logs stay in English. */
export const MESSAGES = {
  loginRequired: '请先登录',
  loginExpired: '登录已过期，请重新登录',
  forbidden: '无权执行此操作',
  badScopeCode: '区划代码缺失或格式不正确',
  authUnavailable: '认证服务暂时不可用，请稍后再试',
  badLogin: '请求格式不正确：需要用户名和密码',
  wrongCredentials: '用户名或密码错误',
  throttled: (minutes: number) => `登录尝试次数过多，请 ${minutes} 分钟后再试`,
  busy: '登录请求过多，请稍后再试',
  disabled: '账号已停用，请联系管理员',
  sessionEnded: '登录已失效，请重新登录',
  crossSite: '请求来源不被接受，请刷新页面后重试',
  mustChangePassword: '请先修改初始密码',
  badPasswordChange: '请求格式不正确：需要当前密码和新密码',
  wrongCurrentPassword: '当前密码不正确',
} as const;
