import { taxClassSchema } from '@kiryana/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../auth/auth-context';

/**
 * The save of every tax-class form: the server answers with the class as it now stands, so the
 * answer is checked against the shared schema, the list is refetched and the form closes.
 */
export function useTaxClassMutation<Body>({
  send,
  onDone,
  onError,
}: {
  send: (api: ApiClient, body: Body) => Promise<unknown>;
  onDone: () => void;
  onError?: (error: Error) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Body) => taxClassSchema.parse(await send(api, body)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['tax-classes'] });
      onDone();
    },
    onError,
  });
}
