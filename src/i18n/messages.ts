/**
 * Interface text in every language the site speaks. Chinese is the reference: its keys define
 * `MessageKey`, and English must translate every one of them (the type checker enforces it).
 * Labels of stages, items, fields and amenity types live with their definitions in
 * `src/domain/`, not here.
 */

/** Languages of the interface; the first is the default. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** BCP 47 tag written to `<html lang>` for each language. */
export const HTML_LANG: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en' };

const zh = {
  'site.title': '小区焕新地图',
  'site.subtitle': '城镇老旧小区改造进展',
  'site.loading': '正在加载数据…',
  'site.load_failed': '数据加载失败：{message}',
  'site.no_programmes': '尚无计划数据',
  'site.programmes': '改造计划',
  'site.communities_count': '{count} 个小区',
  'lang.switch': 'English',
  'lang.switch_label': 'Switch to English',
  'map.label': '小区改造状态地图',
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
  'legend.amenities': '配套设施（{zoom} 级以上显示）',
  'legend.layers': '图层',
  'legend.funding_density': '资金密度（H3 六边形）',
  'legend.funding_density_unit': '总投资 / 平方公里',
  'legend.funding_loading': '正在加载资金密度…',
  'legend.funding_failed': '资金密度加载失败',
  'panel.close': '关闭',
  'panel.title': '小区详情',
  'panel.synthetic': '示意数据',
  'panel.synthetic_note': '此小区为示意数据，用于使计划合计与公开数字一致，并非真实台账记录。',
  'panel.approximate': '位置近似',
  'panel.approximate_note': '地图位置为{precision}级近似位置。',
  'panel.source': '来源',
  'panel.source_unknown': '未注明来源',
  'panel.aggregated': '当前缩放级别下，此点代表约 {count} 个小区。放大到 14 级可查看每个小区的全部属性。',
  'panel.partial': '放大到 14 级可查看全部属性。',
  'panel.attributes': '属性',
  'precision.street': '街道',
  'precision.district': '区县',
  'value.yes': '是',
  'value.no': '否',
  'footer.basemap': '底图：Natural Earth（公有领域），经 world-atlas 转换',
  'footer.data': '数据',
  'footer.software': '软件：MapLibre GL JS、deck.gl、H3',
  'footer.synthetic': '标为“示意”的小区为示意数据。',
  'footer.borders': '国界线仅为示意，不作为权属界线依据。',
} as const;

/** A key of the interface text. */
export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'site.title': 'Renovation Atlas',
  'site.subtitle': 'Old residential community renovation',
  'site.loading': 'Loading data…',
  'site.load_failed': 'Could not load the data: {message}',
  'site.no_programmes': 'No programme data yet',
  'site.programmes': 'Programmes',
  'site.communities_count': '{count} communities',
  'lang.switch': '中文',
  'lang.switch_label': '切换到中文',
  'map.label': 'Map of community renovation status',
  'legend.title': 'Legend',
  'legend.toggle': 'Legend and layers',
  'legend.stage': 'Renovation stage',
  'legend.stage_unknown': 'Stage unknown',
  'legend.size': 'Circle size: households',
  'legend.size_note':
    'Zoomed out, one circle stands for several nearby communities, sized by their households together',
  'legend.households': '{count} households',
  'legend.marks': 'Provenance marks',
  'legend.mark_ledger': 'Ledger record',
  'legend.mark_synthetic': 'Illustrative (not a real ledger row)',
  'legend.mark_approximate': 'Approximate position (street or district)',
  'legend.amenities': 'Amenities (from zoom {zoom})',
  'legend.layers': 'Layers',
  'legend.funding_density': 'Funding density (H3 hexagons)',
  'legend.funding_density_unit': 'Total funding per km²',
  'legend.funding_loading': 'Loading funding density…',
  'legend.funding_failed': 'Could not load funding density',
  'panel.close': 'Close',
  'panel.title': 'Community details',
  'panel.synthetic': 'Illustrative',
  'panel.synthetic_note':
    'This community is illustrative: generated so that programme totals match the published figures, not a real ledger row.',
  'panel.approximate': 'Approximate position',
  'panel.approximate_note': 'The map position is approximate, at {precision} level.',
  'panel.source': 'Source',
  'panel.source_unknown': 'No source given',
  'panel.aggregated':
    'At this zoom the point stands for about {count} communities. Zoom in to level 14 to see every attribute of each.',
  'panel.partial': 'Zoom in to level 14 to see every attribute.',
  'panel.attributes': 'Attributes',
  'precision.street': 'street',
  'precision.district': 'district',
  'value.yes': 'Yes',
  'value.no': 'No',
  'footer.basemap': 'Basemap: Natural Earth (public domain) via world-atlas',
  'footer.data': 'Data',
  'footer.software': 'Software: MapLibre GL JS, deck.gl, H3',
  'footer.synthetic': 'Communities marked illustrative are synthetic.',
  'footer.borders': 'Borders are schematic and are not an authority on any boundary.',
};

/** Every message in every language. */
export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { zh, en };

/** Replaces `{name}` placeholders; an unknown placeholder is left visible so it gets noticed. */
export function fillPlaceholders(
  text: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
