import { readFileSync, readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** Reading the committed manifests back, for the tests (and anyone checking deploy/k8s/). */

const K8S_DIR = new URL('../../../deploy/k8s/', import.meta.url);

/** A Kubernetes object as read from YAML. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
};

/** deploy/k8s/*.yaml as committed: file name → text. */
export function readCommittedManifests(): Map<string, string> {
  const names = readdirSync(K8S_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  return new Map(names.map((name) => [name, readFileSync(new URL(name, K8S_DIR), 'utf8')]));
}

/** Every object of every file, in file order; a YAML error throws with the file's name. */
export function parseManifests(files: ReadonlyMap<string, string>): K8sObject[] {
  return [...files].flatMap(([name, text]) =>
    parseAllDocuments(text).map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${name}: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject;
    }),
  );
}
