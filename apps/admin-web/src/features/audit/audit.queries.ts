import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import type { AuditExport, AuditVerification } from '../../api/types';

/** The audit entries of a period in the reader's scope (the identity feature's export API). */
export const auditEntriesQuery = (api: ApiClient, from: string, to: string) =>
  queryOptions({
    queryKey: ['audit', from, to],
    queryFn: ({ signal }) =>
      api.get<AuditExport>(
        `/v1/audit/export?${new URLSearchParams({ from, to, format: 'json' }).toString()}`,
        signal,
      ),
  });

/** Whether every chain in reach verifies, and the first break of each that does not. */
export const auditVerifyQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: ['audit-verify'],
    queryFn: ({ signal }) => api.get<AuditVerification>('/v1/audit/verify', signal),
  });
