// The spreadsheet columns each import reads, for the import page's reference and template.
// The layouts mirror dispatch-api's VolunteerColumns and MerchantColumns and docs/import.md
// (ImportColumnsPageTest fails when the headers or required flags drift apart).

export const COLUMNS = {
  volunteers: [
    { header: '姓名', aliases: ['name'], required: true, example: '李建国',
      zh: '全名', en: 'Full name' },
    { header: '手机号', aliases: ['手机', '电话', '联系电话', 'phone'], required: true, example: '13800010001',
      zh: '手机号码；在本社区和本文件内都不能重复', en: 'Phone number; unique in the community and in the file' },
    { header: '类型', aliases: ['身份', '志愿者类型', 'kind'], required: false, example: '离退休党员',
      zh: '在职党员、离退休党员、邻里管家或居民；默认居民',
      en: '在职党员 (in-service party member), 离退休党员 (retired), 邻里管家 (steward) or 居民 (resident, the default)' },
    { header: '技能', aliases: ['服务类别', '特长', 'skills'], required: true, example: '代购药品、送餐',
      zh: '一个或多个服务类别，用“、”“，”“；”或空格分隔：送餐、代购药品、代购、代办、维修、陪诊、居家养老、家政、陪伴、上门走访、心理疏导、纠纷调解、政策咨询、教育咨询、就业帮扶、环境、安全隐患',
      en: 'One or more need categories separated by 、 , ; or spaces: 送餐 (meals), 代购药品 (medicine), 代购/代办 (errands), 维修 (repairs), 陪诊, 居家养老, 陪伴, 心理疏导, 纠纷调解, 政策咨询, 教育咨询, 就业帮扶, 环境, 安全隐患; or MEALS, MEDICINE, ...' },
    { header: '所属网格', aliases: ['网格', 'grid'], required: false, example: 'grid-1',
      zh: '网格编号', en: 'Grid code' },
    { header: '纬度', aliases: ['lat', 'latitude'], required: true, example: '39.7284',
      zh: '住址的纬度（WGS84）', en: 'Latitude of the home (WGS84)' },
    { header: '经度', aliases: ['lon', 'longitude'], required: true, example: '116.3412',
      zh: '住址的经度（WGS84）', en: 'Longitude of the home (WGS84)' },
    { header: '每周可服务时间', aliases: ['可服务时间', '服务时间', 'availability'], required: false,
      example: '周一至周五 08:00-12:00；周六 14:00-18:00',
      zh: '“星期 时:分-时:分”，多段用“；”分隔；可写周一至周五、每天、工作日、周末；留空表示不限',
      en: '"days HH:MM-HH:MM", several separated by ；; days as 周一…周日, 周一至周五, 每天, 工作日, 周末 or MON…SUN; blank: no weekly limit' },
    { header: '最多同时任务', aliases: ['最多同时任务数', 'maxConcurrentJobs'], required: false, example: '2',
      zh: '1 到 10；默认 1', en: '1 to 10; default 1' },
    { header: '语言方言', aliases: ['语言', '方言', 'languages'], required: false, example: '普通话、北京话',
      zh: '用“、”或空格分隔', en: 'Separated by 、 or spaces' },
    { header: '请假时段', aliases: ['请假', 'leave'], required: false, example: '2026-12-01~2026-12-07',
      zh: 'YYYY-MM-DD~YYYY-MM-DD 或某一天；多段用“；”分隔', en: 'YYYY-MM-DD~YYYY-MM-DD or a single day; several separated by ；' },
    { header: '在岗', aliases: ['onDuty'], required: false, example: '是',
      zh: '是/否；默认是', en: '是/否 (yes/no, Y/N, 1/0); default yes' },
    { header: '状态', aliases: ['status'], required: false, example: '正常',
      zh: '正常或暂停；默认正常', en: '正常 (active) or 暂停 (suspended); default active' },
    { header: '加入日期', aliases: ['注册日期', 'joinedOn'], required: false, example: '2024-05-01',
      zh: 'YYYY-MM-DD；默认今天', en: 'YYYY-MM-DD; default today' },
    { header: '所属队伍', aliases: ['队伍', 'teams'], required: false, example: '送药队',
      zh: '已经建立的队伍名称，用“、”分隔', en: 'Names of teams that already exist, separated by 、' },
  ],
  merchants: [
    { header: '名称', aliases: ['商户名称', '单位名称', 'name'], required: true, example: '兴华大药房',
      zh: '最多 200 字；在本社区和本文件内都不能重复', en: 'Up to 200 characters; unique in the community and in the file' },
    { header: '类型', aliases: ['单位类型', 'kind'], required: false, example: '商户',
      zh: '商户或共建单位（驻区单位）；默认商户', en: '商户 (merchant, the default) or 共建单位/驻区单位 (partner unit)' },
    { header: '提供服务', aliases: ['服务内容', '服务类别', 'offerings'], required: true,
      example: '代购药品：常用药代购，30分钟送达；代购代办：日用品',
      zh: '按类别写“类别：说明”，多项用“；”或换行分隔；只写类别也可以（用“、”分隔）。类别同志愿者技能，每个类别只写一次',
      en: 'Per category "类别：说明" (category: what), several separated by ； or line breaks; bare categories separated by 、 also work. Categories as for volunteer skills, each at most once' },
    { header: '联系电话', aliases: ['电话', '手机号', 'phone'], required: false, example: '010-6920 0001',
      zh: '电话号码（数字、空格、横线、括号、开头的 +）', en: 'A phone number (digits, spaces, dashes, brackets, a leading +)' },
    { header: '地址', aliases: ['address'], required: false, example: '兴华南里3号楼底商',
      zh: '最多 400 字', en: 'Up to 400 characters' },
    { header: '纬度', aliases: ['lat', 'latitude'], required: true, example: '39.7284',
      zh: '店铺或单位的纬度（WGS84）', en: 'Latitude of the shop or unit (WGS84)' },
    { header: '经度', aliases: ['lon', 'longitude'], required: true, example: '116.3412',
      zh: '店铺或单位的经度（WGS84）', en: 'Longitude of the shop or unit (WGS84)' },
    { header: '营业时间', aliases: ['开放时间', 'openingHours'], required: false, example: '周一至周五 08:00-21:00；周日 09:00-18:00',
      zh: '写法同志愿者的“每周可服务时间”；留空表示不限', en: 'As the volunteers\' weekly hours; blank: no weekly limit' },
    { header: '每日接单量', aliases: ['每日服务量', '日接单量', 'dailyCapacity'], required: false, example: '40',
      zh: '0 到 100000；0 表示不限；默认 0', en: '0 to 100000 jobs a day; 0 (the default) means no daily limit' },
    { header: '配送方式', aliases: ['送货方式', 'fulfilment'], required: false, example: '送货上门',
      zh: '送货上门、到店自取或均可；默认均可', en: '送货上门 (delivery), 到店自取 (pick-up) or 均可 (both, the default)' },
  ],
};

/** A CSV with the header line and one example line; with a BOM so that Excel reads it as UTF-8. */
export function template(kind) {
  const columns = COLUMNS[kind];
  const line = (cells) => cells.map(quote).join(',');
  return `\uFEFF${line(columns.map((c) => c.header))}\r\n${line(columns.map((c) => c.example))}\r\n`;
}

function quote(cell) {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
