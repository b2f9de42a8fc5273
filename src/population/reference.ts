/** Static reference data the generator draws from (read-only tables; distributions are set in config.ts). */

export interface Province {
  /** First two digits of the national id. */
  code: string;
  name: string;
  cities: ReadonlyArray<{ code: string; name: string }>;
  /** First octets of residential IPv4 ranges typical of the province's carriers. */
  ipOctets: readonly number[];
}

/** Provinces ordered by population (the Zipf weights in config follow this order). */
export const provinces: readonly Province[] = [
  p('44', 'Guangdong', ['4401 Guangzhou', '4403 Shenzhen', '4406 Foshan', '4419 Dongguan'], [113, 183, 14]),
  p('37', 'Shandong', ['3701 Jinan', '3702 Qingdao', '3706 Yantai'], [60, 119, 27]),
  p('41', 'Henan', ['4101 Zhengzhou', '4103 Luoyang', '4113 Nanyang'], [171, 123, 42]),
  p('32', 'Jiangsu', ['3201 Nanjing', '3205 Suzhou', '3202 Wuxi'], [49, 58, 221]),
  p('51', 'Sichuan', ['5101 Chengdu', '5107 Mianyang', '5113 Nanchong'], [125, 182, 118]),
  p('13', 'Hebei', ['1301 Shijiazhuang', '1302 Tangshan', '1306 Baoding'], [106, 121, 110]),
  p('43', 'Hunan', ['4301 Changsha', '4303 Xiangtan', '4307 Changde'], [175, 222, 124]),
  p('33', 'Zhejiang', ['3301 Hangzhou', '3302 Ningbo', '3303 Wenzhou'], [115, 122, 39]),
  p('34', 'Anhui', ['3401 Hefei', '3402 Wuhu', '3403 Bengbu'], [114, 117, 36]),
  p('42', 'Hubei', ['4201 Wuhan', '4205 Yichang', '4206 Xiangyang'], [111, 59, 116]),
  p('45', 'Guangxi', ['4501 Nanning', '4502 Liuzhou', '4503 Guilin'], [180, 219, 120]),
  p('53', 'Yunnan', ['5301 Kunming', '5303 Qujing'], [112, 220]),
  p('36', 'Jiangxi', ['3601 Nanchang', '3607 Ganzhou'], [218, 117]),
  p('21', 'Liaoning', ['2101 Shenyang', '2102 Dalian'], [61, 124]),
  p('35', 'Fujian', ['3501 Fuzhou', '3502 Xiamen', '3505 Quanzhou'], [27, 110, 120]),
  p('61', 'Shaanxi', ["6101 Xi'an", '6103 Baoji'], [113, 1]),
  p('23', 'Heilongjiang', ['2301 Harbin', '2306 Daqing'], [42, 221]),
  p('14', 'Shanxi', ['1401 Taiyuan', '1402 Datong'], [60, 183]),
  p('52', 'Guizhou', ['5201 Guiyang', '5203 Zunyi'], [58, 222]),
  p('50', 'Chongqing', ['5001 Chongqing'], [106, 125]),
  p('22', 'Jilin', ['2201 Changchun', '2202 Jilin'], [175, 36]),
  p('62', 'Gansu', ['6201 Lanzhou'], [118, 61]),
  p('15', 'Inner Mongolia', ['1501 Hohhot', '1502 Baotou'], [110, 1]),
  p('65', 'Xinjiang', ['6501 Urumqi'], [124, 36]),
  p('31', 'Shanghai', ['3101 Shanghai'], [101, 180, 116]),
  p('11', 'Beijing', ['1101 Beijing'], [123, 114, 111]),
  p('12', 'Tianjin', ['1201 Tianjin'], [60, 117]),
  p('46', 'Hainan', ['4601 Haikou', '4602 Sanya'], [59, 223]),
  p('64', 'Ningxia', ['6401 Yinchuan'], [42, 219]),
  p('63', 'Qinghai', ['6301 Xining'], [223, 171]),
  p('54', 'Tibet', ['5401 Lhasa'], [14, 219]),
];

function p(code: string, name: string, cities: string[], ipOctets: number[]): Province {
  return {
    code,
    name,
    cities: cities.map((c) => ({ code: c.slice(0, 4), name: c.slice(5) })),
    ipOctets,
  };
}

/** First octets of data-centre / proxy ranges (cloud hosting, mobile proxies). */
export const datacenterOctets: readonly number[] = [47, 8, 39, 43, 119, 129, 150, 101];

export const surnames: readonly string[] = [
  'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu',
  'Guo', 'He', 'Lin', 'Gao', 'Luo', 'Zheng', 'Liang', 'Xie', 'Song', 'Tang', 'Han', 'Feng', 'Deng', 'Cao', 'Peng',
]; // prettier-ignore

export const givenSyllables: readonly string[] = [
  'wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang', 'yong', 'yan', 'jie', 'tao', 'ming',
  'chao', 'xiu', 'xia', 'hui', 'ping', 'gang', 'hua', 'dan', 'hong', 'bo', 'yu', 'hao', 'xin', 'ting', 'kai',
]; // prettier-ignore

export const emailDomains: ReadonlyArray<readonly [string, number]> = [
  ['qq.com', 0.36], ['163.com', 0.2], ['126.com', 0.08], ['foxmail.com', 0.06], ['sina.com', 0.05],
  ['139.com', 0.05], ['gmail.com', 0.05], ['outlook.com', 0.06], ['hotmail.com', 0.03], ['aliyun.com', 0.06],
]; // prettier-ignore

