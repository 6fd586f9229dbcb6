/**
 * What a page's URL and name say it is: an article, a list (a column or one of its pages), search
 * results, or a static text (概况, 机构职能, 领导…). Signs only: `content.ts` weighs them against
 * what the page shows (dates, meta tags, lists).
 */

/** CMS article paths, and the generic `show`/`detail` scripts and `?id=` of ASP/PHP sites. */
const ARTICLE_URL =
  /\/t\d{8}_\d+|\/art\/\d{4}\/|content_\d+|\/\d{6}\/t\d|\/art\/|\/(?:detail|article|content|show|info)[/_-]?\d*|[?&](?:id|articleid|infoid|docid)=/i;
/**
 * A list script (`List.asp?id=5`, `more.php?classid=2`, `list_2.html`): the `?id=` such sites
 * give every page does not make it an article.
 */
const LIST_URL =
  /\/(?:list|lists|more|class|column|lanmu|category|newslist|news_list)(?:[_-]\d+)?\.(?:s?html?|aspx?|php|jsp|do)(?:$|[?#])/i;
/** Search results list dated entries too, in the order of relevance: they are no column. */
const SEARCH_URL = /search|sousuo|\/so\/|jsearch|jrobot|[?&](?:q|qt|wd|kw|keyword|keywords|searchword)=/i;

export const articleUrl = (url: string) => ARTICLE_URL.test(url) && !LIST_URL.test(url);
export const searchUrl = (url: string) => SEARCH_URL.test(url);

/** Query parameters that number a list's pages (not `p`: WordPress's `?p=123` is a post). */
const PAGE_PARAMS =
  /^(?:page|pages|paged|pg|page_?no|page_?index|page_?num|pn|cur_?page|curr_?page|current_?page|page_?size)$/i;
/** A list's first page under the names CMSs give it; `_2`, `-2` number the pages after it. */
const FIRST_PAGE = /\/(?:index|default)(?:[_-]\d+)?\.(?:s?html?|aspx?|php|jsp)$/i;
const NTH_PAGE = /\/(list|lists|more)[_-]\d+(\.\w+)$/i;

/**
 * The URL of a list's first page, the key its pages share: `index.html`, `index_2.html`,
 * `default.aspx` → the folder (`/xwdt/`, which is how menus link it); `list_2.html` → `list.html`;
 * page-numbering parameters with a number (`?page=3`, `pageNum=2`) dropped.
 */
export function listKey(url: string): string {
  try {
    const u = new URL(url);
    u.pathname = u.pathname.replace(FIRST_PAGE, "/").replace(NTH_PAGE, "/$1$2");
    // Only a number numbers pages: `index.php?page=about` is a page of its own.
    for (const [k, v] of [...u.searchParams])
      if (PAGE_PARAMS.test(k) && /^\d{1,6}$/.test(v)) u.searchParams.delete(k);
    u.hash = "";
    return u.href;
  } catch {
    return url;
  }
}

/** Names of the texts every site has once and never dates (the 发布解读 block's fixed pages). */
const STATIC_NAME =
  /^.{0,10}(?:概况|简介|介绍|机构职能|主要职能|职能职责|机构设置|内设机构|领导(?:信息|简介|班子|成员|分工|之窗|介绍)?|联系我们|联系方式|关于我们|网站地图|网站声明|法律声明|隐私(?:声明|政策)?|使用帮助|帮助中心)$/;
/** The same in the paths of sites that name files after them (`About.asp`, `/gaikuang/`, `ldjj`). */
const STATIC_PATH =
  /\/(?:about|gaikuang|gk|jianjie|intro|introduce|gywm|lxwm|contact|jgzn|zyzn|jgsz|ldjj|ldxx|ldfg|ldbz|leader|wzdt|sitemap|help|flsm|wzsm)(?:us)?(?:[/._-]|$)/i;

/**
 * A static text: named so by a part of its title (`机构职能 - 某县人民政府`) or by the link to it
 * (the homepage's menu), or by its path. Only pages that show no sign of an article are asked.
 */
export function staticPage(url: string, title: string | null, linkText: string | undefined): boolean {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {}
  if (STATIC_PATH.test(path)) return true;
  if (linkText !== undefined && STATIC_NAME.test(linkText.trim())) return true;
  if (!title) return false;
  return title.split(/\s*[_|｜—–-]\s*|\s{2,}/).some((part) => STATIC_NAME.test(part.trim()));
}
