/**
 * Interface text in every language the site speaks. Chinese is the reference: its keys define
 * `MessageKey`, and English (./messages-en.ts) must translate every one of them (the type
 * checker enforces it). The first load carries only the Chinese text of the first screen (here,
 * 1.6 KiB gzip); the Chinese text of the other views (./messages-zh-views.ts) and English are
 * chunks of their own (`loadMessages`), where both languages' whole text cost 12 KiB gzip of the
 * first load before. A key the first screen shows must be here: tests/build/initial-js.test.ts
 * checks every key the first load's code names.
 * Labels of stages, items, fields and amenity types live with their definitions in
 * `src/domain/`, not here.
 */
import type { ZH_VIEWS } from './messages-zh-views';

/** Languages of the interface; the first is the default. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** BCP 47 tag written to `<html lang>` for each language. */
export const HTML_LANG: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en' };

/** The Chinese text of the first screen: what the page shows before any view is opened. */
const zh = {
  'site.title': '小区焕新地图',
  'site.subtitle': '城镇老旧小区改造进展',
  'site.loading': '正在加载数据…',
  'site.load_failed': '数据加载失败：{message}',
  'data.mismatch':
    '数据文件与清单不符：{files}。数据文件夹混有两次构建的文件：请重新构建数据（npm run build:data），或重新复制整个文件夹。',
  'data.mismatch_size': '{path}（{actual} 字节，清单记为 {expected} 字节）',
  'data.mismatch_sha256': '{path}（内容的 SHA-256 与清单不同）',
  'site.no_programmes': '尚无计划数据',
  'site.programmes': '改造计划',
  'site.communities_count': '{count} 个小区',
  'lang.switch': 'English',
  'lang.switch_label': 'Switch to English',
  'map.label': '小区改造状态地图',
  'basemap.label': '底图',
  'legend.title': '图例',
  'legend.toggle': '图例与图层',
  'legend.stage': '改造状态',
  'legend.stage_unknown': '状态未知',
  'legend.size': '圆点大小：户数',
  'legend.size_note': '缩小时一个点代表附近多个小区，大小按合计户数',
  'legend.households': '{count} 户',
  'legend.marks': '数据来源标记',
  'legend.mark_ledger': '台账记录',
  'legend.mark_synthetic': '示意数据（非真实台账）',
  'legend.mark_approximate': '位置为近似（街道或区县）',
  'layers.choose': '地图图层',
  'layers.status': '改造进度',
  'layers.funding': '资金密度',
  'layers.services': '配套服务',
  'time.label': '时间回放',
  'time.slider': '月份',
  'time.play': '播放',
  'time.pause': '暂停',
  'time.now': '现状',
  'time.legend': '{month}的进度',
  'time.not_started': '尚未开工',
  'time.construction': '施工中',
  'time.completed': '已完工',
  'time.undated': '日期不详',
  'time.note': '按台账的开工、完工日期推算；只写年份的日期按当年 12 月计。',
  'legend.completion': '边界：完工率',
  'legend.completion_note': '边界内已完工、已验收小区所占比例；无小区的边界不填色。',
  'panel.close': '关闭',
  'panel.title': '小区详情',
  'search.dismiss': '关闭',
  'community.not_found': '没有找到编号为“{id}”的小区',
  'footer.basemap': '底图：Natural Earth（公有领域），经 world-atlas 转换',
  'footer.basemap_online': '底图：{attribution}',
  'footer.data': '数据',
  'footer.software': '软件：MapLibre GL JS、deck.gl、H3',
  'footer.synthetic': '标为“示意”的小区为示意数据。',
  'footer.borders': '国界线仅为示意，不作为权属界线依据。',
  'embed.sources': '来源',
  'view.table': '表格',
  // The phone's layout: compact header (search, menu) and bottom sheet (src/sheet/).
  'header.search': '搜索',
  'header.search_close': '关闭搜索',
  'header.menu': '菜单',
  'header.menu_label': '语言与工具',
  'sheet.label': '图层、筛选与详情',
  'sheet.filters': '筛选',
  'sheet.legend': '图例',
  'sheet.community': '小区',
  'sheet.table': '表格',
  'table.scroll_label': '小区表格',
  'cards.published_note': '来源文章公布的数字，原文照录。',
  'sources.published': '公开数字：{citation}',
  'sources.ledgers': '改造数据：构建本地图所用的台账',
  'explore.toggle': '筛选与统计',
  'explore.matching': '{count} / {total} 个小区',
  'explore.households': '{count} 户',
  'explore.funding': '资金 {amount}',
  'explore.clear': '清除全部筛选',
  'explore.active': '{count} 项筛选',
  'explore.loading': '正在加载筛选数据…',
  'explore.figures_loading': '正在加载户数与资金…',
} as const;

/** A key of the interface text: the first screen's (here) and the other views' (./messages-zh-views.ts). */
export type MessageKey = keyof typeof zh | keyof typeof ZH_VIEWS;

/** One language's interface text. */
export type Messages = Readonly<Record<MessageKey, string>>;

/** How each language's whole text is loaded: dynamic imports, chunks of their own. */
const LOADERS: Readonly<Record<Lang, () => Promise<Messages>>> = {
  zh: () => import('./messages-zh-views').then((m) => ({ ...zh, ...m.ZH_VIEWS })),
  en: () => import('./messages-en').then((m) => m.EN_MESSAGES),
};

/** Each language's whole text, once loaded. */
const loaded: { [L in Lang]?: Messages } = {};

/** Loads `lang`'s whole interface text once: Chinese its other views' part, English all of it. */
export async function loadMessages(lang: Lang): Promise<void> {
  loaded[lang] ??= await LOADERS[lang]();
}

/**
 * The text of `key` in `lang`. Chinese has its first screen's text from the start and the rest
 * once `loadMessages('zh')` is done (until then a key of another view reads as empty); any
 * other language must be loaded first, or this throws.
 */
export function message(lang: Lang, key: MessageKey): string {
  const messages = loaded[lang];
  if (messages) return messages[key];
  if (lang === 'zh') return (zh as Partial<Messages>)[key] ?? '';
  throw new Error(`the ${lang} interface text is not loaded yet: await loadMessages('${lang}') first`);
}

/** Whether `lang` can be shown: its first screen's text is in (`message` does not throw). */
export function canShow(lang: Lang): boolean {
  return lang === 'zh' || loaded[lang] !== undefined;
}

/** Replaces `{name}` placeholders; an unknown placeholder is left visible so it gets noticed. */
export function fillPlaceholders(
  text: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
