import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import type { ImportIssue, ImportReport } from '../../api/types';
import { useApi } from '../../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { QueryStatus } from '../../ui/query-status';

/**
 * Bulk import from CSV: choose a file, the server checks every row (a dry run that writes
 * nothing) and lists each bad row with its reasons; only a clean file can be imported.
 */
export function ImportScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<{ name: string; csv: string }>();
  const check = useMutation({
    mutationFn: (csv: string) =>
      api.send<ImportReport>('POST', '/v1/admin/products/import', { csv, dryRun: true }),
  });
  const run = useMutation({
    mutationFn: (csv: string) =>
      api.send<ImportReport>('POST', '/v1/admin/products/import', { csv, dryRun: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['products'] }),
  });
  const report = check.data;
  const issueText = (issue: ImportIssue) =>
    t(`import.issue.${issue.code}`, { field: t(`import.column.${issue.field}`) });
  const refused =
    run.error instanceof ApiError ? (run.error.details as ImportReport | undefined) : undefined;
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <p>{t('import.help')}</p>
      <label className="field" htmlFor="import-file">
        <span>{t('import.file')}</span>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            run.reset();
            check.reset();
            if (!chosen) return;
            void chosen.text().then((csv) => {
              setFile({ name: chosen.name, csv });
              check.mutate(csv);
            });
          }}
        />
      </label>
      <QueryStatus isPending={check.isPending} error={check.error} />
      {report && (
        <div role="status" data-testid="import-report">
          <p>
            {t('import.summary', {
              rows: format.number(report.rows),
              created: format.number(report.created),
              updated: format.number(report.updated),
            })}
          </p>
          {report.errors.length > 0 ? (
            <>
              <p className="error">
                {t('import.refused', { count: report.errors.length, file: file?.name ?? '' })}
              </p>
              <div className="table-wrap">
                <table data-testid="import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t('import.line')}</th>
                      <th scope="col">{t('catalogue.sku')}</th>
                      <th scope="col">{t('import.reasons')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.map((e) => (
                      <tr key={e.line}>
                        <th scope="row">{format.number(e.line)}</th>
                        <td>{e.sku}</td>
                        <td>
                          <ul>
                            {e.issues.map((issue, i) => (
                              <li key={i}>{issueText(issue)}</li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p>{t('import.clean')}</p>
          )}
        </div>
      )}
      {report && report.errors.length === 0 && file && !run.data && (
        <button
          type="button"
          className="primary"
          disabled={run.isPending}
          onClick={() => {
            run.mutate(file.csv);
          }}
        >
          {t('import.run', { count: report.rows })}
        </button>
      )}
      {run.data?.imported && (
        <p role="status" data-testid="import-done">
          {t('import.done', {
            created: format.number(run.data.created),
            updated: format.number(run.data.updated),
          })}
        </p>
      )}
      {refused ? (
        <p role="alert">
          {t('import.refused', { count: refused.errors.length, file: file?.name ?? '' })}
        </p>
      ) : (
        <QueryStatus isPending={false} error={run.error} />
      )}
    </section>
  );
}
