/** The edits buyers ask for on the order page (改地址, 改规格, 催付), zh-CN first; the en copy has the same keys. */
export const orderEditsZh = {
  orderEdits: {
    changeAddress: '改地址',
    changeAddressTitle: '修改收货地址',
    changeAddressInWave: '订单正在配货：改地址会拦截包裹，已拣商品回库，订单回到待发货，按新地址重新配货。',
    addressChanged: '收货地址已修改',
    addressChangedInWave: '收货地址已修改，包裹已拦截，订单回到待发货',
    receiverName: '收货人',
    receiverPhone: '手机号',
    changeSku: '改规格',
    changeSkuTitle: '修改规格：{product}',
    currentSpec: '当前规格',
    newSpec: '换成',
    keepsPrice: '按原成交价 {price} 计算，订单金额不变；库存在订单发货仓重新占用。',
    skuOption: '{code} · {spec} · 可用 {available}',
    skuCurrent: '（当前）',
    skuOffSale: '（已下架）',
    skuChanged: '规格已修改',
    remindPayment: '催付',
    remindConfirm: '给买家发送付款提醒？',
    reminded: '已发送催付提醒',
    remarkWrittenAt: '写于 {time}',
  },
};

export type OrderEditsMessages = typeof orderEditsZh;

export const orderEditsEn: OrderEditsMessages = {
  orderEdits: {
    changeAddress: 'Change address',
    changeAddressTitle: 'Change the delivery address',
    changeAddressInWave: 'This order is being picked: changing the address intercepts its parcel, the picked items go back to the shelf, and the order waits to be waved again with the new address.',
    addressChanged: 'Address changed',
    addressChangedInWave: 'Address changed; the parcel was intercepted and the order waits to be waved again',
    receiverName: 'Receiver',
    receiverPhone: 'Mobile',
    changeSku: 'Change spec',
    changeSkuTitle: 'Change spec: {product}',
    currentSpec: 'Current spec',
    newSpec: 'Change to',
    keepsPrice: 'Charged at the price paid, {price}; the order total does not change. Stock is reserved again in the order’s warehouse.',
    skuOption: '{code} · {spec} · {available} available',
    skuCurrent: ' (current)',
    skuOffSale: ' (delisted)',
    skuChanged: 'Spec changed',
    remindPayment: 'Remind to pay',
    remindConfirm: 'Send the buyer a payment reminder?',
    reminded: 'Payment reminder sent',
    remarkWrittenAt: 'written {time}',
  },
};
