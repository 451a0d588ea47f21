import { Space } from 'antd';
import { Link } from 'react-router-dom';
import type { Messages } from '../app/locales/zh';
import type { Order } from './api';

/** The order page's links between a reissue order (补发单) and the order it sends again, as description items. */
export function reissueItems(order: Order, words: Messages['orders']) {
  const link = (o: Order['reissues'][number]) => (
    <Link key={o.id} to={`/orders/${o.id}`}>
      {o.orderNo}
    </Link>
  );
  return [
    ...(order.reissueOf ? [{ key: 'reissueOf', label: words.reissueOf, children: link(order.reissueOf) }] : []),
    ...(order.reissues.length ? [{ key: 'reissues', label: words.reissues, children: <Space wrap>{order.reissues.map(link)}</Space> }] : []),
  ];
}
