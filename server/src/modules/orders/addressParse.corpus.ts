import type { ParsedAddress } from './addressParse';

/**
 * What buyers paste into chat, as customer service receives it, with what 智能识别 must make of it.
 * Names and numbers are made up. Every sample is asserted by addressParse.test.ts; the region is
 * named as intake stores it (GB/T 2260: 市辖区 for a municipality's districts).
 */
export interface CorpusSample {
  what: string;
  text: string;
  expected: ParsedAddress;
}

const none = { name: null, phone: null, province: null, city: null, district: null, detail: null, postalCode: null };
const sample = (what: string, text: string, expected: Partial<ParsedAddress>): CorpusSample => ({ what, text, expected: { ...none, ...expected } });

export const ADDRESS_CORPUS: CorpusSample[] = [
  // the platform's "copy address" shape and its variants
  sample('name, phone, address with spaces', '张伟 13812345678 浙江省杭州市西湖区文三路478号华星时代广场A座1203', {
    name: '张伟', phone: '13812345678', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路478号华星时代广场A座1203',
  }),
  sample('commas between the parts', '李娜，13900001111，广东省深圳市南山区科技园科苑路15号', {
    name: '李娜', phone: '13900001111', province: '广东省', city: '深圳市', district: '南山区', detail: '科技园科苑路15号',
  }),
  sample('address first, name and phone after', '江苏省南京市鼓楼区中山北路30号 王芳 15851234567', {
    name: '王芳', phone: '15851234567', province: '江苏省', city: '南京市', district: '鼓楼区', detail: '中山北路30号',
  }),
  sample('phone first, name last', '18600001234 四川省成都市武侯区人民南路四段12号 刘洋', {
    name: '刘洋', phone: '18600001234', province: '四川省', city: '成都市', district: '武侯区', detail: '人民南路四段12号',
  }),
  sample('one per line', '陈静\n13700002222\n福建省厦门市思明区湖滨南路88号', {
    name: '陈静', phone: '13700002222', province: '福建省', city: '厦门市', district: '思明区', detail: '湖滨南路88号',
  }),
  sample('region parts apart', '赵磊 13611112222 山东省 青岛市 市南区 香港中路10号', {
    name: '赵磊', phone: '13611112222', province: '山东省', city: '青岛市', district: '市南区', detail: '香港中路10号',
  }),
  // labels, as Taobao and JD copy them
  sample('Taobao labels on lines', '收货人：孙丽\n手机号码：13512345678\n所在地区：湖北省武汉市洪山区\n详细地址：珞喻路1037号华中科技大学', {
    name: '孙丽', phone: '13512345678', province: '湖北省', city: '武汉市', district: '洪山区', detail: '珞喻路1037号华中科技大学',
  }),
  sample('labels run together on one line', '收货人:周杰 电话:13312345678 地址:河南省郑州市金水区花园路100号', {
    name: '周杰', phone: '13312345678', province: '河南省', city: '郑州市', district: '金水区', detail: '花园路100号',
  }),
  sample('full-width labels with the postcode labelled', '收件人：吴敏\n联系电话：17712345678\n收货地址：陕西省西安市雁塔区科技路48号\n邮编：710065', {
    name: '吴敏', phone: '17712345678', province: '陕西省', city: '西安市', district: '雁塔区', detail: '科技路48号', postalCode: '710065',
  }),
  sample('姓名 label', '姓名：郑爽；手机：18912345678；地址：湖南省长沙市岳麓区麓山南路932号', {
    name: '郑爽', phone: '18912345678', province: '湖南省', city: '长沙市', district: '岳麓区', detail: '麓山南路932号',
  }),
  // provinces and cities without 省/市
  sample('province and city without suffix', '何军 13800001111 浙江杭州滨江区网商路699号', {
    name: '何军', phone: '13800001111', province: '浙江省', city: '杭州市', district: '滨江区', detail: '网商路699号',
  }),
  sample('city without province', '杭州市余杭区五常街道文一西路969号 马云飞 13900002222', {
    name: '马云飞', phone: '13900002222', province: '浙江省', city: '杭州市', district: '余杭区', detail: '五常街道文一西路969号',
  }),
  sample('city short, no province', '深圳宝安区西乡街道宝源路168号 黄晓明 13622223333', {
    name: '黄晓明', phone: '13622223333', province: '广东省', city: '深圳市', district: '宝安区', detail: '西乡街道宝源路168号',
  }),
  sample('province written 省 without suffix of its own', '广西省南宁市青秀区民族大道100号 覃梅 13707710000', {
    name: '覃梅', phone: '13707710000', province: '广西壮族自治区', city: '南宁市', district: '青秀区', detail: '民族大道100号',
  }),
  // municipalities
  sample('Beijing written once', '北京市朝阳区建国路88号SOHO现代城A座1001 王小明 18612345678', {
    name: '王小明', phone: '18612345678', province: '北京市', city: '市辖区', district: '朝阳区', detail: '建国路88号SOHO现代城A座1001',
  }),
  sample('Shanghai written twice', '上海市上海市浦东新区张江镇碧波路690号 林峰 13916668888', {
    name: '林峰', phone: '13916668888', province: '上海市', city: '市辖区', district: '浦东新区', detail: '张江镇碧波路690号',
  }),
  sample('Tianjin without 市', '天津 滨海新区 塘沽街道新港路2号 冯涛 15022223333', {
    name: '冯涛', phone: '15022223333', province: '天津市', city: '市辖区', district: '滨海新区', detail: '塘沽街道新港路2号',
  }),
  sample('Chongqing county', '邓超 13983334444 重庆市巫山县高唐街道广东路8号', {
    name: '邓超', phone: '13983334444', province: '重庆市', city: '县', district: '巫山县', detail: '高唐街道广东路8号',
  }),
  sample('Chongqing district, 市辖区 written', '重庆 市辖区 渝中区解放碑民族路188号 蒋勤 13500235678', {
    name: '蒋勤', phone: '13500235678', province: '重庆市', city: '市辖区', district: '渝中区', detail: '解放碑民族路188号',
  }),
  // autonomous regions
  sample('Inner Mongolia short', '内蒙古呼和浩特市新城区新华大街1号 乌云 13947100000', {
    name: '乌云', phone: '13947100000', province: '内蒙古自治区', city: '呼和浩特市', district: '新城区', detail: '新华大街1号',
  }),
  sample('Inner Mongolia banner (旗)', '巴特尔 15847700000 内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇', {
    name: '巴特尔', phone: '15847700000', province: '内蒙古自治区', city: '鄂尔多斯市', district: '伊金霍洛旗', detail: '阿勒腾席热镇',
  }),
  sample('Guangxi full name', '广西壮族自治区桂林市秀峰区中山中路2号，韦小宝，13807730000', {
    name: '韦小宝', phone: '13807730000', province: '广西壮族自治区', city: '桂林市', district: '秀峰区', detail: '中山中路2号',
  }),
  sample('Xinjiang short', '新疆乌鲁木齐市天山区解放北路99号 艾力 13999110000', {
    name: '艾力', phone: '13999110000', province: '新疆维吾尔自治区', city: '乌鲁木齐市', district: '天山区', detail: '解放北路99号',
  }),
  sample('Tibet', '西藏拉萨市城关区北京中路45号 次仁 18989000000', {
    name: '次仁', phone: '18989000000', province: '西藏自治区', city: '拉萨市', district: '城关区', detail: '北京中路45号',
  }),
  sample('Ningxia', '宁夏银川市金凤区北京中路168号 马兰花 13895000000', {
    name: '马兰花', phone: '13895000000', province: '宁夏回族自治区', city: '银川市', district: '金凤区', detail: '北京中路168号',
  }),
  // autonomous prefectures and county-level cities
  sample('自治州 full', '吉林省延边朝鲜族自治州延吉市光明街88号 金明哲 13943300000', {
    name: '金明哲', phone: '13943300000', province: '吉林省', city: '延边朝鲜族自治州', district: '延吉市', detail: '光明街88号',
  }),
  sample('自治州 as 恩施州', '湖北恩施州利川市都亭街道清江大道8号 向红 13597700000', {
    name: '向红', phone: '13597700000', province: '湖北省', city: '恩施土家族苗族自治州', district: '利川市', detail: '都亭街道清江大道8号',
  }),
  sample('自治州 by place name', '贵州黔东南凯里市北京东路3号 杨阿妹 13985500000', {
    name: '杨阿妹', phone: '13985500000', province: '贵州省', city: '黔东南苗族侗族自治州', district: '凯里市', detail: '北京东路3号',
  }),
  sample('伊犁 自治州 and 自治县', '新疆伊犁州察布查尔锡伯自治县察布查尔镇团结路5号 佟佳 18099990000', {
    name: '佟佳', phone: '18099990000', province: '新疆维吾尔自治区', city: '伊犁哈萨克自治州', district: '察布查尔锡伯自治县', detail: '察布查尔镇团结路5号',
  }),
  sample('county-level city under a prefecture', '江苏省苏州市昆山市花桥镇光明路1号 沈一 13862600000', {
    name: '沈一', phone: '13862600000', province: '江苏省', city: '苏州市', district: '昆山市', detail: '花桥镇光明路1号',
  }),
  sample('county-level city, prefecture left out', '浙江义乌市稠城街道工人北路100号 楼晓 13757900000', {
    name: '楼晓', phone: '13757900000', province: '浙江省', city: '金华市', district: '义乌市', detail: '稠城街道工人北路100号',
  }),
  sample('county-level city run by the province', '湖北省仙桃市沔阳大道18号 胡蝶 13797700000', {
    name: '胡蝶', phone: '13797700000', province: '湖北省', city: '省直辖县级行政区划', district: '仙桃市', detail: '沔阳大道18号',
  }),
  sample('county-level city alone', '石河子市北四路66号 兵团 刘建国 13909930000', {
    name: '刘建国', phone: '13909930000', province: '新疆维吾尔自治区', city: '自治区直辖县级行政区划', district: '石河子市', detail: '北四路66号 兵团',
  }),
  sample('a town under a city without districts', '广东省东莞市长安镇长青路8号 邝伟 13712340000', {
    name: '邝伟', phone: '13712340000', province: '广东省', city: '东莞市', district: '长安镇', detail: '长青路8号',
  }),
  // missing district
  sample('district left out', '钱多多 13600006666 浙江省宁波市中山东路1号', {
    name: '钱多多', phone: '13600006666', province: '浙江省', city: '宁波市', district: null, detail: '中山东路1号',
  }),
  // phones as buyers write them
  sample('+86 with spaces', '郭靖 +86 138 1234 5678 辽宁省沈阳市和平区南京北路5号', {
    name: '郭靖', phone: '13812345678', province: '辽宁省', city: '沈阳市', district: '和平区', detail: '南京北路5号',
  }),
  sample('dashes in the phone', '黄蓉，139-1234-5678，黑龙江省哈尔滨市南岗区西大直街92号', {
    name: '黄蓉', phone: '13912345678', province: '黑龙江省', city: '哈尔滨市', district: '南岗区', detail: '西大直街92号',
  }),
  sample('86 without plus, run into the name', '江西省南昌市红谷滩区丰和中大道1号 杨过8615012345678', {
    name: '杨过', phone: '15012345678', province: '江西省', city: '南昌市', district: '红谷滩区', detail: '丰和中大道1号',
  }),
  sample('full-width digits', '小龙女 １３８００１３８０００ 云南省昆明市五华区青年路100号', {
    name: '小龙女', phone: '13800138000', province: '云南省', city: '昆明市', district: '五华区', detail: '青年路100号',
  }),
  // postcodes anywhere
  sample('postcode at the end', '令狐冲 13012345678 山西省太原市小店区平阳路2号 030006', {
    name: '令狐冲', phone: '13012345678', province: '山西省', city: '太原市', district: '小店区', detail: '平阳路2号', postalCode: '030006',
  }),
  sample('postcode before the address', '100080 北京市海淀区中关村大街1号 任盈盈 13522221111', {
    name: '任盈盈', phone: '13522221111', province: '北京市', city: '市辖区', district: '海淀区', detail: '中关村大街1号', postalCode: '100080',
  }),
  sample('postcode labelled in the middle', '安徽省合肥市蜀山区黄山路1号，邮编230031，岳不群，18755551111', {
    name: '岳不群', phone: '18755551111', province: '安徽省', city: '合肥市', district: '蜀山区', detail: '黄山路1号', postalCode: '230031',
  }),
  // chatter around the address
  sample('亲，地址是…谢谢', '亲，地址是广西南宁市青秀区民族大道100号 张三 13800138000 谢谢', {
    name: '张三', phone: '13800138000', province: '广西壮族自治区', city: '南宁市', district: '青秀区', detail: '民族大道100号',
  }),
  sample('greeting and a request', '你好，麻烦发到河北省石家庄市长安区中山东路39号，收货人李雷，电话13231110000，请尽快发货', {
    name: '李雷', phone: '13231110000', province: '河北省', city: '石家庄市', district: '长安区', detail: '中山东路39号',
  }),
  sample('chat lines', '在吗\n我的地址：甘肃省兰州市城关区东岗西路1号\n韩梅梅 18919310000\n谢谢亲', {
    name: '韩梅梅', phone: '18919310000', province: '甘肃省', city: '兰州市', district: '城关区', detail: '东岗西路1号',
  }),
  sample('thanks glued to the address', '海南省海口市龙华区滨海大道80号谢谢 符丽 13876000000', {
    name: '符丽', phone: '13876000000', province: '海南省', city: '海口市', district: '龙华区', detail: '滨海大道80号',
  }),
  // a name that contains a place, and longer details
  sample('a name that contains a province', '张海南 13911110000 吉林省长春市朝阳区人民大街5988号', {
    name: '张海南', phone: '13911110000', province: '吉林省', city: '长春市', district: '朝阳区', detail: '人民大街5988号',
  }),
  sample('detail with spaces and a room', '青海省西宁市城西区五四西路 38号 3单元 502室 祁连 13709710000', {
    name: '祁连', phone: '13709710000', province: '青海省', city: '西宁市', district: '城西区', detail: '五四西路 38号 3单元 502室',
  }),
  sample('only an address', '浙江省温州市鹿城区人民路1号', {
    province: '浙江省', city: '温州市', district: '鹿城区', detail: '人民路1号',
  }),
  sample('no address at all', '王五 13812340000', { name: '王五', phone: '13812340000' }),
  // a second batch, written after the first passed: shapes the first did not have
  sample('张三收', '地址:浙江省杭州市西湖区文三路100号，张三收，13800138000', {
    name: '张三', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号',
  }),
  sample('a street named after the district is no district', '广东省广州市天河路208号 李四 13800000001', {
    name: '李四', phone: '13800000001', province: '广东省', city: '广州市', district: null, detail: '天河路208号',
  }),
  sample('labels with spaces, a four-character name', '收货人: 欧阳娜娜\n电话: 159 1234 5678\n地址: 福建省泉州市晋江市青阳街道泉安中路1号', {
    name: '欧阳娜娜', phone: '15912345678', province: '福建省', city: '泉州市', district: '晋江市', detail: '青阳街道泉安中路1号',
  }),
  sample('bracketed labels', '【收货人】王强【手机】13511112222【地址】河北省保定市竞秀区朝阳北大街1号', {
    name: '王强', phone: '13511112222', province: '河北省', city: '保定市', district: '竞秀区', detail: '朝阳北大街1号',
  }),
  sample('傣族自治州 full', '云南省西双版纳傣族自治州景洪市勐泐大道8号 玉香 15912345678', {
    name: '玉香', phone: '15912345678', province: '云南省', city: '西双版纳傣族自治州', district: '景洪市', detail: '勐泐大道8号',
  }),
  sample('凉山州', '四川省凉山州西昌市航天大道三段1号 阿依 18380000000', {
    name: '阿依', phone: '18380000000', province: '四川省', city: '凉山彝族自治州', district: '西昌市', detail: '航天大道三段1号',
  }),
  sample('a district starting with 道', '黑龙江哈尔滨道里区中央大街100号 刘德 13304510000', {
    name: '刘德', phone: '13304510000', province: '黑龙江省', city: '哈尔滨市', district: '道里区', detail: '中央大街100号',
  }),
  sample('电话 without a colon, thanks at the end', '麻烦帮我寄到 山东省济南市历下区泉城路1号 王老师 电话18654000000 谢谢啦', {
    name: '王老师', phone: '18654000000', province: '山东省', city: '济南市', district: '历下区', detail: '泉城路1号',
  }),
  sample('盟 and a county-level city', '内蒙古锡林郭勒盟锡林浩特市额尔敦路1号 其其格 15847900000', {
    name: '其其格', phone: '15847900000', province: '内蒙古自治区', city: '锡林郭勒盟', district: '锡林浩特市', detail: '额尔敦路1号',
  }),
  sample('湘西州', '湖南湘西州凤凰县沱江镇虹桥路1号 龙女士 13874300000', {
    name: '龙女士', phone: '13874300000', province: '湖南省', city: '湘西土家族苗族自治州', district: '凤凰县', detail: '沱江镇虹桥路1号',
  }),
  sample('a landline is not the mobile the form wants', '上海浦东新区世纪大道100号 猪八戒 021-12345678', {
    name: '猪八戒', province: '上海市', city: '市辖区', district: '浦东新区', detail: '世纪大道100号',
  }),
  sample('JD labels, Chongqing written twice', '收货人：沙僧 手机号码：13700001111 所在地区：重庆市 重庆市 渝北区 详细地址：龙溪街道金开大道1号', {
    name: '沙僧', phone: '13700001111', province: '重庆市', city: '市辖区', district: '渝北区', detail: '龙溪街道金开大道1号',
  }),
];
