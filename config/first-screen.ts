import path from 'node:path';
import type { Compilation, Compiler } from 'webpack';

/**
 * H5 only. The first screen's code arrives with the app instead of after it:
 * - a visitor without a session is sent to the login page by a line of inline script before any
 *   JavaScript loads, so 首页's chunk is never fetched just to redirect; the page they opened (a check-in
 *   link) goes along as `back`, for the login to return to (src/services/login-return.ts);
 * - the chunks (JS and CSS) of the page the visitor will see first, 首页 or the login page, start
 *   downloading beside the app bundle, not one after another once it has run;
 * - 首页's API calls are made at the same time, not once all of that has arrived and run.
 * The chunk files are found in the compilation, so the hashes in the page are always the built ones.
 */
export const FIRST_SCREEN_PAGES = { home: 'pages/home/index', login: 'pages/login/index' } as const;
/** Where the app keeps the session token (Taro's H5 storage: JSON {data}); see src/services/session.ts. */
const TOKEN_KEY = 'session.token';
/**
 * The API calls 首页 makes on opening (useMember and the four cards in src/components/home/), asked for by
 * the page itself while the JavaScript is still downloading; the app's transport takes each answer once
 * (src/services/transport.ts). A call listed here that the page no longer makes costs a request, no more.
 */
const HOME_CALLS: [string, unknown][] = [
  ['member.me', {}],
  ['event.list', { when: 'upcoming', scope: 'all', limit: 50 }],
  ['quiz.list', {}],
  ['class.list', { where: 'area' }],
  ['magazine.shelf', { limit: 1 }],
];
/** Routes a visitor without a session may open. */
const PUBLIC_ROUTES = ['pages/login/index', 'pages/privacy/index'];

// html-webpack-plugin as Taro's runner loads it: its hooks are per instance of the module.
const HtmlWebpackPlugin = require(require.resolve('html-webpack-plugin', { paths: [path.dirname(require.resolve('@tarojs/webpack5-runner'))] }));

/** Source files of a module; a concatenated module (webpack's scope hoisting) stands for several. */
function resourcesOf(m: unknown): string[] {
  const mod = m as { resource?: string; modules?: unknown[] };
  return [mod.resource ?? '', ...(mod.modules ?? []).flatMap(resourcesOf)].map((r) => r.split('?')[0]);
}

/** The JS and CSS files of the lazily loaded chunk group of a page. */
function filesOfPage(compilation: Compilation, sourceDir: string, page: string): string[] {
  const stem = `${path.join(sourceDir, page)}.`;
  const files = new Set<string>();
  for (const group of compilation.chunkGroups) {
    if (group.isInitial()) continue;
    const isPage = group.chunks.some((chunk) =>
      [...compilation.chunkGraph.getChunkModulesIterable(chunk)].some((m) => resourcesOf(m).some((r) => r.startsWith(stem))),
    );
    if (!isPage) continue;
    for (const chunk of group.chunks) for (const f of chunk.files) if (/\.(js|css)$/.test(f)) files.add(f);
  }
  return [...files];
}

/** The inline script: route first, then preload what that route's first screen needs. */
export function firstScreenScript(publicPath: string, files: Record<keyof typeof FIRST_SCREEN_PAGES, string[]>): string {
  return `(function(){try{
var F=${JSON.stringify(files)},P=${JSON.stringify(publicPath)},L=${JSON.stringify(PUBLIC_ROUTES)};
var t=null;try{t=JSON.parse(localStorage.getItem(${JSON.stringify(TOKEN_KEY)})||'null')}catch(e){}
var opened=location.hash.replace(/^#\\/?/,''),route=opened.split('?')[0],page=null;
if(!(t&&t.data)){if(L.indexOf(route)<0){location.replace('#/'+L[0]+(route?'?back='+encodeURIComponent('/'+opened):''));}page=route===L[1]?null:'login';}
else if(route===''||route==='${FIRST_SCREEN_PAGES.home}')page='home';
if(!page)return;
if(page==='home'){var W=window.__firstScreen={};${JSON.stringify(HOME_CALLS)}.forEach(function(c){var b=JSON.stringify(c[1]);
W[c[0]+' '+b]=fetch('/api/'+c[0],{method:'POST',headers:{'content-type':'application/json',authorization:'Bearer '+t.data},body:b})
.then(function(r){return r.json().then(function(j){return{status:r.status,body:j};});});});}
F[page].forEach(function(f){var l=document.createElement('link');
if(/\\.css$/.test(f)){l.rel='stylesheet';}else{l.rel='preload';l.as='script';}
l.href=P+f;document.head.appendChild(l);});
}catch(e){}})();`;
}

export class FirstScreenPlugin {
  constructor(private readonly sourceDir: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('FirstScreenPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('FirstScreenPlugin', (data: { headTags: unknown[] }) => {
        const publicPath = String(compilation.outputOptions.publicPath ?? '/');
        const files = {
          home: filesOfPage(compilation, this.sourceDir, FIRST_SCREEN_PAGES.home),
          login: filesOfPage(compilation, this.sourceDir, FIRST_SCREEN_PAGES.login),
        };
        data.headTags.unshift({
          tagName: 'script',
          voidTag: false,
          meta: { plugin: 'FirstScreenPlugin' },
          attributes: {},
          innerHTML: firstScreenScript(publicPath, files),
        });
        return data;
      });
    });
  }
}
