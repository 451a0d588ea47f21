import { useQueryClient } from '@tanstack/react-query';

/** Everything an order change can move: lists, details, the review queue, stock. */
export function useRefreshAfterOrderChange() {
  const queryClient = useQueryClient();
  return () => Promise.all(['orders', 'order', 'levels', 'workbench'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
}