/** Throw-away mail domains, used mostly (not only) by fraud. */
export const disposableDomains: readonly string[] = [
  'yopmail.com',
  'mailinator.com',
  'tempmail.cn',
  'linshiyouxiang.net',
];

/** Mobile prefixes of the three carriers; 165/167/170/171 are virtual operators (cheap, favoured by fraud). */
export const phonePrefixes: readonly string[] = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186',
  '187', '188', '189', '191', '198', '199',
]; // prettier-ignore
export const virtualPrefixes: readonly string[] = ['165', '167', '170', '171'];

/** UnionPay debit BINs of large banks. */
export const cardBins: readonly string[] = [
  '621700',
  '622202',
  '622848',
  '621483',
  '622588',
  '623668',
  '621226',
  '622700',
];

export interface DeviceModel {
  platform: 'android' | 'ios';
  manufacturer: string;
  model: string;
  osVersions: readonly string[];
  weight: number;
}

export const deviceModels: readonly DeviceModel[] = [
  { platform: 'ios', manufacturer: 'Apple', model: 'iPhone13,2', osVersions: ['16.7', '17.5'], weight: 6 },
  { platform: 'ios', manufacturer: 'Apple', model: 'iPhone14,5', osVersions: ['16.7', '17.5', '18.1'], weight: 7 },
  { platform: 'ios', manufacturer: 'Apple', model: 'iPhone15,2', osVersions: ['17.5', '18.1'], weight: 5 },
  { platform: 'ios', manufacturer: 'Apple', model: 'iPhone16,1', osVersions: ['17.5', '18.1'], weight: 4 },
  { platform: 'android', manufacturer: 'HUAWEI', model: 'NOH-AN00', osVersions: ['10', '12'], weight: 6 },
  { platform: 'android', manufacturer: 'HUAWEI', model: 'JAD-AL50', osVersions: ['12'], weight: 4 },
  { platform: 'android', manufacturer: 'HONOR', model: 'ANY-AN00', osVersions: ['12', '13'], weight: 5 },
  { platform: 'android', manufacturer: 'Xiaomi', model: '2201117TC', osVersions: ['12', '13'], weight: 7 },
  { platform: 'android', manufacturer: 'Xiaomi', model: 'M2102K1C', osVersions: ['11', '13'], weight: 5 },
  { platform: 'android', manufacturer: 'OPPO', model: 'PGBM10', osVersions: ['12', '13'], weight: 6 },
  { platform: 'android', manufacturer: 'OPPO', model: 'PHJ110', osVersions: ['13', '14'], weight: 4 },
  { platform: 'android', manufacturer: 'vivo', model: 'V2169A', osVersions: ['12', '13'], weight: 6 },
  { platform: 'android', manufacturer: 'vivo', model: 'V2229A', osVersions: ['13', '14'], weight: 4 },
  { platform: 'android', manufacturer: 'samsung', model: 'SM-G9910', osVersions: ['12', '13', '14'], weight: 2 },
  { platform: 'android', manufacturer: 'OnePlus', model: 'PHB110', osVersions: ['13', '14'], weight: 2 },
];

/** Models emulators report (Android-emulator products ship a handful of fixed builds). */
export const emulatorModels: readonly DeviceModel[] = [
  { platform: 'android', manufacturer: 'samsung', model: 'SM-G9730', osVersions: ['9'], weight: 3 },
  { platform: 'android', manufacturer: 'Google', model: 'sdk_gphone_x86', osVersions: ['11'], weight: 1 },
  { platform: 'android', manufacturer: 'HUAWEI', model: 'ELE-AL00', osVersions: ['7.1.2'], weight: 2 },
];

export const employerWords = {
  prefixes: ['Hengda', 'Huaxin', 'Jinding', 'Tianrui', 'Zhongke', 'Xinghe', 'Baoli', 'Ruifeng', 'Longtai', 'Yuanda'],
  kinds: ['Technology', 'Trading', 'Logistics', 'Construction', 'Catering', 'Electronics', 'Textile', 'Property'],
  suffixes: ['Co., Ltd.', 'Group', 'Industrial Co.', 'Services Ltd.'],
};

export const streetWords: readonly string[] = [
  'Renmin', 'Jiefang', 'Zhongshan', 'Jianshe', 'Heping', 'Xinhua', 'Wenhua', 'Chaoyang', 'Dongfeng', 'Yingbin',
  'Huaihai', 'Binhe', 'Kejiyuan', 'Shengli', 'Changjiang',
]; // prettier-ignore

export const purposes: ReadonlyArray<readonly [string, number]> = [
  ['consumption', 0.35], ['education', 0.06], ['home-improvement', 0.1], ['travel', 0.08], ['medical', 0.06],
  ['business', 0.12], ['electronics', 0.13], ['wedding', 0.04], ['other', 0.06],
]; // prettier-ignore

export const educationLevels: readonly string[] = ['junior-high', 'high-school', 'college', 'bachelor', 'master'];
export const maritalStatuses: readonly string[] = ['single', 'married', 'divorced', 'widowed'];
export const contactRelations: readonly string[] = ['parent', 'spouse', 'sibling', 'child', 'friend', 'colleague'];
