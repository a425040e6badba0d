// The console's page frame: navigation, the CSRF token for scripts, and styles that work on a 13-inch laptop and a phone.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { ROLE_LABELS } from '../../staff/access.js';
import type { StaffMember } from '../../staff/types.js';

const STYLE = `
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa;--accent:#c2410c;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 "WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem 1rem;background:#fff;border-bottom:1px solid var(--line)}
header .brand{font-weight:700;color:var(--accent)}nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem}nav a{color:var(--fg);text-decoration:none;padding:.2rem .1rem}nav a.on{border-bottom:2px solid var(--accent)}
header .me{margin-left:auto;color:var(--muted);font-size:13px;display:flex;gap:.5rem;align-items:center}
main{max-width:1200px;margin:0 auto;padding:1rem}h1{font-size:1.3rem;margin:.2rem 0 1rem}h2{font-size:1.05rem;margin:1rem 0 .5rem}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;margin-bottom:1rem}
table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}th{font-size:13px;color:var(--muted);font-weight:600}
.tag{display:inline-block;padding:0 .4rem;border-radius:4px;font-size:12px;background:#eaeef2}.tag.waiting{background:#fff1e5;color:var(--accent)}.tag.active{background:#dafbe1;color:var(--ok)}.tag.bad{background:#ffebe9;color:var(--bad)}.tag.soon{background:#fff8c5;color:#7d4e00}tr.overdue td{background:#fff0ee}tr.overdue td:first-child{box-shadow:inset 4px 0 0 var(--bad)}tr.due-soon td{background:#fffbe6}tr.due-soon td:first-child{box-shadow:inset 4px 0 0 #bf8700}
button,.btn{font:inherit;padding:.35rem .8rem;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer;color:var(--fg);text-decoration:none;display:inline-block}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}button:disabled{opacity:.5}
input,select,textarea{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px;max-width:100%}textarea{width:100%;min-height:4.5rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-bottom:.8rem}
.grid{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:1rem}@media (max-width:820px){.grid{grid-template-columns:1fr}th.opt,td.opt{display:none}}
table.ledger td.due{white-space:nowrap}.reply-card{margin-top:1rem}
@media (max-width:820px){.convo{gap:0}.convo>div{display:contents}.convo h1{order:0}.convo #panel{order:1}.convo .transcript{order:2}.convo .reply-card{order:3}.convo .notes-card{order:4}}
@media (max-width:820px){table.ledger thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}table.ledger,table.ledger tbody{display:block}table.ledger tr{display:block;padding:.5rem .6rem;border-bottom:1px solid var(--line)}table.ledger td{display:block;border:0;padding:.1rem 0;background:none!important;box-shadow:none!important}table.ledger td.opt{display:none}table.ledger td[data-label]::before{content:attr(data-label) "：";color:var(--muted);font-size:13px}table.ledger td.due{white-space:normal}table.ledger tr.overdue{background:#fff0ee;box-shadow:inset 4px 0 0 var(--bad)}table.ledger tr.due-soon{background:#fffbe6;box-shadow:inset 4px 0 0 #bf8700}}
.transcript{display:flex;flex-direction:column;gap:.4rem;max-height:60vh;overflow:auto;padding:.5rem;background:#fbfbfc;border:1px solid var(--line);border-radius:8px}
.msg{max-width:85%;padding:.4rem .6rem;border-radius:8px;white-space:pre-wrap;word-break:break-word}.msg .who{font-size:12px;color:var(--muted)}
.msg.driver{align-self:flex-start;background:#fff;border:1px solid var(--line)}.msg.bot{align-self:flex-end;background:#eef2ff}.msg.staff{align-self:flex-end;background:#fff1e5}
.summary{white-space:pre-wrap;font-size:14px}.muted{color:var(--muted)}.error{color:var(--bad)}.notice{padding:.6rem .8rem;border-radius:6px;background:#fff8c5;border:1px solid #eac54f}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}.stats{display:flex;flex-wrap:wrap;gap:1rem}.stat{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem;min-width:9rem}.stat b{display:block;font-size:1.4rem}
.sr-only,.drawn .chart-data,.chart-data caption{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem .8rem;margin:.4rem 0}dl.facts dt{color:var(--muted);font-size:14px}dl.facts dd{margin:0;word-break:break-word}dl.facts q{display:block}.problem h3{font-size:.95rem;margin:.8rem 0 .3rem}.driver-cases{margin:.2rem 0;padding-left:1.2rem}
figure.chart-card{margin:0 0 1rem;min-width:0}.chart{display:none;width:100%}.drawn .chart{display:block}.chart-data th{color:var(--fg);font-weight:400}
`;

export interface LayoutProps {
  title: string;
  staff?: StaffMember;
  regionName?: string;
  csrfToken?: string;
  active?: string;
  children?: Child;
}

export function Layout(props: LayoutProps) {
  const link = (href: string, key: string, label: string) => (
    <a href={href} class={props.active === key ? 'on' : ''}>
      {label}
    </a>
  );
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.csrfToken ? <meta name="csrf-token" content={props.csrfToken} /> : null}
        <title>{`${props.title} · 暖心工作台`}</title>
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        <header>
          <span class="brand">暖心工作台</span>
          {props.staff ? (
            <nav>
              {link('/staff', 'inbox', '待办')}
              {link('/staff/conversations', 'conversations', '对话')}
              {link('/staff/cases', 'cases', '诉求')}
              {link('/staff/knowledge', 'knowledge', '未答问题')}
              {link('/staff/dashboard', 'dashboard', '统计')}
              {link('/staff/canned', 'canned', '快捷回复')}
              {props.staff.role !== 'agent' ? link('/staff/audit', 'audit', '审计日志') : null}
            </nav>
          ) : null}
          {props.staff ? (
            <span class="me">
              <span id="me">
                {props.staff.displayName}（{ROLE_LABELS[props.staff.role]} · {props.regionName}）
              </span>
              <form method="post" action="/staff/logout">
                <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
                <button type="submit">退出</button>
              </form>
            </span>
          ) : null}
        </header>
        <main>{props.children}</main>
        {props.staff ? <script src="/staff/assets/console.js" defer></script> : null}
      </body>
    </html>
  );
}
