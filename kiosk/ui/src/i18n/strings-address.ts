/** The address picker's words (kiosk/ui/src/input/address/). */
export const addressStrings = {
  'address.level.province': { zh: '省份', en: 'Province' },
  'address.level.city': { zh: '城市', en: 'City' },
  'address.level.county': { zh: '区县', en: 'District or county' },
  'address.level.township': { zh: '街道乡镇', en: 'Street or township' },
  'address.choose': { zh: '选择{level}', en: 'Choose the {level}' },
  'address.chosen': { zh: '{level}：{name}', en: '{level}: {name}' },
  'address.notChosen': { zh: '请选择', en: 'Choose' },
  'address.loading': { zh: '正在载入地区列表……', en: 'Loading the list of places…' },
  'address.here': { zh: '本地', en: 'Here' },
  'address.detail': {
    zh: '详细地址（路名、门牌号、楼栋、房号）',
    en: 'Rest of the address (road, number, building, room)',
  },
  'address.steps': {
    zh: '依次点选省份、城市、区县、街道乡镇，再填写详细地址。',
    en: 'Tap the province, city, district and street in turn, then type the rest of the address.',
  },
} as const;
