// The quick replies a console has before a supervisor writes its own: common first answers in a takeover (shown while none are stored).
import { HOTLINES } from '../core/hotlines.js';
import type { CannedReply } from './types.js';

export const DEFAULT_CANNED: readonly CannedReply[] = [
  { id: 'default-greeting', title: '接入问候', text: '师傅您好，我是暖心之家的工作人员，您的情况我看到了，马上帮您处理。' },
  { id: 'default-ask-detail', title: '请补充情况', text: '麻烦您说一下事情发生的地点、时间和大概金额，我好转给当地处理。' },
  { id: 'default-registered', title: '已登记转办', text: '已经帮您登记并转给当地办理，2个工作日内会有人联系您，办理结果会在这里告诉您。' },
  { id: 'default-hotline', title: '急事打热线', text: `如果情况紧急，请直接拨打${HOTLINES.transport}，或遇到危险先打110。` },
  {
    id: 'default-handback',
    title: '交还前确认',
    text: '您的问题我们已经记下了。还有别的需要帮忙吗？没有的话我先交还给智能助手，有事随时说“转人工”。',
  },
];
