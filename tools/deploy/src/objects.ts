import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

/** A typed kubernetes-models object: validates itself against the official OpenAPI schema. */
type Model = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string } | undefined;
  validate(): void;
  toJSON(): unknown;
};

/**
 * Adds a kubernetes-models object to a chart after validating it, so a wrong field fails the
 * synth itself (the test validates the written YAML again, independently).
 */
export function addModel(scope: Construct, model: Model): ApiObject {
  model.validate();
  const name = model.metadata?.name;
  if (!name) throw new Error(`${model.kind} without a name`);
  const { apiVersion, kind, ...rest } = model.toJSON() as {
    apiVersion: string;
    kind: string;
  } & Record<string, unknown>;
  return new ApiObject(scope, `${kind}-${name}`, { apiVersion, kind, ...rest });
}
