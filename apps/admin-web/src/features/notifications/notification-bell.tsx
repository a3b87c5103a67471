import type { Notification } from '@kiryana/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';
import { notificationsQuery } from './notifications.queries';

/**
 * The bell in the top bar: how many low-stock alerts of the reader's stores are unread, and on
 * opening, the newest of them with product, store and level, each to be marked read (for the
 * whole store), or all at once. The list refetches when the admin stream says an alert was raised.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery(notificationsQuery(api));
  const markRead = useMutation({
    mutationFn: (id: string | null) =>
      api.send<{ marked: number; unread: number }>(
        'POST',
        id === null ? '/v1/admin/notifications/read-all' : `/v1/admin/notifications/${id}/read`,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = list.data?.unread ?? 0;
  const hi = i18n.language === 'hi';
  const text = (n: Notification) =>
    t('notifications.lowStock', {
      product: hi && n.productNameHi ? n.productNameHi : n.productNameEn,
      store: hi && n.storeNameHi ? n.storeNameHi : n.storeNameEn,
      qty: format.qty(n.qtyBase, n),
      reorder: format.qty(n.reorderLevelBase, n),
    });
  return (
    <div className="notifications">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="notifications-panel"
        aria-label={t('notifications.bell', { n: format.number(unread) })}
        onClick={() => {
          setOpen(!open);
        }}
      >
        {t('notifications.title')}{' '}
        <span className={unread > 0 ? 'tag' : undefined} data-testid="notification-count">
          {format.number(unread)}
        </span>
      </button>
      {open && (
        <section
          id="notifications-panel"
          className="panel notifications-panel"
          aria-label={t('notifications.title')}
        >
          <QueryStatus isPending={list.isPending} error={list.error ?? markRead.error} />
          {list.data?.notifications.length === 0 && (
            <p className="muted">{t('notifications.none')}</p>
          )}
          <ul>
            {(list.data?.notifications ?? []).map((n) => (
              <li key={n.id} data-testid="notification-item" data-unread={n.readAt === null}>
                <span className={n.readAt === null ? undefined : 'muted'}>{text(n)}</span>
                <div className="muted">{format.dateTime(n.occurredAt)}</div>
                {n.readAt === null && (
                  <button
                    type="button"
                    disabled={markRead.isPending}
                    onClick={() => {
                      markRead.mutate(n.id);
                    }}
                  >
                    {t('notifications.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {unread > 0 && (
            <button
              type="button"
              disabled={markRead.isPending}
              onClick={() => {
                markRead.mutate(null);
              }}
            >
              {t('notifications.markAllRead')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
