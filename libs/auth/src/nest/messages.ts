/** What users read (Chinese); logs stay in English. */
export const MESSAGES = {
  loginRequired: '请先登录',
  loginExpired: '登录已过期，请重新登录',
  forbidden: '无权执行此操作',
  outOfScope: '超出您的管辖范围',
  badScopeCode: '区划代码缺失或格式不正确',
  authUnavailable: '认证服务暂时不可用，请稍后再试',
  badLogin: '请求格式不正确：需要用户名和密码',
  wrongCredentials: '用户名或密码错误',
  locked: (minutes: number) => `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
  disabled: '账号已停用，请联系管理员',
} as const;
