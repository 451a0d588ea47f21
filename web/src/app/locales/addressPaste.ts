/** 智能识别: the paste box that fills a receiver's name, phone and address (manual entry, 改地址). */
export const addressPasteZh = {
  addressPaste: {
    title: '智能识别',
    placeholder: '粘贴买家发来的收货信息，例如：张三 13800138000 浙江省杭州市西湖区文三路100号',
    recognise: '识别',
    shortcut: 'Ctrl+Enter 识别',
    allFound: '已识别并填入，请核对',
    missing: '已填入识别到的内容；未识别：{fields}，请手动填写',
    nothing: '没有识别到收货信息，请检查粘贴的内容',
    fields: { name: '收货人', phone: '手机号', province: '省', city: '市', district: '区/县', detail: '详细地址', postalCode: '邮编' },
  },
};

export type AddressPasteMessages = typeof addressPasteZh;

export const addressPasteEn: AddressPasteMessages = {
  addressPaste: {
    title: 'Smart paste',
    placeholder: 'Paste what the buyer sent, e.g. Zhang San 13800138000 and the address',
    recognise: 'Recognise',
    shortcut: 'Ctrl+Enter recognises',
    allFound: 'Filled in, please check',
    missing: 'Filled in what was found; not found: {fields}, please fill them in',
    nothing: 'No receiver details found, please check the pasted text',
    fields: { name: 'Recipient', phone: 'Mobile', province: 'Province', city: 'City', district: 'District', detail: 'Street address', postalCode: 'Postcode' },
  },
};
